// Entry of one form instance rendered from the study definition: react-hook-form with the zod schema generated
// from the definition, live evaluation (calculations, show-if, checks), save draft / mark complete with reasons
// and overrides, sign / lock / unlock, keyboard shortcuts and the unsaved-changes guard.

import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useForm, useWatch, type FieldErrors, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FormInstanceOut } from '../../shared/contract/forms';
import type { EvaluationData } from '../../shared/contract/subjects';
import { parseIsoDate } from '../../shared/dates/partial-date';
import type { CompiledStudy } from '../../shared/study/compile';
import type { Form } from '../../shared/study/definition.schema';
import type { SoftOverride } from '../../shared/study/evaluate-subject';
import { buildFormSchema, type FormSchema } from '../../shared/study/form-schema';
import { asApiError, type ApiError } from '../api/api-error';
import { mayWriteField } from '../app/permissions';
import { useRouter } from '../app/router';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReasonDialog } from '../components/ReasonDialog';
import { StatusBadge } from '../components/StatusBadge';
import { ChecksPanel } from './ChecksPanel';
import { FieldRow, type FailureView } from './FieldRow';
import { changedEntries, initialUiValues, parseUiValues, type UiValues } from './form-values';
import { HistoryDialog } from './HistoryDialog';
import { evaluateLive } from './live-evaluation';
import { SignDialog } from './SignDialog';

export interface FormEntryProps {
  readonly subjectId: string;
  readonly form: Form;
  /** null for an instance not saved yet. */
  readonly instance: FormInstanceOut | null;
  /** The instance's number, or the number it will most likely get. */
  readonly instanceNo: number;
  readonly base: EvaluationData;
  readonly onChanged: (instance: FormInstanceOut) => Promise<void>;
  readonly onStep: ((step: 1 | -1) => void) | undefined;
}

const NO_FAILURES: readonly FailureView[] = [];

// A form's schema depends on the form and today only: built once per day and form, not on every opening.
const schemas = new WeakMap<Form, { today: number; schema: FormSchema }>();
function schemaOf(study: CompiledStudy, form: Form, today: number): FormSchema {
  const cached = schemas.get(form);
  if (cached?.today === today) return cached.schema;
  const schema = buildFormSchema(study, form, { today });
  schemas.set(form, { today, schema });
  return schema;
}

type Pending = { kind: 'reason'; complete: boolean } | { kind: 'override'; id: string } | { kind: 'sign' } | { kind: 'lock' } | { kind: 'unlock' } | { kind: 'history'; field: string; label: string } | { kind: 'leave'; answer: (ok: boolean) => void } | null;

export function FormEntry({ subjectId, form, instance, instanceNo, base, onChanged, onStep }: FormEntryProps): ReactNode {
  const { api, session, study, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const today = parseIsoDate(base.today) ?? 0;
  const schema = useMemo(() => schemaOf(study, form, today), [study, form, today]);
  const stored = useMemo(() => instance?.data ?? {}, [instance]);
  const initial = useMemo(
    () => initialUiValues(form, stored, lang, { siteId: session.siteId, today: base.today, isNew: instance === null }),
    // Re-formatting on a language switch would discard what is being typed: initial values follow the data only.
    [form, stored],

  );

  const resolver = useCallback<Resolver<UiValues>>(
    (values) => {
      const { issues } = parseUiValues(schema, form, values);
      if (issues.size === 0) return { values, errors: {} };
      const errors: FieldErrors<UiValues> = {};
      for (const [name, issue] of issues) errors[name] = { type: issue.code, message: issue.detail ?? '' };
      return { values: {}, errors };
    },
    [schema, form],
  );
  const { control, reset, getValues, trigger, formState } = useForm<UiValues>({ defaultValues: initial, resolver, mode: 'onBlur', reValidateMode: 'onChange' });
  const values = useWatch({ control }) as UiValues;
  const parsed = useMemo(() => parseUiValues(schema, form, values), [schema, form, values]);
  const initialEntries = useMemo(() => parseUiValues(schema, form, initial).entries, [schema, form, initial]);

  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [triedComplete, setTriedComplete] = useState(false);

  // New stored values (after a save): the form starts again from them. Not on mount: useForm already has them,
  // and a reset there would render every field a second time.
  const shown = useRef(initial);
  useEffect(() => {
    if (shown.current === initial) return;
    shown.current = initial;
    reset(initial);
    setOverrides({});
  }, [initial, reset]);

  const status = instance?.status ?? 'draft';
  const locked = status === 'locked';
  const baseOverrides = useMemo(() => base.instances.find((i) => i.form === form.key && i.instanceNo === instanceNo)?.overrides ?? {}, [base, form.key, instanceNo]);
  const allOverrides = useMemo<Record<string, SoftOverride>>(
    () => ({ ...baseOverrides, ...Object.fromEntries(Object.entries(overrides).map(([id, reason]) => [id, { reason, by: session.username, at: '' }])) }),
    [baseOverrides, overrides, session.username],
  );
  // The subject-wide evaluation (~10–30 ms) runs on a deferred copy of the entries: typing stays immediate and
  // checks, calculations and visibility follow as soon as the browser is idle.
  const deferredEntries = useDeferredValue(parsed.entries);
  const live = useMemo(
    () => evaluateLive({ study, base, form: form.key, instanceNo, entries: deferredEntries, overrides: allOverrides, status }),
    [study, base, form.key, instanceNo, deferredEntries, allOverrides, status],
  );

  // On the central store nothing is written: the form is shown read-only.
  const entry = can('form.save');
  const writable = useMemo(() => (entry ? form.fields.filter((f) => f.name !== form.sequenceField && mayWriteField(session.role, f)).map((f) => f.name) : []), [form, session.role, entry]);
  const patch = changedEntries(stored, parsed.entries, writable);
  const edited = Object.keys(changedEntries(initialEntries, parsed.entries, writable)).length > 0 || parsed.issues.size > 0;
  const dirty = edited || Object.keys(overrides).length > 0;
  const canSave = !locked && writable.length > 0;

  // ------------------------------------------------------------------ leaving with unsaved changes
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const { setGuard } = router;
  useEffect(() => {
    setGuard(() => (dirtyRef.current ? new Promise<boolean>((answer) => setPending({ kind: 'leave', answer })) : true));
    return () => setGuard(null);
  }, [setGuard]);
  useEffect(() => {
    if (!dirty) return undefined;
    const warn = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  // ------------------------------------------------------------------ saving
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
    if (instance?.completedOnce && changes && reason === undefined) {
      setPending({ kind: 'reason', complete });
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
      if (e.code === 'form.reasonRequired') setPending({ kind: 'reason', complete });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const act = async (run: () => Promise<FormInstanceOut>, done: string): Promise<ApiError | null> => {
    setError(null);
    try {
      const out = await run();
      setPending(null);
      setMessage(done);
      await onChanged(out);
      return null;
    } catch (caught) {
      return asApiError(caught);
    }
  };
  const ref = { subjectId, form: form.key, instanceNo };

  // ------------------------------------------------------------------ shortcuts
  const shortcuts = useRef<(event: KeyboardEvent) => void>(() => undefined);
  shortcuts.current = (event: KeyboardEvent) => {
    if (document.querySelector('dialog[open]')) return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (ctrl && !event.altKey && event.code === 'KeyS') {
      event.preventDefault();
      void save(false);
    } else if (ctrl && event.key === 'Enter') {
      event.preventDefault();
      void save(true);
    } else if (event.altKey && !ctrl && (event.code === 'KeyN' || event.code === 'KeyP') && onStep) {
      event.preventDefault();
      onStep(event.code === 'KeyN' ? 1 : -1);
    }
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => shortcuts.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // ------------------------------------------------------------------ rendering
  const hidden = useMemo(() => new Set(live.evaluation.hidden), [live]);
  const missing = useMemo(() => new Set(live.evaluation.missing), [live]);
  const failureViews = useMemo<FailureView[]>(
    () =>
      live.evaluation.failures.map((f) => ({
        id: f.id,
        severity: f.severity,
        message: f.message,
        override: overrides[f.id] !== undefined ? { reason: overrides[f.id]!, pending: true } : f.overriddenBy ? { reason: f.overriddenBy.reason, pending: false } : null,
      })),
    [live, overrides],
  );
  // Per field, the same array object while nothing changed, so memoised rows are not re-rendered.
  const failuresByField = useMemo(() => {
    const map = new Map<string, FailureView[]>();
    live.evaluation.failures.forEach((f, i) => {
      for (const name of f.fields) map.set(name, [...(map.get(name) ?? []), failureViews[i]!]);
    });
    return map;
  }, [live, failureViews]);
  const openHistory = useCallback((field: string, label: string) => setPending({ kind: 'history', field, label }), []);
  const openOverride = useCallback((id: string) => setPending({ kind: 'override', id }), []);
  const clearedLabels = live.wouldClear.map((f) => form.fields.find((x) => x.name === f)?.label[lang] ?? f);
  const title = `${form.specId} ${form.title[lang]}`;
  const errors = formState.errors;

  return (
    <div className="form-entry">
      <div className="form-status-row">
        <StatusBadge status={instance ? status : 'empty'} />
        {instance ? <span className="hint">{t('form.version', { version: instance.version })}</span> : <span className="hint">{t('form.notSaved')}</span>}
        {instance?.signedBy ? <span className="hint">{t('form.signedBy', { user: instance.signedBy })}</span> : null}
        {instance?.lockedBy ? <span className="hint">{t('form.lockedBy', { user: instance.lockedBy })}</span> : null}
        <span className="hint">{t('form.counts', { missing: missing.size, hard: failureViews.filter((f) => f.severity === 'hard').length, soft: failureViews.filter((f) => f.severity === 'soft' && !f.override).length })}</span>
        {dirty ? <span className="pill pill-warn">{t('form.unsaved')}</span> : null}
      </div>
      {status === 'signed' ? <p className="alert alert-info">{t('form.signedWarning')}</p> : null}
      {locked ? <p className="alert alert-info">{t('form.lockedInfo')}</p> : null}
      {clearedLabels.length > 0 ? (
        <p className="alert alert-warning" role="status">
          {t('form.willClear', { fields: clearedLabels.join(', ') })}
        </p>
      ) : null}
      <ChecksPanel failures={failureViews} readOnly={!canSave} onOverride={openOverride} />
      <form
        className="form-fields"
        aria-label={title}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(false);
        }}
      >
        {form.fields
          .filter((f) => !hidden.has(f.name))
          .map((f) => (
            <FieldRow
              key={f.name}
              field={f}
              choices={study.field(form.key, f.name)?.choices}
              control={control}
              readOnly={locked || !entry || !mayWriteField(session.role, f) || f.name === form.sequenceField}
              issueCode={errors[f.name]?.type === undefined ? undefined : String(errors[f.name]?.type)}
              issueDetail={errors[f.name]?.message}
              failures={failuresByField.get(f.name) ?? NO_FAILURES}
              missing={missing.has(f.name)}
              showMissing={triedComplete}
              calcValue={f.type === 'calc' ? live.evaluation.calcs[f.name] : undefined}
              sequenceNo={f.name === form.sequenceField ? (instance ? instanceNo : 0) : undefined}
              onHistory={instance ? openHistory : undefined}
              onOverride={openOverride}
            />
          ))}
      </form>
      <ErrorAlert error={error} />
      <p className="save-message" role="status">
        {message}
      </p>
      <div className="form-actions" role="group" aria-label={t('form.actions')}>
        {onStep ? (
          <button type="button" onClick={() => onStep(-1)} aria-keyshortcuts="Alt+P">
            {t('form.previous')} <kbd>Alt+P</kbd>
          </button>
        ) : null}
        {canSave ? (
          <>
            <button type="button" onClick={() => void save(false)} disabled={busy} aria-keyshortcuts="Control+S">
              {t('form.saveDraft')} <kbd>Ctrl+S</kbd>
            </button>
            <button type="button" className="primary" onClick={() => void save(true)} disabled={busy} aria-keyshortcuts="Control+Enter">
              {t('form.markComplete')} <kbd>{t('form.ctrlEnter')}</kbd>
            </button>
          </>
        ) : null}
        {instance && status === 'complete' && can('form.sign') ? (
          <button type="button" onClick={() => setPending({ kind: 'sign' })} disabled={dirty}>
            {t('form.sign')}
          </button>
        ) : null}
        {instance && status === 'signed' && can('form.lock') ? (
          <button type="button" onClick={() => setPending({ kind: 'lock' })} disabled={dirty}>
            {t('form.lock')}
          </button>
        ) : null}
        {instance && locked && can('form.unlock') ? (
          <button type="button" onClick={() => setPending({ kind: 'unlock' })}>
            {t('form.unlock')}
          </button>
        ) : null}
        {onStep ? (
          <button type="button" onClick={() => onStep(1)} aria-keyshortcuts="Alt+N">
            {t('form.next')} <kbd>Alt+N</kbd>
          </button>
        ) : null}
      </div>

      {pending?.kind === 'reason' ? (
        <ReasonDialog
          title={t('form.reasonTitle')}
          explanation={t('form.reasonExplain', { fields: Object.keys(patch).map((f) => form.fields.find((x) => x.name === f)?.label[lang] ?? f).join(', ') })}
          confirmLabel={pending.complete ? t('form.markComplete') : t('form.saveDraft')}
          onCancel={() => setPending(null)}
          onConfirm={(reason) => {
            const { complete } = pending;
            setPending(null);
            void save(complete, reason);
          }}
        />
      ) : null}
      {pending?.kind === 'override' ? (
        <ReasonDialog
          title={t('checks.overrideTitle', { id: pending.id })}
          explanation={live.evaluation.failures.find((f) => f.id === pending.id)?.message[lang]}
          confirmLabel={t('checks.override')}
          initial={overrides[pending.id] ?? ''}
          onCancel={() => setPending(null)}
          onConfirm={(reason) => {
            setOverrides((o) => ({ ...o, [pending.id]: reason }));
            setPending(null);
            setMessage(t('checks.overrideNoted'));
          }}
        />
      ) : null}
      {pending?.kind === 'sign' ? (
        <SignDialog formTitle={title} onCancel={() => setPending(null)} onSign={(password) => act(() => api.call('forms:sign', { ...ref, password }), t('form.signed'))} />
      ) : null}
      {pending?.kind === 'lock' ? (
        <ConfirmDialog
          title={t('form.lockTitle')}
          message={t('form.lockExplain')}
          confirmLabel={t('form.lock')}
          onCancel={() => setPending(null)}
          onConfirm={() => void act(() => api.call('forms:lock', ref), t('form.lockedDone')).then((e) => e && (setError(e), setPending(null)))}
        />
      ) : null}
      {pending?.kind === 'unlock' ? (
        <ReasonDialog
          title={t('form.unlockTitle')}
          confirmLabel={t('form.unlock')}
          onCancel={() => setPending(null)}
          onConfirm={(reason) => void act(() => api.call('forms:unlock', { ...ref, reason }), t('form.unlockedDone')).then((e) => e && (setError(e), setPending(null)))}
        />
      ) : null}
      {pending?.kind === 'history' ? <HistoryDialog subjectId={subjectId} form={form.key} instanceNo={instanceNo} field={pending.field} label={pending.label} onClose={() => setPending(null)} /> : null}
      {pending?.kind === 'leave' ? (
        <ConfirmDialog
          title={t('form.leaveTitle')}
          message={t('form.leaveExplain')}
          confirmLabel={t('form.leaveDiscard')}
          cancelLabel={t('form.leaveStay')}
          onCancel={() => {
            pending.answer(false);
            setPending(null);
          }}
          onConfirm={() => {
            pending.answer(true);
            setPending(null);
          }}
        />
      ) : null}
    </div>
  );
}
