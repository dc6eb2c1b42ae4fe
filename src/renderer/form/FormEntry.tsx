// Entry of one form instance rendered from the study definition: puts together the values as typed, the live
// evaluation, saving, the unsaved-changes guard, the keyboard shortcuts and the dialogs (each in form/entry/),
// and the open data queries on the record (on its fields and on the form as a whole).

import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { CasebookLockOut } from '../../shared/contract/casebook-lock';
import type { FormInstanceOut } from '../../shared/contract/forms';
import type { QueryOut } from '../../shared/contract/queries';
import type { EvaluationData } from '../../shared/contract/subjects';
import type { Form } from '../../shared/study/definition.schema';
import type { ApiError } from '../api/api-error';
import { mayWriteField } from '../app/permissions';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { useT } from '../i18n/lang-context';
import { openOnRecord, queriedAmong } from '../queries/query-groups';
import { QueryNotes } from '../queries/QueryNotes';
import { useQueries } from '../queries/use-queries';
import { useRaiseQuery } from '../queries/use-raise-query';
import { ChecksPanel } from './ChecksPanel';
import { FieldList } from './entry/FieldList';
import { FormActions } from './entry/FormActions';
import { FormDialogs } from './entry/FormDialogs';
import { FormErrorBanner } from './entry/FormErrorBanner';
import { FormStatusRow } from './entry/FormStatusRow';
import type { PendingDialog } from './entry/pending';
import { useEntryValues } from './entry/use-entry-values';
import { useFormSave } from './entry/use-form-save';
import { useFormShortcuts } from './entry/use-form-shortcuts';
import { useLiveChecks } from './entry/use-live-checks';
import { useOverrides } from './entry/use-overrides';
import { useUnitCostProposals } from './entry/use-unit-cost-proposals';
import { useUnsavedGuard } from './entry/use-unsaved-guard';
import { changedEntries } from './form-values';

export interface FormEntryProps {
  readonly subjectId: string;
  readonly form: Form;
  /** null for an instance not saved yet. */
  readonly instance: FormInstanceOut | null;
  /** The instance's number, or the number it will most likely get. */
  readonly instanceNo: number;
  readonly base: EvaluationData;
  /** The subject's casebook lock: the form is unlocked with the casebook, so no per-form unlock. */
  readonly casebookLock: CasebookLockOut | null;
  readonly onChanged: (instance: FormInstanceOut) => Promise<void>;
  readonly onStep: ((step: 1 | -1) => void) | undefined;
}

export function FormEntry({ subjectId, form, instance, instanceNo, base, casebookLock, onChanged, onStep }: FormEntryProps): ReactNode {
  const { api, session, study, can } = useWorkspace();
  const { t } = useT();
  const lang = useLang();
  const values = useEntryValues({ study, form, instance, base, lang, siteId: session.siteId, subjectId });
  useUnitCostProposals({ study, form, control: values.control, setValue: values.setValue, lang });
  const overrides = useOverrides({ base, form: form.key, instanceNo, username: session.username, initial: values.initial });
  const [pending, setPending] = useState<PendingDialog>(null);
  const closeDialog = useCallback(() => setPending(null), []);
  const loaded = useQueries(subjectId);
  const queries = useMemo(() => openOnRecord(instance ? (loaded.queries ?? []) : [], { subjectId, form: form.key, instanceNo }), [loaded.queries, instance, subjectId, form.key, instanceNo]);
  const answerQuery = useCallback((query: QueryOut) => setPending({ kind: 'answer', query }), []);
  const { reload: reloadQueries } = loaded;
  // A save whose reason names a query answers it: the badges follow.
  const changed = useCallback(
    async (saved: FormInstanceOut) => {
      await onChanged(saved);
      await reloadQueries();
    },
    [onChanged, reloadQueries],
  );

  const status = instance?.status ?? 'draft';
  const locked = status === 'locked';
  const live = useLiveChecks({ study, base, form, instanceNo, entries: values.parsed.entries, overrides: overrides.all, pendingOverrides: overrides.pending, status, lang });

  // On the central store nothing is written: the form is shown read-only.
  const entry = can('form.save');
  const writable = useMemo(() => (entry ? form.fields.filter((f) => f.name !== form.sequenceField && mayWriteField(session.role, f)).map((f) => f.name) : []), [form, session.role, entry]);
  const edited = Object.keys(changedEntries(values.initialEntries, values.parsed.entries, writable)).length > 0 || values.parsed.issues.size > 0;
  const dirty = edited || Object.keys(overrides.pending).length > 0;
  const canSave = !locked && writable.length > 0;

  useUnsavedGuard(dirty, (answer) => setPending({ kind: 'leave', answer }));
  const saving = useFormSave({
    subjectId,
    form,
    instance,
    instanceNo,
    schema: values.schema,
    stored: values.stored,
    writable,
    overrides: overrides.pending,
    canSave,
    getValues: values.getValues,
    trigger: values.trigger,
    onChanged: changed,
    asksReason: (fields) => queriedAmong(queries, fields).length > 0,
    askReason: (complete) => setPending({ kind: 'reason', complete }),
    closeDialog,
  });
  // The coordinator questions the merged data: on a field or on the form (the record must exist at the centre).
  const raising = useRaiseQuery({
    subjectId,
    form: form.key,
    instanceNo,
    formLabel: `${form.specId} ${form.title[lang]}`,
    enabled: can('query.manage') && instance !== null,
    onRaised: (query) => {
      saving.setMessage(t('centralCasebook.raised', { id: query.id }));
      void reloadQueries();
    },
  });
  useFormShortcuts({ saveDraft: () => void saving.save(false), markComplete: () => void saving.save(true), step: onStep });

  const openHistory = useCallback((field: string, label: string) => setPending({ kind: 'history', field, label }), []);
  const openOverride = useCallback((id: string) => setPending({ kind: 'override', id }), []);
  const labelOf = (name: string): string => form.fields.find((x) => x.name === name)?.label[lang] ?? name;
  const ref = { subjectId, form: form.key, instanceNo };
  const onAnswer = can('query.answer') ? answerQuery : undefined;
  const changingFields = pending?.kind === 'reason' ? Object.keys(changedEntries(values.stored, values.parsed.entries, writable)) : [];
  const title = `${form.specId} ${form.title[lang]}`;
  // An action that fails in a confirmation dialog closes it and shows the error under the form.
  const failInForm = (e: ApiError | null): void => {
    if (e === null) return;
    saving.setError(e);
    setPending(null);
  };

  return (
    <div className="form-entry">
      <FormStatusRow instance={instance} casebookLock={casebookLock} missing={live.missing.size} failures={live.failures} dirty={dirty} wouldClear={live.wouldClear} />
      <QueryNotes queries={queries.formLevel} label={t('queries.formLevel')} onAnswer={onAnswer} />
      {raising.raiseOnForm ? (
        <p>
          <button type="button" onClick={raising.raiseOnForm}>
            {t('centralCasebook.raiseOnForm')}
          </button>
        </p>
      ) : null}
      <ChecksPanel failures={live.failures} readOnly={!canSave} onOverride={openOverride} />
      <FieldList
        form={form}
        title={title}
        instance={instance}
        instanceNo={instanceNo}
        control={values.control}
        errors={values.errors}
        live={live}
        readOnly={locked || !entry}
        showMissing={saving.triedComplete}
        onSubmit={() => void saving.save(false)}
        onHistory={openHistory}
        onOverride={openOverride}
        queries={queries.byField}
        onAnswerQuery={onAnswer}
        onRaiseQuery={raising.onRaiseField}
      />
      <FormErrorBanner error={saving.error} missing={live.missing} labelOf={labelOf} />
      <p className="save-message" role="status">
        {saving.message}
      </p>
      <FormActions instance={instance} casebookLocked={casebookLock !== null} canSave={canSave} busy={saving.busy} dirty={dirty} onSave={(complete) => void saving.save(complete)} onOpen={(kind) => setPending({ kind })} onStep={onStep} />
      <FormDialogs
        pending={pending}
        subjectId={subjectId}
        form={form.key}
        instanceNo={instanceNo}
        title={title}
        changing={changingFields.map(labelOf)}
        completedOnce={instance?.completedOnce === true}
        answering={queriedAmong(queries, changingFields)}
        checkMessage={(id) => live.evaluation.failures.find((f) => f.id === id)?.message[lang]}
        overrideReason={(id) => overrides.pending[id]}
        onClose={closeDialog}
        onReason={(complete, reason) => {
          setPending(null);
          void saving.save(complete, reason);
        }}
        onOverride={(id, reason) => {
          overrides.override(id, reason);
          setPending(null);
          saving.setMessage(t('checks.overrideNoted'));
        }}
        onSign={(password) => saving.act(() => api.call('forms:sign', { ...ref, password }), t('form.signed'))}
        onLock={() => void saving.act(() => api.call('forms:lock', ref), t('form.lockedDone')).then(failInForm)}
        onUnlock={(reason) => void saving.act(() => api.call('forms:unlock', { ...ref, reason }), t('form.unlockedDone')).then(failInForm)}
        onAnswered={(query) => {
          setPending(null);
          saving.setMessage(t('queries.answered', { id: query.id }));
          void reloadQueries();
        }}
      />
      {raising.dialog}
    </div>
  );
}
