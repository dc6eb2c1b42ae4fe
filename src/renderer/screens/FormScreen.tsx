// Loads what a form needs (the instance, the subject's data for live evaluation) and hosts its entry; after a
// save it reloads both, and a new instance takes the number the server gave it without leaving the screen.

import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CasebookLockOut } from '../../shared/contract/casebook-lock';
import type { FormInstanceOut } from '../../shared/contract/forms';
import type { EvaluationData } from '../../shared/contract/subjects';
import { asApiError, type ApiError } from '../api/api-error';
import { useRouter } from '../app/router';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from '../components/ErrorAlert';
import { formSlots, neighbourSlot } from '../form/form-slots';
import { FormEntry } from '../form/FormEntry';

export interface FormScreenProps {
  readonly subjectId: string;
  readonly formKey: string;
  /** undefined: a new instance of a repeating form. */
  readonly instanceNo: number | undefined;
}

export function FormScreen({ subjectId, formKey, instanceNo }: FormScreenProps): ReactNode {
  const { api, study } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const form = study.form(formKey);
  const [base, setBase] = useState<EvaluationData | null>(null);
  const [instance, setInstance] = useState<FormInstanceOut | null | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [casebookLock, setCasebookLock] = useState<CasebookLockOut | null>(null);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        // One round trip: the instance (null when not filled in yet) and the subject's data for live evaluation.
        const { evaluation, instance: loaded, casebookLock: lock } = await api.call('forms:open', { subjectId, form: formKey, ...(instanceNo === undefined ? {} : { instanceNo }) });
        if (cancelled) return;
        setBase(evaluation);
        setInstance(loaded);
        setCasebookLock(lock);
      } catch (e) {
        if (!cancelled) setError(asApiError(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, subjectId, formKey, instanceNo]);

  const onChanged = useCallback(
    async (saved: FormInstanceOut) => {
      setInstance(saved);
      if (instanceNo !== saved.instanceNo) router.replace({ name: 'form', subjectId, form: formKey, instanceNo: saved.instanceNo });
      setBase(await api.call('subjects:evaluationData', { subjectId }));
    },
    [api, router, subjectId, formKey, instanceNo],
  );

  const effectiveNo = instance?.instanceNo ?? instanceNo ?? 1 + Math.max(0, ...(base?.instances.filter((i) => i.form === formKey).map((i) => i.instanceNo) ?? []));
  const slots = useMemo(() => (base ? formSlots(study.definition.forms, base.instances) : []), [base, study]);
  const step = (direction: 1 | -1): void => {
    const target = neighbourSlot(slots, { form: formKey, instanceNo: instance ? effectiveNo : instanceNo }, direction);
    if (target) void router.navigate({ name: 'form', subjectId, form: target.form, instanceNo: target.instanceNo });
  };

  if (!form) return <p role="alert">{t('form.unknown', { form: formKey })}</p>;
  const title = `${form.specId} ${form.title[lang]}`;
  return (
    <main aria-labelledby="form-title">
      <div className="screen-head">
        <h1 id="form-title">
          {title}
          {form.repeating ? <span className="instance-no"> {instance ? `#${effectiveNo}` : t('form.newInstance')}</span> : null}
        </h1>
        <span className="mono subject-tag">{subjectId}</span>
        <button type="button" onClick={() => void router.navigate({ name: 'casebook', subjectId })}>
          {t('form.backToCasebook')}
        </button>
      </div>
      <ErrorAlert error={error} />
      {base && instance !== undefined ? (
        <FormEntry subjectId={subjectId} form={form} instance={instance} instanceNo={effectiveNo} base={base} casebookLock={casebookLock} onChanged={onChanged} onStep={step} />
      ) : !error ? (
        <p>{t('common.loading')}</p>
      ) : null}
    </main>
  );
}
