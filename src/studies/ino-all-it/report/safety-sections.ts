// The ino-all-it sections on adverse events by organ class and term, SOS/VOD (crude, cumulative incidence, severity)
// and costs per patient, as report blocks.

import { heading, indented, note, paragraph, row, section, table } from '../../../core/report/blocks';
import { countWithShare, formatProportion, formatRange } from '../../../core/report/cells';
import { DASH, formatNumber, formatPercent } from '../../../shared/format';
import type { ReportBlock, ReportSection } from '../../../shared/report/report-document';
import type { Lang } from '../../../shared/study/localized';
import { aeChart, costChart, sosChart } from './charts';
import { SOURCE } from './effectiveness-sections';
import { t } from './labels';
import type { AdverseEventSection, CodeCount, CostSection, CostSummary, SosSection } from './types';

const GRADES = ['1', '2', '3', '4', '5', 'unknown'];

export function adverseEventReport(a: AdverseEventSection, lang: Lang): ReportSection {
  const pct = (n: number): string => `${n} (${formatPercent(a.patients === 0 ? null : n / a.patients, lang)})`;
  const gradeCells = (by: readonly { grade: string; n: number }[]): string[] => GRADES.map((g) => String(by.find((x) => x.grade === g)?.n ?? 0));
  const rows = a.by_soc.flatMap((soc) => [
    row([soc.soc_label, pct(soc.any), pct(soc.grade3plus), ...gradeCells(soc.by_max_grade)], 'group'),
    ...soc.terms.map((term) => row([indented(term.term), pct(term.any), pct(term.grade3plus), ...gradeCells(term.by_max_grade)])),
  ]);
  const columns = [
    t(lang, 'soc'),
    ...[t(lang, 'any_grade'), t(lang, 'grade3plus'), ...GRADES.map((g) => (g === 'unknown' ? `${t(lang, 'grade')} ${t(lang, 'unknown').toLowerCase()}` : `${t(lang, 'grade')} ${g}`))].map((label) => ({ label, numeric: true })),
  ];
  return section('ae', t(lang, 'sections.ae'), SOURCE, [
    paragraph(t(lang, 'ae_patients', { a: a.patients_any, n: a.patients, b: a.patients_grade3plus, e: a.events })),
    a.by_soc.length === 0 ? paragraph(t(lang, 'no_aes')) : table(columns, rows, { caption: t(lang, 'max_grade') }),
    a.by_soc.some((s) => s.grade3plus > 0) ? aeChart(a, lang) : undefined,
  ], a);
}

function codeTable(title: string, rows: readonly CodeCount[], total: number, lang: Lang): ReportBlock {
  return table([title, { label: 'n', numeric: true }], rows.map((r) => [r.label, countWithShare(r.n, total, lang)]));
}

export function sosReport(s: SosSection, lang: Lang): ReportSection {
  const at = s.cif_at_horizon;
  const prob = (x: number | null): string => formatNumber(x, 3, lang);
  const cif = at.cif === null ? t(lang, 'not_followed') : `${formatPercent(at.cif, lang)} (${formatRange(formatPercent(at.lower, lang), formatPercent(at.upper, lang))})`;
  const stepColumns = [t(lang, 'time'), t(lang, 'at_risk'), t(lang, 'events'), t(lang, 'competing'), t(lang, 'censored'), t(lang, 'cum_incidence'), t(lang, 'lower'), t(lang, 'upper')].map((label) => ({ label, numeric: true }));
  const hsct = s.from_hsct.at[0];
  const hsctCif = hsct?.cif === null || hsct === undefined ? t(lang, 'not_followed') : `${formatPercent(hsct.cif, lang)} (${formatRange(formatPercent(hsct.lower, lang), formatPercent(hsct.upper, lang))})`;
  const gray = s.gray_ph;
  const grayCell = gray === null ? t(lang, 'gray_none') : t(lang, 'gray_result', { x: formatNumber(gray.statistic, 3, lang), df: gray.df, p: formatNumber(gray.p_value, 4, lang) });
  return section('sos', t(lang, 'sections.sos'), SOURCE, [
    table([], [
      [t(lang, 'sos_crude'), formatProportion(s.crude, lang)],
      [t(lang, 'sos_cif', { d: s.horizon_days }), cif],
      [t(lang, 'sos_hsct_cif', { d: s.horizon_days }), hsctCif],
      [t(lang, 'gray_ph', { a: gray?.n_ph_pos ?? 0, b: gray?.n_ph_neg ?? 0 }), grayCell],
    ]),
    note(t(lang, 'sos_counts', { e: s.events, c: s.competing, n: s.n })),
    note(t(lang, 'sos_hsct_counts', { e: s.from_hsct.events, c: s.from_hsct.competing, n: s.from_hsct.n })),
    sosChart(s, lang),
    codeTable(t(lang, 'ebmt'), s.ebmt_grade, s.crude.x, lang),
    codeTable(t(lang, 'ctcae'), s.ctcae_grade, s.crude.x, lang),
    table(stepColumns, s.steps.map((x) => [formatNumber(x.time, 0, lang), String(x.at_risk), String(x.events), String(x.competing), String(x.censored), prob(x.cif), prob(x.lower), prob(x.upper)]), { folded: `${t(lang, 'steps')}: ${t(lang, 'sos_chart')}` }),
  ], s);
}

function costCells(c: CostSummary, lang: Lang): string[] {
  const eur = (x: number | null): string => formatNumber(x, 0, lang);
  return [String(c.n), String(c.nonzero), eur(c.mean), eur(c.median), c.n === 0 ? DASH : formatRange(eur(c.q1), eur(c.q3)), eur(c.total)];
}

export function costReport(c: CostSection, lang: Lang): ReportSection {
  const columns = (first: string): (string | { label: string; numeric: true })[] => [first, ...['n', t(lang, 'nonzero'), t(lang, 'mean'), t(lang, 'median'), t(lang, 'iqr'), t(lang, 'cost_sum')].map((label) => ({ label, numeric: true as const }))];
  const byCategory = [...c.by_category.map((x) => [`${x.category}. ${x.label}`, ...costCells(x, lang)]), row([t(lang, 'cost_total'), ...costCells(c.total, lang)], 'total')];
  return section('costs', t(lang, 'sections.costs'), SOURCE, [
    heading(t(lang, 'costs_by_category')),
    table(columns(t(lang, 'category')), byCategory),
    c.total.total > 0 ? costChart(c, lang) : undefined,
    heading(t(lang, 'costs_by_site')),
    table(columns(t(lang, 'site')), c.by_site.map((x) => [{ text: x.site_id, code: true }, ...costCells(x, lang)])),
    note(t(lang, 'costs_note', { n: c.patients, u: c.unvalued_items })),
  ], c);
}
