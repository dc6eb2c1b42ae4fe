// The generic "Data queries" section: queries by site and state now, and the median days from raising to the first answer.

import type { QueryOut, QueryStatus } from '../../shared/contract/queries';
import type { ReportSection } from '../../shared/report/report-document';
import { median } from '../stats/descriptive';
import { note, row, section, table } from './blocks';
import { formatStat } from './cells';
import { reportText } from './labels';
import type { QueriesData, QueryCounts, ReportLang } from './types';

/** What the section reads of a query (QueryOut as listQueryViews/queryViews return it). */
export type QueryFacts = Pick<QueryOut, 'siteId' | 'status' | 'daysToAnswer'>;

function countsOf(queries: readonly QueryFacts[]): QueryCounts {
  const n = (status: QueryStatus): number => queries.filter((q) => q.status === status).length;
  const days = queries.flatMap((q) => (q.daysToAnswer === null ? [] : [q.daysToAnswer]));
  return { open: n('open'), reopened: n('reopened'), answered: n('answered'), closed: n('closed'), total: queries.length, answered_once: days.length, median_days_to_answer: median(days) };
}

/** Every known site (those without a query too), then any site only the queries name. */
export function queriesData(queries: readonly QueryFacts[], siteIds: readonly string[]): QueriesData {
  const sites = [...new Set([...siteIds, ...queries.map((q) => q.siteId)])].sort();
  return { by_site: sites.map((site_id) => ({ site_id, ...countsOf(queries.filter((q) => q.siteId === site_id)) })), total: countsOf(queries) };
}

export function queriesSection(data: QueriesData, lang: ReportLang): ReportSection {
  const t = (key: string, params = {}): string => reportText(lang, key, params);
  const numeric = (label: string): { label: string; numeric: true } => ({ label, numeric: true });
  const cells = (c: QueryCounts): string[] => [c.open, c.reopened, c.answered, c.closed, c.total, c.answered_once].map(String).concat(formatStat(c.median_days_to_answer, 1, lang));
  const { total } = data;
  if (total.total === 0) return section('queries', t('sections.queries'), 'generic', [note(t('queries.none'))], data);
  return section('queries', t('sections.queries'), 'generic', [
    note(t('queries.note', { total: total.total, open: total.open, reopened: total.reopened, answered: total.answered, closed: total.closed })),
    table(
      [t('site'), numeric(t('queries.open')), numeric(t('queries.reopened')), numeric(t('queries.answered')), numeric(t('queries.closed')), numeric(t('total')), numeric(t('queries.answered_n')), numeric(t('queries.median_days'))],
      [...data.by_site.map((s) => [{ text: s.site_id, code: true }, ...cells(s)]), row([t('total'), ...cells(total)], 'total')],
    ),
  ], data);
}
