// Builders of report blocks (tables, charts, headings, notes) and of the sections they make up.

import type { TopLevelSpec } from 'vega-lite';
import type { ChartBlock, ReportBlock, ReportCell, ReportColumn, ReportRow, ReportSection, TableBlock } from '../../shared/report/report-document';

export function table(columns: readonly (string | ReportColumn)[], rows: readonly (readonly ReportCell[] | ReportRow)[], options: { caption?: string; folded?: string; numericFrom?: number } = {}): TableBlock {
  const from = options.numericFrom ?? Infinity;
  return {
    kind: 'table',
    ...(options.caption ? { caption: options.caption } : {}),
    columns: columns.map((c, i) => (typeof c === 'string' ? { label: c, ...(i >= from ? { numeric: true } : {}) } : c)),
    rows: rows.map((r) => (Array.isArray(r) ? { cells: [...(r as readonly ReportCell[])] } : (r as ReportRow))),
    ...(options.folded ? { folded: options.folded } : {}),
  };
}

export function row(cells: readonly ReportCell[], kind?: ReportRow['kind']): ReportRow {
  return { cells: [...cells], ...(kind ? { kind } : {}) };
}

/** An item under the row above it. */
export function indented(text: string): ReportCell {
  return { text, indent: true };
}

export function chart(id: string, title: string, spec: TopLevelSpec): ChartBlock {
  // report.json keeps the spec as plain JSON data; renderSvg reads it back as a Vega-Lite spec.
  return { kind: 'chart', id, title, spec: spec as unknown as Record<string, unknown> };
}

export const heading = (text: string): ReportBlock => ({ kind: 'heading', text });
export const note = (text: string): ReportBlock => ({ kind: 'note', text });
export const paragraph = (text: string, title?: string): ReportBlock => ({ kind: 'text', text, ...(title ? { title } : {}) });

export function section<D>(id: string, title: string, source: string, blocks: readonly (ReportBlock | undefined)[], data: D): ReportSection & { data: D } {
  return { id, title, source, blocks: blocks.filter((b): b is ReportBlock => b !== undefined), data };
}
