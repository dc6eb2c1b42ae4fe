// The pieces report charts share (Vega-Lite config with inline data only and generic fonts, step curves with
// bands) and the rendering of every chart block of a report to SVG with Vega, offline.

import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartBlock, ReportDocument } from '../../shared/report/report-document';
import type { ReportLang } from './types';

export type Row = Record<string, string | number>;
/** The layers of a layered spec, as Vega-Lite types them. */
export type Layers = Extract<TopLevelSpec, { layer: unknown }>['layer'];

/** Italian number format in the charts (decimal comma); English keeps Vega's default. */
export function chartConfig(lang: ReportLang, lineLegend = false): NonNullable<TopLevelSpec['config']> {
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
export function stepRows(group: string, start: number, steps: readonly { time: number; value: number; lower: number | null; upper: number | null; censored: number }[]): Row[] {
  return [
    { g: group, t: 0, s: start, lo: start, hi: start, c: 0 },
    ...steps.map((s) => ({ g: group, t: s.time, s: s.value, lo: s.lower ?? s.value, hi: s.upper ?? s.value, c: s.censored })),
  ];
}

/** A step curve (line, confidence band, crosses at censored times), one colour per group when there are several. */
export function stepLayers(axes: { readonly x: string; readonly y: string; readonly group: string }, groups: readonly string[], yDomain?: [number, number]): Layers {
  const color = groups.length > 1 ? { field: 'g', type: 'nominal' as const, title: axes.group, sort: [...groups] } : { value: '#1f5f8b' };
  const x = { field: 't', type: 'quantitative' as const, title: axes.x };
  const y = { field: 's', type: 'quantitative' as const, title: axes.y, axis: { format: '.0%' }, scale: yDomain ? { domain: yDomain } : { zero: true } };
  return [
    { mark: { type: 'area', interpolate: 'step-after', opacity: 0.15 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color } },
    { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y, color } },
    { transform: [{ filter: 'datum.c > 0' }], mark: { type: 'point', shape: 'cross', size: 40, filled: true }, encoding: { x, y, color } },
  ];
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

/** Every chart of a report, in report order. */
export function chartsOf(document: ReportDocument): ChartBlock[] {
  return document.sections.flatMap((s) => s.blocks.filter((b): b is ChartBlock => b.kind === 'chart'));
}

/** A chart block's SVG (report.json keeps the spec as plain JSON; it was built as a Vega-Lite spec). */
export function renderChart(chart: ChartBlock): Promise<string> {
  return renderSvg(chart.spec as unknown as TopLevelSpec);
}

/** Renders every chart of the report to SVG, by chart id. */
export async function renderCharts(document: ReportDocument): Promise<Map<string, string>> {
  const svgs = new Map<string, string>();
  for (const chart of chartsOf(document)) svgs.set(chart.id, await renderChart(chart));
  return svgs;
}
