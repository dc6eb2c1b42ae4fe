// The ino-all-it sections on baseline characteristics, response (CR/CRi, MRD, HSCT with exact CIs) and Kaplan–Meier
// OS/EFS, overall and by Ph status, as report blocks.

import { heading, indented, note, row, section, table } from '../../../core/report/blocks';
import { countWithShare, formatProportion, formatRange } from '../../../core/report/cells';
import { DASH, formatNumber, formatPercent } from '../../../shared/format';
import type { ReportBlock, ReportCell, ReportRow, ReportSection } from '../../../shared/report/report-document';
import type { Lang } from '../../../shared/study/localized';
import { kmChart } from './charts';
import { groupLabel, t } from './labels';
import type { BaselineRow, BaselineSection, CompetingRiskSummary, GroupId, ResponseSection, SurvivalCurveReport, SurvivalSection } from './types';

export const SOURCE = 'ino-all-it';

function baselineRows(r: BaselineRow, groups: readonly GroupId[], lang: Lang): ReportRow[] {
  const title = row([r.label, ...groups.map(() => '')], 'group');
  if (r.kind === 'continuous') {
    const cell = (g: GroupId): (typeof r.cells)[number] | undefined => r.cells.find((c) => c.group === g);
    const d = r.key === 'age_first_dose' ? 0 : 1;
    const f = (x: number | null): string => formatNumber(x, d, lang);
    const out: ReportCell[][] = [
      [indented(t(lang, 'median_iqr')), ...groups.map((g) => { const c = cell(g); return c && c.n > 0 ? `${f(c.median)} [${formatRange(f(c.q1), f(c.q3))}]` : DASH; })],
      [indented(t(lang, 'range')), ...groups.map((g) => { const c = cell(g); return c && c.n > 0 ? formatRange(f(c.min), f(c.max)) : DASH; })],
    ];
    if (r.cells.some((c) => c.missing > 0)) out.push([indented(t(lang, 'missing')), ...groups.map((g) => String(cell(g)?.missing ?? 0))]);
    return [title, ...out.map((cells) => row(cells))];
  }
  const cell = (g: GroupId): (typeof r.cells)[number] | undefined => r.cells.find((c) => c.group === g);
  const out: ReportCell[][] = r.levels.map((level) => [indented(level.label), ...groups.map((g) => { const c = cell(g); return c ? countWithShare(c.counts.find((x) => x.code === level.code)?.n ?? 0, c.n, lang) : DASH; })]);
  if (r.cells.some((c) => c.missing > 0)) out.push([indented(t(lang, 'missing')), ...groups.map((g) => { const c = cell(g); return c ? countWithShare(c.missing, c.n, lang) : DASH; })]);
  return [title, ...out.map((cells) => row(cells))];
}

export function baselineReport(data: BaselineSection, lang: Lang): ReportSection {
  const groups = data.groups.map((g) => g.group);
  const columns = [t(lang, 'characteristic'), ...data.groups.map((g) => ({ label: `${g.label} (n = ${g.n})`, numeric: true }))];
  return section('baseline', t(lang, 'sections.baseline'), SOURCE, [table(columns, data.rows.flatMap((r) => baselineRows(r, groups, lang)))], data);
}

export function responseReport(data: ResponseSection, lang: Lang): ReportSection {
  const columns = ['', ...data.groups.map((g) => ({ label: `${groupLabel(lang, g.group)} (n = ${g.n})`, numeric: true }))];
  const rows = [
    [t(lang, 'r_crcri'), ...data.groups.map((g) => formatProportion(g.crcri, lang))],
    [t(lang, 'r_mrd'), ...data.groups.map((g) => formatProportion(g.mrd_neg_among_crcri, lang))],
    [t(lang, 'r_hsct'), ...data.groups.map((g) => formatProportion(g.hsct_after_ino, lang))],
  ];
  const codes = data.groups[0]?.best_response ?? [];
  const best = codes.map((c) => [c.label, ...data.groups.map((g) => countWithShare(g.best_response.find((x) => x.code === c.code)?.n ?? 0, g.n, lang))]);
  return section('response', t(lang, 'sections.response'), SOURCE, [table(columns, rows, { caption: t(lang, 'rate_ci') }), heading(t(lang, 'r_best')), table(columns, best)], data);
}

const days = (x: number | null, lang: Lang): string => (x === null ? t(lang, 'not_reached') : formatNumber(x, x % 1 === 0 ? 0 : 1, lang));
const prob = (x: number | null, lang: Lang): string => formatNumber(x, 3, lang);

function medianCell(c: SurvivalCurveReport, lang: Lang): string {
  if (c.n === 0) return DASH;
  const bound = (x: number | null): string => (x === null ? t(lang, 'nr') : days(x, lang));
  const { median, lower, upper } = c.median;
  const ci = lower === null && upper === null ? '' : ` (${formatRange(bound(lower), bound(upper))})`;
  return `${days(median, lang)}${ci}`;
}

function landmarkCells(c: SurvivalCurveReport, lang: Lang): string[] {
  const p2 = (x: number | null): string => formatNumber(x, 2, lang);
  return c.landmarks.map((l) => (l.survival === null ? DASH : `${p2(l.survival)} (${l.lower === null ? DASH : formatRange(p2(l.lower), p2(l.upper))})`));
}

function stepsTable(c: SurvivalCurveReport, lang: Lang): ReportBlock {
  const columns = [t(lang, 'time'), t(lang, 'at_risk'), t(lang, 'events'), t(lang, 'censored'), t(lang, 'survival'), t(lang, 'lower'), t(lang, 'upper')].map((label) => ({ label, numeric: true }));
  const rows = c.steps.map((s) => [formatNumber(s.time, 0, lang), String(s.at_risk), String(s.events), String(s.censored), prob(s.survival, lang), prob(s.lower, lang), prob(s.upper, lang)]);
  return table(columns, rows, { folded: `${t(lang, 'steps')}: ${c.label}` });
}

export function survivalReport(data: SurvivalSection, lang: Lang): ReportSection {
  const blocks: ReportBlock[] = [];
  const num = (label: string): { label: string; numeric: true } => ({ label, numeric: true });
  for (const endpoint of ['os', 'efs'] as const) {
    const curves = data.curves.filter((c) => c.endpoint === endpoint);
    const name = t(lang, endpoint === 'os' ? 'endpoint_os' : 'endpoint_efs');
    blocks.push(heading(name));
    blocks.push(kmChart(`km_${endpoint}_overall`, `${name} — ${t(lang, 'g_overall')}`, curves.filter((c) => c.group === 'overall'), lang));
    blocks.push(kmChart(`km_${endpoint}_ph`, `${name} — ${t(lang, 'b_ph')}`, curves.filter((c) => c.group !== 'overall'), lang));
    blocks.push(table([t(lang, 'group'), num('n'), num(t(lang, 'events')), num(t(lang, 'censored')), num(t(lang, 'not_evaluable')), num(t(lang, 'median_days'))], curves.map((c) => [groupLabel(lang, c.group), String(c.n), String(c.events), String(c.censored), String(c.not_evaluable), medianCell(c, lang)])));
    blocks.push(table([t(lang, 'group'), ...data.landmark_times.map((d) => num(t(lang, 'survival_at', { d })))], curves.map((c) => [groupLabel(lang, c.group), ...landmarkCells(c, lang)])));
    blocks.push(table([t(lang, 'at_risk'), ...data.at_risk_times.map((d) => num(`${t(lang, 'at_day')} ${d}`))], curves.map((c) => [groupLabel(lang, c.group), ...c.at_risk.map((a) => String(a.at_risk))])));
    blocks.push(...curves.map((c) => stepsTable(c, lang)));
  }
  blocks.push(heading(t(lang, 'nrm')));
  const cifCell = (x: CompetingRiskSummary['at'][number]): string => (x.cif === null ? t(lang, 'not_followed') : `${formatPercent(x.cif, lang)} (${formatRange(formatPercent(x.lower, lang), formatPercent(x.upper, lang))})`);
  const nrmTimes = data.nrm[0]?.at.map((a) => a.time) ?? [];
  blocks.push(table([t(lang, 'group'), num('n'), num(t(lang, 'events')), num(t(lang, 'competing')), ...nrmTimes.map((d) => num(t(lang, 'nrm_at', { d })))], data.nrm.map((c) => [t(lang, c.id), String(c.n), String(c.events), String(c.competing), ...c.at.map(cifCell)])));
  blocks.push(note(t(lang, 'nrm_note')));
  return section('survival', t(lang, 'sections.survival'), SOURCE, blocks, data);
}
