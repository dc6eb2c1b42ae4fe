// HTML of the outcome sections: Kaplan–Meier OS/EFS, adverse events by SOC and term, SOS/VOD, costs.

import { DASH, formatNumber, formatPercent, formatProportion, formatRange } from './format';
import { details, esc, figure, section, table } from './html-kit';
import type { Svgs } from './html-sections';
import { groupLabel, t } from './i18n';
import type { CodeCount, CostSummary, ReportData, ReportLang, SurvivalCurveReport } from './types';

const prob = (x: number | null, lang: ReportLang): string => formatNumber(x, 3, lang);
const days = (x: number | null, lang: ReportLang): string => (x === null ? t(lang, 'not_reached') : formatNumber(x, x % 1 === 0 ? 0 : 1, lang));

function medianCell(c: SurvivalCurveReport, lang: ReportLang): string {
  if (c.n === 0) return DASH;
  const bound = (x: number | null): string => (x === null ? t(lang, 'nr') : days(x, lang));
  const { median, lower, upper } = c.median;
  const ci = lower === null && upper === null ? '' : ` (${formatRange(bound(lower), bound(upper))})`;
  return `${days(median, lang)}${ci}`;
}

function curveSummaryRows(curves: readonly SurvivalCurveReport[], lang: ReportLang): string[][] {
  return curves.map((c) => [esc(groupLabel(lang, c.group)), String(c.n), String(c.events), String(c.censored), String(c.not_evaluable), medianCell(c, lang)]);
}

function landmarkRows(curves: readonly SurvivalCurveReport[], lang: ReportLang): string[][] {
  const p2 = (x: number | null): string => formatNumber(x, 2, lang);
  return curves.map((c) => [
    esc(groupLabel(lang, c.group)),
    ...c.landmarks.map((l) => (l.survival === null ? DASH : `${p2(l.survival)} (${l.lower === null ? DASH : formatRange(p2(l.lower), p2(l.upper))})`)),
  ]);
}

function stepsTable(c: SurvivalCurveReport, lang: ReportLang): string {
  const rows = c.steps.map((s) => [formatNumber(s.time, 0, lang), String(s.at_risk), String(s.events), String(s.censored), prob(s.survival, lang), prob(s.lower, lang), prob(s.upper, lang)]);
  return details(`${t(lang, 'steps')}: ${c.label}`, table([t(lang, 'time'), t(lang, 'at_risk'), t(lang, 'events'), t(lang, 'censored'), t(lang, 'survival'), t(lang, 'lower'), t(lang, 'upper')], rows, { numericFrom: 0 }));
}

export function survivalHtml(data: ReportData, svgs: Svgs): string {
  const { survival: s, lang } = data;
  const parts: string[] = [];
  for (const endpoint of ['os', 'efs'] as const) {
    const curves = s.curves.filter((c) => c.endpoint === endpoint);
    const name = t(lang, endpoint === 'os' ? 'endpoint_os' : 'endpoint_efs');
    parts.push(`<h3>${esc(name)}</h3>`);
    parts.push(figure(svgs.get(`km_${endpoint}_overall`) ?? '', `${name} — ${t(lang, 'g_overall')}`));
    parts.push(figure(svgs.get(`km_${endpoint}_ph`) ?? '', `${name} — ${t(lang, 'b_ph')}`));
    const headers = [t(lang, 'group'), 'n', t(lang, 'events'), t(lang, 'censored'), t(lang, 'not_evaluable'), t(lang, 'median_days')];
    parts.push(table(headers, curveSummaryRows(curves, lang), { numericFrom: 1, className: 'keep' }));
    parts.push(table([t(lang, 'group'), ...s.landmark_times.map((d) => t(lang, 'survival_at', { d }))], landmarkRows(curves, lang), { numericFrom: 1, className: 'keep' }));
    parts.push(table([t(lang, 'at_risk'), ...s.at_risk_times.map((d) => `${t(lang, 'at_day')} ${d}`)], curves.map((c) => [esc(groupLabel(lang, c.group)), ...c.at_risk.map((a) => String(a.at_risk))]), { numericFrom: 1, className: 'keep' }));
    parts.push(...curves.map((c) => stepsTable(c, lang)));
  }
  return section('sec-survival', t(lang, 'sec_survival'), parts.join('\n'));
}

export function adverseEventsHtml(data: ReportData, svgs: Svgs): string {
  const { adverse_events: a, lang } = data;
  const pct = (n: number): string => `${n} (${formatPercent(a.patients === 0 ? null : n / a.patients, lang)})`;
  const grades = ['1', '2', '3', '4', '5', 'unknown'];
  const gradeCells = (by: readonly { grade: string; n: number }[]): string[] => grades.map((g) => String(by.find((x) => x.grade === g)?.n ?? 0));
  const rows: string[][] = [];
  for (const soc of a.by_soc) {
    rows.push([`<th>${esc(soc.soc_label)}</th>`, `<th class="num">${pct(soc.any)}</th>`, `<th class="num">${pct(soc.grade3plus)}</th>`, ...gradeCells(soc.by_max_grade).map((c) => `<th class="num">${c}</th>`)]);
    for (const term of soc.terms) rows.push([`<span class="indent">${esc(term.term)}</span>`, pct(term.any), pct(term.grade3plus), ...gradeCells(term.by_max_grade)]);
  }
  const headers = [t(lang, 'soc'), t(lang, 'any_grade'), t(lang, 'grade3plus'), ...grades.map((g) => (g === 'unknown' ? `${t(lang, 'grade')} ${t(lang, 'unknown').toLowerCase()}` : `${t(lang, 'grade')} ${g}`))];
  const parts = [
    `<p>${esc(t(lang, 'ae_patients', { a: a.patients_any, n: a.patients, b: a.patients_grade3plus, e: a.events }))}</p>`,
    a.by_soc.length === 0 ? `<p>${t(lang, 'no_aes')}</p>` : table(headers, rows, { numericFrom: 1, caption: esc(t(lang, 'max_grade')) }),
    a.by_soc.some((s) => s.grade3plus > 0) ? figure(svgs.get('ae_grade3_by_soc') ?? '', t(lang, 'ae_chart')) : '',
  ];
  return section('sec-ae', t(lang, 'sec_ae'), parts.join('\n'));
}

function codeTable(title: string, rows: readonly CodeCount[], total: number, lang: ReportLang): string {
  return table([esc(title), 'n'], rows.map((r) => [esc(r.label), `${r.n} (${formatPercent(total === 0 ? null : r.n / total, lang)})`]), { numericFrom: 1, className: 'keep' });
}

export function sosHtml(data: ReportData, svgs: Svgs): string {
  const { sos_vod: s, lang } = data;
  const at = s.cif_at_horizon;
  const cif = at.cif === null ? t(lang, 'not_followed') : `${formatPercent(at.cif, lang)} (${formatRange(formatPercent(at.lower, lang), formatPercent(at.upper, lang))})`;
  const parts = [
    table([], [[t(lang, 'sos_crude'), formatProportion(s.crude, lang)], [esc(t(lang, 'sos_cif', { d: s.horizon_days })), cif]], { numericFrom: 1 }),
    `<p class="note">${esc(t(lang, 'sos_counts', { e: s.events, c: s.competing, n: s.n }))}</p>`,
    figure(svgs.get('sos_vod_cif') ?? '', t(lang, 'sos_chart')),
    codeTable(t(lang, 'ebmt'), s.ebmt_grade, s.crude.x, lang),
    codeTable(t(lang, 'ctcae'), s.ctcae_grade, s.crude.x, lang),
    details(
      `${t(lang, 'steps')}: ${t(lang, 'sos_chart')}`,
      table(
        [t(lang, 'time'), t(lang, 'at_risk'), t(lang, 'events'), t(lang, 'competing'), t(lang, 'censored'), t(lang, 'cum_incidence'), t(lang, 'lower'), t(lang, 'upper')],
        s.steps.map((x) => [formatNumber(x.time, 0, lang), String(x.at_risk), String(x.events), String(x.competing), String(x.censored), prob(x.cif, lang), prob(x.lower, lang), prob(x.upper, lang)]),
        { numericFrom: 0 },
      ),
    ),
  ];
  return section('sec-sos', t(lang, 'sec_sos'), parts.join('\n'));
}

function costCells(c: CostSummary, lang: ReportLang): string[] {
  const eur = (x: number | null): string => formatNumber(x, 0, lang);
  return [String(c.n), String(c.nonzero), eur(c.mean), eur(c.median), c.n === 0 ? DASH : formatRange(eur(c.q1), eur(c.q3)), eur(c.total)];
}

export function costsHtml(data: ReportData, svgs: Svgs): string {
  const { costs: c, lang } = data;
  const head = (first: string): string[] => [first, 'n', t(lang, 'nonzero'), t(lang, 'mean'), t(lang, 'median'), t(lang, 'iqr'), t(lang, 'cost_sum')];
  const byCategory = c.by_category.map((x) => [esc(`${x.category}. ${x.label}`), ...costCells(x, lang)]);
  byCategory.push([`<th>${t(lang, 'cost_total')}</th>`, ...costCells(c.total, lang)]);
  const parts = [
    `<h3>${t(lang, 'costs_by_category')}</h3>`,
    table(head(t(lang, 'category')), byCategory, { numericFrom: 1 }),
    c.total.total > 0 ? figure(svgs.get('costs_by_category') ?? '', t(lang, 'costs_chart')) : '',
    `<h3>${t(lang, 'costs_by_site')}</h3>`,
    table(head(t(lang, 'site')), c.by_site.map((x) => [esc(x.site_id), ...costCells(x, lang)]), { numericFrom: 1 }),
    `<p class="note">${esc(t(lang, 'costs_note', { n: c.patients, u: c.unvalued_items }))}</p>`,
  ];
  return section('sec-costs', t(lang, 'sec_costs'), parts.join('\n'));
}
