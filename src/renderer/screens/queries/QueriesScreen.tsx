// The Queries screen: every data query of the store (or of one subject) by subject, form and field, with its
// category, status, age in days and text; filtered by status, each row opening its form, open ones answered here.

import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryOut } from '../../../shared/contract/queries';
import { useRouter } from '../../app/router';
import { useLang } from '../../app/use-lang';
import { useWorkspace } from '../../app/workspace';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnswerDialog } from '../../queries/AnswerDialog';
import { ageInDays, awaitsAnswer } from '../../queries/query-groups';
import { useQueries } from '../../queries/use-queries';
import { QueryStatusCell, QueryTextCell } from '../../queries/QueryCells';

export const QUERY_FILTERS = ['awaiting', 'all', 'open', 'reopened', 'answered', 'closed'] as const;
export type QueryFilter = (typeof QUERY_FILTERS)[number];

export function matchesFilter(query: QueryOut, filter: QueryFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'awaiting') return awaitsAnswer(query.status);
  return query.status === filter;
}

export interface QueriesScreenProps {
  /** Opened from a casebook: that subject's queries first (the user may widen to all). */
  readonly subjectId?: string | undefined;
  /** For tests: the moment ages are counted to. */
  readonly now?: Date;
}

export function QueriesScreen({ subjectId, now }: QueriesScreenProps): ReactNode {
  const { study, can } = useWorkspace();
  const { t } = useTranslation();
  const lang = useLang();
  const router = useRouter();
  const id = useId();
  const [filter, setFilter] = useState<QueryFilter>('awaiting');
  const [onlySubject, setOnlySubject] = useState(subjectId !== undefined);
  const [answering, setAnswering] = useState<QueryOut | null>(null);
  const [message, setMessage] = useState('');
  const { queries, error, reload } = useQueries(onlySubject ? subjectId : undefined);
  const rows = useMemo(() => (queries ?? []).filter((q) => matchesFilter(q, filter)), [queries, filter]);
  const at = now ?? new Date();
  const mayAnswer = can('query.answer');

  const formLabel = (q: QueryOut): string => {
    if (q.form === null) return t('queries.wholeSubject');
    const form = study.form(q.form);
    const title = form ? `${form.specId} ${form.title[lang]}` : q.form;
    return form?.repeating ? `${title} #${q.instanceNo ?? 1}` : title;
  };
  const fieldLabel = (q: QueryOut): string => {
    if (q.form === null) return '';
    if (q.field === null) return t('queries.wholeForm');
    return study.field(q.form, q.field)?.field.label[lang] ?? q.field;
  };
  const open = (q: QueryOut): void => {
    void router.navigate(q.form === null ? { name: 'casebook', subjectId: q.subjectId } : { name: 'form', subjectId: q.subjectId, form: q.form, instanceNo: q.instanceNo ?? 1 });
  };

  return (
    <main aria-labelledby="queries-title">
      <div className="screen-head">
        <h1 id="queries-title">{t('queries.title')}</h1>
      </div>
      <div className="toolbar-row">
        <div className="control inline">
          <label htmlFor={`${id}-status`}>{t('queries.filter')}</label>
          <select id={`${id}-status`} value={filter} onChange={(e) => setFilter(e.target.value as QueryFilter)}>
            {QUERY_FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`queries.filters.${f}`)}
              </option>
            ))}
          </select>
        </div>
        {subjectId !== undefined ? (
          <button type="button" onClick={() => setOnlySubject(!onlySubject)}>
            {onlySubject ? t('queries.allSubjects') : t('queries.ofSubject', { subject: subjectId })}
          </button>
        ) : null}
        <p className="count" role="status">
          {queries === null ? t('common.loading') : t('queries.count', { count: rows.length })}
        </p>
      </div>
      <p className="save-message" role="status">
        {message}
      </p>
      <ErrorAlert error={error} />
      {queries !== null && rows.length === 0 ? <p>{t('queries.none')}</p> : null}
      {rows.length > 0 ? (
        <table className="queries-table" aria-labelledby="queries-title">
          <thead>
            <tr>
              {(['subject', 'form', 'field', 'category', 'status', 'age', 'text', 'actions'] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`queries.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((q) => {
              return (
                <tr key={q.id}>
                  <td className="mono">{q.subjectId}</td>
                  <td>{formLabel(q)}</td>
                  <td>{fieldLabel(q)}</td>
                  <td>{t(`queries.category.${q.category}`)}</td>
                  <QueryStatusCell query={q} />
                  <td className="num">{ageInDays(q, at)}</td>
                  <QueryTextCell query={q} />
                  <td>
                    <button type="button" onClick={() => open(q)} aria-label={q.form === null ? t('queries.openCasebookOf', { subject: q.subjectId }) : t('queries.openFormOf', { subject: q.subjectId, form: formLabel(q) })}>
                      {q.form === null ? t('queries.openCasebook') : t('queries.openForm')}
                    </button>
                    {mayAnswer && awaitsAnswer(q.status) ? (
                      <button type="button" className="primary" onClick={() => setAnswering(q)} aria-label={t('queries.answerButton', { id: q.id })}>
                        {t('queries.answer')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {answering ? (
        <AnswerDialog
          query={answering}
          onCancel={() => setAnswering(null)}
          onAnswered={(q) => {
            setAnswering(null);
            setMessage(t('queries.answered', { id: q.id }));
            void reload();
          }}
        />
      ) : null}
    </main>
  );
}
