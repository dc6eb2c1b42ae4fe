// One Vega-Lite spec per report chart (inline data only, generic fonts) and their rendering to SVG with Vega, offline.

import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { formatMonth } from './format';
import { groupLabel, t } from './i18n';
import type { ReportData, ReportLang, SurvivalCurveReport } from './types';

export interface ReportChart {
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

type Row = Record<string, string | number>;
/** The layers of a layered spec, as Vega-Lite types them. */
type Layers = Extract<TopLevelSpec, { layer: unknown }>['layer'];

/** Italian number format in the charts (decimal comma); English keeps Vega's default. */
function config(lang: ReportLang, lineLegend = false): NonNullable<TopLevelSpec['config']> {
  return {
    font: 'sans-serif',
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.4 },
    // Curves: line symbols at full opacity, or the merged legend would take the band's transparency.
    legend: { labelFontSize: 11, titleFontSize: 12, orient: 'top', ...(lineLegend ? { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 3 } : {}) },
    ...(lang === 'it' ? { locale: { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' €'] } } } : {}),
  };
}

/** Step curve rows starting at (0, start); a missing CI (S = 0) draws a zero-width band. */
function stepRows(group: string, start: number, steps: readonly { time: number; value: number; lower: number | null; upper: number | null; censored: number }[]): Row[] {
  return [
    { g: group, t: 0, s: start, lo: start, hi: start, c: 0 },
    ...steps.map((s) => ({ g: group, t: s.time, s: s.value, lo: s.lower ?? s.value, hi: s.upper ?? s.value, c: s.censored })),
  ];
}

function stepLayers(lang: ReportLang, yTitle: string, groups: readonly string[], yDomain?: [number, number]): Layers {
  const color = groups.length > 1 ? { field: 'g', type: 'nominal' as const, title: t(lang, 'group'), sort: [...groups] } : { value: '#1f5f8b' };
  const x = { field: 't', type: 'quantitative' as const, title: t(lang, 'days_from_c1d1') };
  const y = { field: 's', type: 'quantitative' as const, title: yTitle, axis: { format: '.0%' }, scale: yDomain ? { domain: yDomain } : { zero: true } };
  return [
    { mark: { type: 'area', interpolate: 'step-after', opacity: 0.15 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
    { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y, color } },
    { transform: [{ filter: 'datum.c > 0' }], mark: { type: 'point', shape: 'cross', size: 40, filled: true }, encoding: { x, y, color } },
  ];
}

function kmSpec(curves: readonly SurvivalCurveReport[], lang: ReportLang): TopLevelSpec {
  const groupNames = (c: SurvivalCurveReport): string => groupLabel(lang, c.group);
  const values = curves.flatMap((c) => stepRows(groupNames(c), 1, c.steps.map((s) => ({ time: s.time, value: s.survival, lower: s.lower, upper: s.upper, censored: s.censored }))));
  const layer = stepLayers(lang, t(lang, 'survival_prob'), curves.map(groupNames), [0, 1]);
  return { width: 560, height: 300, data: { values }, config: config(lang, true), layer };
}

export function reportCharts(data: ReportData): ReportChart[] {
  const lang = data.lang;
  const charts: ReportChart[] = [];
  const months = data.enrolment.months.map((m) => formatMonth(m, lang));
  const perMonth = data.enrolment.months.map((m) => data.enrolment.by_month.filter((r) => r.month === m).reduce((n, r) => n + r.subjects, 0));
  const tallest = Math.max(1, ...perMonth);
  charts.push({
    id: 'enrolment_by_month',
    title: t(lang, 'enrolment_chart'),
    spec: {
      width: 560,
      height: 220,
      config: config(lang),
      data: { values: data.enrolment.by_month.filter((r) => r.subjects > 0).map((r) => ({ m: formatMonth(r.month, lang), site: r.site_id, n: r.subjects })) },
      mark: 'bar',
      encoding: {
        x: { field: 'm', type: 'ordinal', sort: months, scale: { domain: months }, title: t(lang, 'month'), axis: { labelAngle: months.length > 12 ? -45 : 0 } },
        y: { field: 'n', type: 'quantitative', title: t(lang, 'registered'), axis: { tickCount: Math.min(tallest, 6), format: 'd' } },
        color: { field: 'site', type: 'nominal', title: t(lang, 'site') },
      },
    },
  });
  for (const endpoint of ['os', 'efs'] as const) {
    const name = t(lang, endpoint === 'os' ? 'endpoint_os' : 'endpoint_efs');
    const overall = data.survival.curves.filter((c) => c.endpoint === endpoint && c.group === 'overall');
    const byPh = data.survival.curves.filter((c) => c.endpoint === endpoint && c.group !== 'overall');
    charts.push({ id: `km_${endpoint}_overall`, title: `${name} — ${t(lang, 'g_overall')}`, spec: kmSpec(overall, lang) });
    charts.push({ id: `km_${endpoint}_ph`, title: `${name} — ${t(lang, 'b_ph')}`, spec: kmSpec(byPh, lang) });
  }
  const sos = data.sos_vod;
  const cifValues = stepRows('SOS/VOD', 0, sos.steps.map((s) => ({ time: s.time, value: s.cif, lower: s.lower, upper: s.upper, censored: s.censored })));
  const cifLayers = stepLayers(lang, t(lang, 'cum_incidence'), ['SOS/VOD']);
  charts.push({
    id: 'sos_vod_cif',
    title: t(lang, 'sos_chart'),
    spec: {
      width: 560,
      height: 260,
      config: config(lang),
      data: { values: cifValues },
      layer: [...cifLayers, { mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { x: { datum: sos.horizon_days } } }],
    },
  });
  const socs = data.adverse_events.by_soc.filter((s) => s.grade3plus > 0).map((s) => ({ soc: s.soc_label, n: s.grade3plus }));
  charts.push({
    id: 'ae_grade3_by_soc',
    title: t(lang, 'ae_chart'),
    spec: {
      width: 360,
      height: { step: 18 },
      config: config(lang),
      data: { values: socs },
      mark: 'bar',
      encoding: {
        y: { field: 'soc', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 320 } },
        x: { field: 'n', type: 'quantitative', title: t(lang, 'patients'), axis: { tickCount: Math.min(Math.max(1, ...socs.map((x) => x.n)), 6), format: 'd' } },
      },
    },
  });
  const costs = data.costs.by_category
    .filter((c) => c.total > 0)
    .map((c) => ({ cat: c.label, mean: c.mean ?? 0 }))
    .sort((a, b) => b.mean - a.mean);
  charts.push({
    id: 'costs_by_category',
    title: t(lang, 'costs_chart'),
    spec: {
      width: 360,
      height: { step: 18 },
      config: config(lang),
      data: { values: costs },
      mark: 'bar',
      encoding: {
        y: { field: 'cat', type: 'nominal', sort: costs.map((c) => c.cat), title: null, axis: { labelLimit: 320 } },
        x: { field: 'mean', type: 'quantitative', title: t(lang, 'eur'), axis: { format: ',.0f' } },
      },
    },
  });
  return charts;
}

const refuse = (): Promise<never> => Promise.reject(new Error('report charts never load external resources'));

type Engines = readonly [typeof import('vega'), typeof import('vega-lite')];
let engines: Promise<Engines> | undefined;

/** Vega and Vega-Lite are loaded on first use: commands that draw no chart do not pay for them (~0.3 s). */
function loadEngines(): Promise<Engines> {
  engines ??= Promise.all([import('vega'), import('vega-lite')]);
  return engines;
}

/** Compiles a Vega-Lite spec and renders it headless to an SVG string, with a loader that refuses every URL and file. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await loadEngines();
  const loader: Loader = { ...vega.loader(), load: refuse, sanitize: refuse, http: refuse, file: refuse };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none', loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
