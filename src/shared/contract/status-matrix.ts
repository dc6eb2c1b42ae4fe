// Contract entry of the record status dashboard: one row per subject, one cell per form that has instances.

import { z } from 'zod';
import { FormKey, SubjectId } from './common';

/** How far the least advanced instance of a form has got (the dashboard's colour and shape). */
export const MatrixStatus = z.enum(['draft', 'complete', 'signed', 'locked']);
export type MatrixStatus = z.infer<typeof MatrixStatus>;

/** The worst open issue of the form's instances at their last evaluation; null where never evaluated here (merged data). */
export const MatrixIssue = z.enum(['none', 'missing', 'soft', 'hard']).nullable();
export type MatrixIssue = z.infer<typeof MatrixIssue>;

export const MatrixCell = z.strictObject({
  form: FormKey,
  status: MatrixStatus,
  instances: z.number().int().min(1),
  issue: MatrixIssue,
});
export type MatrixCell = z.infer<typeof MatrixCell>;

export const MatrixRow = z.strictObject({
  subjectId: SubjectId,
  siteId: z.string(),
  /** Forms with no instance have no cell: "not started". */
  cells: z.array(MatrixCell),
});
export type MatrixRow = z.infer<typeof MatrixRow>;

export const StatusMatrixInput = z.strictObject({ site: z.string().regex(/^[A-Z0-9]{2,6}$/).optional() });

export const StatusMatrix = z.strictObject({
  /** Form keys in the study's order: the columns. */
  forms: z.array(FormKey),
  /** Site codes present in the store (several at the centre). */
  sites: z.array(z.string()),
  rows: z.array(MatrixRow),
});
export type StatusMatrix = z.infer<typeof StatusMatrix>;
