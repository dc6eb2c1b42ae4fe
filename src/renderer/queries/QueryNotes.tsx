// The open queries on a field or a form, where the user enters the data: a badge with their count, each
// query's text, category, who raised it and when (and the centre's comment when it re-opened one), and Answer.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryOut } from '../../shared/contract/queries';
import { formatTimestampLocal } from '../../shared/format/dates';
import { useLang } from '../app/use-lang';

export interface QueryNotesProps {
  readonly queries: readonly QueryOut[];
  /** What they are on (a field label, or the form), for screen readers. */
  readonly label: string;
  /** Absent where the user may not answer (a monitor, the central store). */
  readonly onAnswer?: ((query: QueryOut) => void) | undefined;
}

export function QueryNotes({ queries, label, onAnswer }: QueryNotesProps): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  if (queries.length === 0) return null;
  return (
    <div className="query-notes" role="group" aria-label={t('queries.listOf', { label })}>
      <span className="query-badge">{t('queries.badge', { count: queries.length })}</span>
      <ul className="query-list">
        {queries.map((q) => {
          const reopen = q.status === 'reopened' ? q.events.filter((e) => e.kind === 'reopen').at(-1) : undefined;
          return (
            <li key={q.id}>
              <span className="query-text">{q.text}</span>{' '}
              <span className="mono">{q.id}</span>
              {onAnswer ? (
                <>
                  {' '}
                  <button type="button" className="link" aria-label={t('queries.answerButton', { id: q.id })} onClick={() => onAnswer(q)}>
                    {t('queries.answer')}
                  </button>
                </>
              ) : null}
              <span className="query-meta">{t('queries.raised', { category: t(`queries.category.${q.category}`), by: q.raisedBy, at: formatTimestampLocal(q.raisedAt, lang) })}</span>
              {reopen ? <span className="query-meta">{t('queries.reopenedWith', { by: reopen.by, at: formatTimestampLocal(reopen.at, lang), text: reopen.text })}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
