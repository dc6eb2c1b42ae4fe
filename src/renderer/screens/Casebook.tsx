// A subject's casebook: the study's forms in order, grouped by specification number, with status badges;
// repeating forms list their instances (open, add, remove with a reason); open queries per form instance and a
// way to the subject's queries; the site-only identification log; the administrator's casebook lock.

import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Casebook as CasebookData, InstanceOverview } from '../../shared/contract/subjects';
import type { Form } from '../../shared/study/definition.schema';
import { asApiError, type ApiError } from '../api/api-error';
import { useRouter } from '../app/router';
import { useLang } from '../app/use-lang';
import { useWorkspace } from '../app/workspace';
import { ErrorAlert } from '../components/ErrorAlert';
import { ReasonDialog } from '../components/ReasonDialog';
import { StatusBadge } from '../components/StatusBadge';
import { specGroup } from '../form/form-slots';
import { formatTimestampLocal } from '../../shared/format';
import { IdentityPanel } from './IdentityPanel';
import { SignAllButton } from './SignAllButton';
import { CasebookLockButton } from './CasebookLockButton';
import { PrintButton } from '../components/PrintButton';
import { awaiting, instanceKey, openByInstance } from '../queries/query-groups';
import { useQueries } from '../queries/use-queries';

function Problems({ instance, queries }: { instance: InstanceOverview; queries: number }): ReactNode {
  const { t } = useTranslation();
  const open = instance.failures.filter((f) => !f.overridden).length;
  return (
    <>
      {queries > 0 ? <span className="query-badge">{t('casebook.queries', { count: queries })}</span> : null}
      {open > 0 ? <span className="pill pill-warn">{t('casebook.checks', { count: open })}</span> : null}
      {instance.missing.length > 0 ? <span className="pill">{t('casebook.missing', { count: instance.missing.length })}</span> : null}
    </>
  );
}

export function Casebook({ subjectId, aside }: { subjectId: string; aside?: ReactNode }): ReactNode {
  const { api, study, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const [data, setData] = useState<CasebookData | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [removing, setRemoving] = useState<InstanceOverview | null>(null);
  const [message, setMessage] = useState('');
  const { queries } = useQueries(subjectId);
  const queriesOf = useMemo(() => {
    const counts = openByInstance(queries ?? []);
    return (i: InstanceOverview): number => counts.get(instanceKey(i.form, i.instanceNo)) ?? 0;
  }, [queries]);
  const awaitingAnswer = awaiting(queries ?? []).length;

  const load = useCallback(() => {
    api
      .call('subjects:casebook', { subjectId })
      .then((c) => {
        setData(c);
        setError(null);
      })
      .catch((e: unknown) => setError(asApiError(e)));
  }, [api, subjectId]);
  useEffect(load, [load]);

  const openForm = (form: string, instanceNo?: number) => () => void router.navigate({ name: 'form', subjectId, form, instanceNo });
  const remove = async (instance: InstanceOverview, reason: string): Promise<void> => {
    setRemoving(null);
    try {
      await api.call('forms:remove', { subjectId, form: instance.form, instanceNo: instance.instanceNo, reason });
      load();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  const groups = new Map<string, Form[]>();
  for (const form of study.definition.forms) {
    const key = specGroup(form.specId);
    groups.set(key, [...(groups.get(key) ?? []), form]);
  }
  const instancesOf = (form: string): InstanceOverview[] => data?.instances.filter((i) => i.form === form) ?? [];
  // A locked casebook takes no new forms: the buttons that would add one are not offered.
  const canEnter = can('form.save') && !data?.lock;

  return (
    <main aria-labelledby="casebook-title">
      <div className="screen-head">
        <h1 id="casebook-title">
          {t('casebook.title')} <span className="mono">{subjectId}</span>
        </h1>
        <button type="button" onClick={() => void router.navigate({ name: 'subjects' })}>
          {t('casebook.back')}
        </button>
        <PrintButton request={{ kind: 'casebook', lang, subjectId }} label={t('print.casebook')} />
        {data && can('form.sign') ? (
          <SignAllButton
            subjectId={subjectId}
            instances={data.instances}
            onSigned={(count) => {
              setMessage(t('signAll.done', { count }));
              load();
            }}
          />
        ) : null}
        {data && can('casebook.lock') ? (
          <CasebookLockButton
            subjectId={subjectId}
            lock={data.lock}
            onError={setError}
            onDone={(done) => {
              setMessage(done);
              load();
            }}
          />
        ) : null}
      </div>
      <p className="save-message" role="status">
        {message}
      </p>
      <ErrorAlert error={error} />
      {data?.lock ? <p className="alert alert-info casebook-locked">{t('casebook.lockedInfo', { by: data.lock.lockedBy, at: formatTimestampLocal(data.lock.lockedAt, lang), reason: data.lock.reason })}</p> : null}
      {data ? (
        <p className="summary" role="status">
          {t('casebook.summary', { complete: data.subject.complete, total: data.subject.instances, signed: data.subject.signed, queries: data.openQueries, missing: data.subject.missingItems })}
        </p>
      ) : null}
      {queries && queries.length > 0 ? (
        <p>
          <button type="button" onClick={() => void router.navigate({ name: 'queries', subjectId })}>
            {t('casebook.subjectQueries', { count: awaitingAnswer })}
          </button>
        </p>
      ) : null}
      {can('identity.read') ? <IdentityPanel subjectId={subjectId} onSaved={load} /> : null}
      <section aria-labelledby="casebook-forms">
        <h2 id="casebook-forms">{t('casebook.forms')}</h2>
        <ol className="casebook-list">
          {[...groups.entries()].map(([group, forms]) => (
            <li key={group} className="casebook-group">
              <span className="spec-id">{group}</span>
              <ul>
                {forms.map((form) => {
                  const instances = instancesOf(form.key);
                  const title = form.title[lang];
                  return (
                    <li key={form.key} className="casebook-form" aria-label={`${form.specId} ${title}`}>
                      <div className="casebook-form-head">
                        <span className="form-title">
                          {form.specId !== group ? <span className="spec-id-sub">{form.specId}</span> : null} {title}
                        </span>
                        {!form.repeating ? (
                          <>
                            <StatusBadge status={instances[0]?.status ?? 'empty'} />
                            {instances[0] ? <Problems instance={instances[0]} queries={queriesOf(instances[0])} /> : null}
                            {instances[0] || canEnter ? (
                              <button type="button" onClick={openForm(form.key, 1)} aria-label={`${instances[0] ? t('casebook.open') : t('casebook.fill')}: ${title}`}>
                                {instances[0] ? t('casebook.open') : t('casebook.fill')}
                              </button>
                            ) : null}
                          </>
                        ) : (
                          <>
                            <span className="pill">{t('casebook.instances', { count: instances.length })}</span>
                            {canEnter ? (
                              <button type="button" onClick={openForm(form.key)} aria-label={`${t('casebook.add')}: ${title}`}>
                                {t('casebook.add')}
                              </button>
                            ) : null}
                          </>
                        )}
                      </div>
                      {form.repeating && instances.length > 0 ? (
                        <ul className="instance-list" aria-label={t('casebook.instanceListOf', { form: title })}>
                          {instances.map((i) => (
                            <li key={i.instanceNo} className="instance-row">
                              <span className="mono">#{i.instanceNo}</span>
                              <StatusBadge status={i.status} />
                              <Problems instance={i} queries={queriesOf(i)} />
                              <span className="hint">{t('casebook.updated', { at: formatTimestampLocal(i.updatedAt, lang), by: i.updatedBy })}</span>
                              <button type="button" onClick={openForm(form.key, i.instanceNo)} aria-label={`${t('casebook.open')}: ${title} #${i.instanceNo}`}>
                                {t('casebook.open')}
                              </button>
                              {can('form.remove') && i.status !== 'locked' ? (
                                <button type="button" className="danger" onClick={() => setRemoving(i)} aria-label={`${t('casebook.remove')}: ${title} #${i.instanceNo}`}>
                                  {t('casebook.remove')}
                                </button>
                              ) : null}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            </li>
          ))}
        </ol>
      </section>
      {aside}
      {removing ? (
        <ReasonDialog
          title={t('casebook.removeTitle', { form: study.form(removing.form)?.title[lang] ?? removing.form, n: removing.instanceNo })}
          explanation={t('casebook.removeExplain')}
          confirmLabel={t('casebook.remove')}
          onCancel={() => setRemoving(null)}
          onConfirm={(reason) => void remove(removing, reason)}
        />
      ) : null}
    </main>
  );
}
