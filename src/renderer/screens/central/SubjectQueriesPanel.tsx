// In the coordinator's casebook: the centre's queries on the subject, each with its state, the site's last
// answer, and Close or Re-open with a comment (queries:close|reopen, the core of `edc queries close|reopen`).

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryOut } from '../../../shared/contract/queries';
import { asApiError, type ApiError } from '../../api/api-error';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReasonDialog } from '../../components/ReasonDialog';
import { useQueries } from '../../queries/use-queries';
import { QueryStatusCell, QueryTextCell } from '../../queries/QueryCells';

type Action = 'close' | 'reopen';

/** The transitions the centre may ask for from each state (open → answered → closed, or re-opened → answered …). */
function actionsFor(query: QueryOut): Action[] {
  const actions: Action[] = [];
  if (query.status !== 'closed') actions.push('close');
  if (query.status === 'answered' || query.status === 'closed') actions.push('reopen');
  return actions;
}

export function SubjectQueriesPanel({ subjectId }: { subjectId: string }): ReactNode {
  const { api, study, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const { queries, error: loadError, reload } = useQueries(subjectId);
  const [acting, setActing] = useState<{ query: QueryOut; action: Action } | null>(null);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const manage = can('query.manage');

  const target = (q: QueryOut): string => {
    if (q.form === null) return t('queries.wholeSubject');
    const form = study.form(q.form);
    const title = form ? `${form.specId} ${form.title[lang]}` : q.form;
    const record = form?.repeating ? `${title} #${q.instanceNo ?? 1}` : title;
    return q.field === null ? record : `${record} · ${study.field(q.form, q.field)?.field.label[lang] ?? q.field}`;
  };
  const act = async (query: QueryOut, action: Action, text: string): Promise<void> => {
    setActing(null);
    try {
      const done = await api.call(action === 'close' ? 'queries:close' : 'queries:reopen', { queryId: query.id, text });
      setMessage(t(action === 'close' ? 'centralCasebook.closed' : 'centralCasebook.reopened', { id: done.id }));
      setError(null);
      await reload();
    } catch (e) {
      setError(asApiError(e));
    }
  };

  return (
    <section className="card" aria-labelledby="central-queries-title">
      <h2 id="central-queries-title">{t('centralCasebook.queriesTitle')}</h2>
      <p className="save-message" role="status">
        {message}
      </p>
      <ErrorAlert error={error ?? loadError} />
      {queries !== null && queries.length === 0 ? <p>{t('centralCasebook.noQueries')}</p> : null}
      {queries && queries.length > 0 ? (
        <table className="queries-table" aria-labelledby="central-queries-title">
          <thead>
            <tr>
              {(['form', 'category', 'status', 'text', 'actions'] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`queries.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {queries.map((q) => {
              return (
                <tr key={q.id}>
                  <td>{target(q)}</td>
                  <td>{t(`queries.category.${q.category}`)}</td>
                  <QueryStatusCell query={q} />
                  <QueryTextCell query={q} />
                  <td>
                    {manage
                      ? actionsFor(q).map((action) => (
                          <button key={action} type="button" className={action === 'close' ? 'primary' : undefined} onClick={() => setActing({ query: q, action })} aria-label={t(`centralCasebook.${action}Button`, { id: q.id })}>
                            {t(`centralCasebook.${action}`)}
                          </button>
                        ))
                      : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {acting ? (
        <ReasonDialog
          title={t(`centralCasebook.${acting.action}Title`, { id: acting.query.id })}
          explanation={acting.query.text}
          confirmLabel={t(`centralCasebook.${acting.action}`)}
          initial={acting.action === 'close' ? t('centralCasebook.closeDefault') : ''}
          onCancel={() => setActing(null)}
          onConfirm={(text) => void act(acting.query, acting.action, text)}
        />
      ) : null}
    </section>
  );
}
