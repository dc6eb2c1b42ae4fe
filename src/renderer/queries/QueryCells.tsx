// The cells every query table shows alike: the status (with a late-answer mark) and the text with who raised
// it and the last answer.

import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryOut } from '../../shared/contract/queries';
import { formatTimestampLocal } from '../../shared/format/dates';
import { useLang } from '../app/use-lang';
import { lastAnswer } from './query-groups';

export function QueryStatusCell({ query }: { readonly query: QueryOut }): ReactNode {
  const { t } = useTranslation();
  return (
    <td>
      {t(`queries.status.${query.status}`)}
      {query.lateAnswers > 0 ? <span className="pill pill-warn">{t('queries.late')}</span> : null}
    </td>
  );
}

export function QueryTextCell({ query }: { readonly query: QueryOut }): ReactNode {
  const { t } = useTranslation();
  const lang = useLang();
  const answer = lastAnswer(query);
  return (
    <td>
      <span className="query-text">{query.text}</span> <span className="mono">{query.id}</span>
      <span className="query-meta">{t('queries.raised', { category: t(`queries.category.${query.category}`), by: query.raisedBy, at: formatTimestampLocal(query.raisedAt, lang) })}</span>
      {answer ? <span className="query-meta">{t('queries.lastAnswer', { by: answer.by, at: formatTimestampLocal(answer.at, lang), text: answer.text })}</span> : null}
    </td>
  );
}
