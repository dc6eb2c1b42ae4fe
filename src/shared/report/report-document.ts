// The study report as data (report.json, format 2): a header, then sections made of generic blocks — tables of
// formatted cells, Vega-Lite charts, notes — each section keeping its machine-readable numbers beside its
// blocks. One HTML writer and the Report screen render any study's report from this alone; the screen parses
// what it receives with these schemas.

import { z } from 'zod';

export const REPORT_FORMAT = 'edc-study-report';
export const REPORT_FORMAT_VERSION = 2;

/** A cell as shown: text in the report's language; optionally a muted part after it, a tooltip, an indent. */
export const ReportCell = z.union([
  z.string(),
  z.strictObject({
    text: z.string(),
    /** Shown after the text, muted (e.g. the counts behind a percentage). */
    sub: z.string().optional(),
    /** A tooltip (e.g. the full label of an abbreviated one). */
    title: z.string().optional(),
    /** An item under the row above (a level of a characteristic, a term of an organ class). */
    indent: z.boolean().optional(),
    /** Set in a monospaced font (codes, identifiers). */
    code: z.boolean().optional(),
  }),
]);
export type ReportCell = z.infer<typeof ReportCell>;

export const ReportColumn = z.strictObject({ label: z.string(), numeric: z.boolean().optional() });
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportRow = z.strictObject({
  /** The first cell names the row (a row header). */
  cells: z.array(ReportCell).min(1),
  /** group: a heading row over the rows below it; total: a sum row. */
  kind: z.enum(['group', 'total']).optional(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const TableBlock = z.strictObject({
  kind: z.literal('table'),
  caption: z.string().optional(),
  /** The header row; empty for a two-column table of labelled values. */
  columns: z.array(ReportColumn),
  rows: z.array(ReportRow),
  /** Detail tables (curve steps, month × site) are folded under this summary. */
  folded: z.string().optional(),
});
export type TableBlock = z.infer<typeof TableBlock>;

/** A Vega-Lite spec with inline data only, rendered to SVG by core (the renderer only shows the SVG). */
export const ChartBlock = z.strictObject({
  kind: z.literal('chart'),
  id: z.string().regex(/^[a-z0-9_-]+$/),
  title: z.string(),
  spec: z.record(z.string(), z.unknown()),
});
export type ChartBlock = z.infer<typeof ChartBlock>;

export const HeadingBlock = z.strictObject({ kind: z.literal('heading'), text: z.string() });
export const TextBlock = z.strictObject({ kind: z.literal('text'), text: z.string(), title: z.string().optional() });
export const NoteBlock = z.strictObject({ kind: z.literal('note'), text: z.string() });

export const ReportBlock = z.discriminatedUnion('kind', [TableBlock, ChartBlock, HeadingBlock, TextBlock, NoteBlock]);
export type ReportBlock = z.infer<typeof ReportBlock>;

export const ReportSection = z.strictObject({
  id: z.string().regex(/^[a-z0-9_-]+$/),
  title: z.string(),
  /** 'generic' for the parts every study gets; otherwise the id of the study module that added the section. */
  source: z.string(),
  blocks: z.array(ReportBlock),
  /** The section's numbers, machine-readable (shape documented by the section's builder). */
  data: z.unknown(),
});
export type ReportSection = z.infer<typeof ReportSection>;

export const ReportHeader = z.strictObject({
  study_id: z.string(),
  study_version: z.string(),
  study_title: z.string(),
  scope: z.enum(['central', 'site']),
  /** The site of a site store's own report; null at the centre. */
  site_id: z.string().nullable(),
  generated_at: z.string(),
  /** ISO date; null = no administrative censoring (all follow-up used). */
  data_cutoff: z.string().nullable(),
  /** Parameters in force (the definition's study parameters with the caller's overrides). */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** SHA-256 content digest of the store. */
  digest: z.string(),
  subjects: z.number().int(),
  /** Subjects in the study's analysis population, when its module defines one; null otherwise. */
  analysis_population: z.number().int().nullable(),
  population_label: z.string().nullable(),
  sites: z.array(z.strictObject({ site_id: z.string(), site_name: z.string(), subjects: z.number().int() })),
});
export type ReportHeader = z.infer<typeof ReportHeader>;

export const ReportDocument = z.strictObject({
  format: z.literal(REPORT_FORMAT),
  format_version: z.literal(REPORT_FORMAT_VERSION),
  lang: z.enum(['it', 'en']),
  header: ReportHeader,
  sections: z.array(ReportSection),
});
export type ReportDocument = z.infer<typeof ReportDocument>;
