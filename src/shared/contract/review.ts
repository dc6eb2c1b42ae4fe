// Contract entries for the Review screen (one grid per form), CSV exports from the app, and the report screen.

import { z } from 'zod';
import { ReportDocument } from '../report/report-document';
import { FormKey } from './common';

export const ReviewGridInput = z.strictObject({ form: FormKey });

export const ReviewRow = z.strictObject({
  subjectId: z.string(),
  instanceNo: z.number().int(),
  status: z.enum(['draft', 'complete', 'signed', 'locked']),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  data: z.record(z.string(), z.unknown()),
  /** Ids of failing checks (soft ones included even when overridden; see `overridden`). */
  failed: z.array(z.string()),
  overridden: z.array(z.string()),
  missing: z.array(z.string()),
});
export type ReviewRow = z.infer<typeof ReviewRow>;

export const ReviewGrid = z.strictObject({ form: FormKey, rows: z.array(ReviewRow) });
export type ReviewGrid = z.infer<typeof ReviewGrid>;

export const CsvExportInput = z.strictObject({
  folder: z.string().min(1).max(1000),
  dialect: z.enum(['rfc4180', 'excel-it']),
  identified: z.boolean().default(false),
  /** An identified export must be confirmed explicitly, besides the admin role. */
  confirmIdentified: z.boolean().default(false),
});

export const ReportInput = z.strictObject({
  lang: z.enum(['it', 'en']),
  dataCutoff: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

export const ReportOut = z.strictObject({
  /** The report document as in report.json. */
  data: ReportDocument,
  charts: z.array(z.strictObject({ id: z.string(), svg: z.string() })),
});
