// Saving the instance (draft or complete, asking for a reason for change once it was completed before) and the
// instance actions (sign, lock, unlock), with the message, error and busy state the screen shows.

import { useState } from 'react';
import type { UseFormGetValues, UseFormTrigger } from 'react-hook-form';
import type { FormInstanceOut } from '../../../shared/contract/forms';
import type { Form } from '../../../shared/study/definition.schema';
import type { FormData } from '../../../shared/study/entries';
import type { FormSchema } from '../../../shared/study/form-schema';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { useT } from '../../i18n/lang-context';
import { changedEntries, parseUiValues, type UiValues } from '../form-values';

export interface FormSaveInput {
  readonly subjectId: string;
  readonly form: Form;
  readonly instance: FormInstanceOut | null;
  readonly instanceNo: number;
  readonly schema: FormSchema;
  readonly stored: FormData;
  /** The fields this user may write here: only these go into the patch. */
  readonly writable: readonly string[];
  /** Soft-check overrides given since the last save. */
  readonly overrides: Readonly<Record<string, string>>;
  readonly canSave: boolean;
  readonly getValues: UseFormGetValues<UiValues>;
  readonly trigger: UseFormTrigger<UiValues>;
  readonly onChanged: (instance: FormInstanceOut) => Promise<void>;
  /** A save changing these fields asks for a reason even on a draft (it offers to answer their queries). */
  readonly asksReason: (changedFields: readonly string[]) => boolean;
  /** Asks for the reason for change, then saves again with it. */
  readonly askReason: (complete: boolean) => void;
  readonly closeDialog: () => void;
}

export interface FormSave {
  save(complete: boolean, reason?: string): Promise<void>;
  /** Runs an instance action; on success closes the dialog and shows `done`, on failure returns the error. */
  act(run: () => Promise<FormInstanceOut>, done: string): Promise<ApiError | null>;
  readonly busy: boolean;
  readonly message: string;
  setMessage(message: string): void;
  readonly error: ApiError | null;
  setError(error: ApiError | null): void;
  /** Mark complete was tried since the last save: required items still empty are shown. */
  readonly triedComplete: boolean;
}

export function useFormSave(input: FormSaveInput): FormSave {
  const { api } = useWorkspace();
  const { t } = useT();
  const lang = useLang();
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [triedComplete, setTriedComplete] = useState(false);
  const { subjectId, form, instance, instanceNo, schema, stored, writable, overrides, canSave, getValues, trigger, onChanged, asksReason, askReason, closeDialog } = input;

  const save = async (complete: boolean, reason?: string): Promise<void> => {
    if (!canSave || busy) return;
    setMessage('');
    setError(null);
    if (complete) setTriedComplete(true);
    const now = parseUiValues(schema, form, getValues());
    if (now.issues.size > 0) {
      await trigger();
      setMessage(t('form.fixInvalid', { count: now.issues.size }));
      return;
    }
    const data = changedEntries(stored, now.entries, writable);
    const changes = Object.keys(data).length > 0;
    if ((instance?.completedOnce || asksReason(Object.keys(data))) && changes && reason === undefined) {
      askReason(complete);
      return;
    }
    setBusy(true);
    try {
      const result = await api.call('forms:save', {
        subjectId,
        form: form.key,
        ...(instance || !form.repeating ? { instanceNo } : {}),
        data,
        expectedVersion: instance?.version ?? 0,
        complete,
        ...(reason !== undefined ? { reason } : {}),
        ...(Object.keys(overrides).length > 0 ? { overrides } : {}),
      });
      const cleared = result.clearedHiddenFields.map((f) => form.fields.find((x) => x.name === f)?.label[lang] ?? f);
      setMessage(
        [complete ? t('form.savedComplete') : t('form.savedDraft'), cleared.length > 0 ? t('form.clearedFields', { fields: cleared.join(', ') }) : ''].filter(Boolean).join(' '),
      );
      setTriedComplete(false);
      await onChanged(result.instance);
    } catch (caught) {
      const e = asApiError(caught);
      if (e.code === 'form.reasonRequired') askReason(complete);
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const act = async (run: () => Promise<FormInstanceOut>, done: string): Promise<ApiError | null> => {
    setError(null);
    try {
      const out = await run();
      closeDialog();
      setMessage(done);
      await onChanged(out);
      return null;
    } catch (caught) {
      return asApiError(caught);
    }
  };

  return { save, act, busy, message, setMessage, error, setError, triedComplete };
}
