// The part of the study report (report.json, from `report:build`) the Report screen shows, checked on arrival:
// the contract types it as an open record, so the screen parses what it reads instead of trusting a cast.

import { z } from 'zod';

const num = z.number();
const maybe = z.number().nullable();
const Proportion = z.object({ x: num, n: num, estimate: maybe, lower: maybe, upper: maybe });
const CodeCount = z.object({ code: z.string(), label: z.string(), n: num });
const Cell = z.object({ site_id: z.string(), form: z.string(), denominator: num, complete: num, share: maybe });
const CostSummary = z.object({ n: num, mean: maybe, median: maybe, q1: maybe, q3: maybe, total: num });

export const ReportView = z.object({
  header: z.object({
    study_id: z.string(),
    study_version: z.string(),
    study_title: z.string(),
    scope: z.enum(['central', 'site']),
    generated_at: z.string(),
    data_cutoff: z.string().nullable(),
    digest: z.string(),
    subjects: num,
    analysis_population: num,
  }),
  enrolment: z.object({
    by_site: z.array(z.object({ site_id: z.string(), subjects: num, analysis_population: num, first_month: z.string().nullable(), last_month: z.string().nullable() })),
  }),
  completeness: z.object({
    forms: z.array(z.object({ form: z.string(), spec_id: z.string(), title: z.string(), repeating: z.boolean() })),
    cells: z.array(Cell),
    overall: z.array(Cell),
  }),
  baseline: z.object({ groups: z.array(z.object({ group: z.string(), label: z.string(), n: num })) }),
  response: z.object({
    groups: z.array(z.object({ group: z.string(), n: num, crcri: Proportion, mrd_neg_among_crcri: Proportion, hsct_after_ino: Proportion })),
  }),
  survival: z.object({
    at_risk_times: z.array(num),
    curves: z.array(
      z.object({
        id: z.string(),
        endpoint: z.enum(['os', 'efs']),
        label: z.string(),
        n: num,
        events: num,
        censored: num,
        at_risk: z.array(z.object({ time: num, at_risk: num })),
        median: z.object({ median: maybe, lower: maybe, upper: maybe }),
      }),
    ),
  }),
  adverse_events: z.object({
    patients: num,
    patients_any: num,
    patients_grade3plus: num,
    by_soc: z.array(z.object({ soc: z.string(), soc_label: z.string(), any: num, grade3plus: num })),
  }),
  sos_vod: z.object({
    treated: num,
    crude: Proportion,
    n: num,
    events: num,
    competing: num,
    horizon_days: num,
    cif_at_horizon: z.object({ cif: maybe, lower: maybe, upper: maybe }),
    ebmt_grade: z.array(CodeCount),
  }),
  costs: z.object({
    patients: num,
    by_category: z.array(CostSummary.extend({ category: z.string(), label: z.string() })),
    total: CostSummary,
  }),
});
export type ReportView = z.infer<typeof ReportView>;

export interface ReportChart {
  readonly id: string;
  readonly svg: string;
}

/** An SVG document as a data: URL for an <img> (never injected as markup into the page). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
