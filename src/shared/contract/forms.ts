// Contract entries for form data: load, save (draft or complete), sign, lock, unlock, remove, history.

import { z } from 'zod';
import { FieldName, FormKey, InstanceNo, Password, Reason, SubjectId } from './common';
import { FormData } from '../study/entries';
import { CasebookLockOut } from './casebook-lock';
import { CheckFailureOut, EvaluationData } from './subjects';

export const SaveFormInput = z.strictObject({
  subjectId: SubjectId,
  form: FormKey,
  /** Omit to create a new instance of a repeating form (or the single instance of the others). */
  instanceNo: InstanceNo.optional(),
  /** Fields to set; null clears a field. Each value is checked against its field's type and hard limits. */
  data: z.record(FieldName, z.unknown()).refine((d) => Object.keys(d).length <= 400, 'too many fields'),
  /** The version the user edited, to refuse a save over someone else's change. */
  expectedVersion: z.number().int().min(0).optional(),
  complete: z.boolean().default(false),
  reason: Reason.optional(),
  /** Override reasons for soft-check warnings, by check id. */
  overrides: z.record(z.string().regex(/^[A-Za-z0-9_]{1,60}$/), Reason).optional(),
});
export type SaveFormInput = z.input<typeof SaveFormInput>;

export const InstanceRef = z.strictObject({ subjectId: SubjectId, form: FormKey, instanceNo: InstanceNo.default(1) });
export type InstanceRef = z.input<typeof InstanceRef>;

/** What the form screen needs in one round trip: the instance (omit instanceNo for a new one) and the subject's data. */
export const OpenFormInput = z.strictObject({ subjectId: SubjectId, form: FormKey, instanceNo: InstanceNo.optional() });
export type OpenFormInput = z.infer<typeof OpenFormInput>;

export const SignFormInput = z.strictObject({ subjectId: SubjectId, form: FormKey, instanceNo: InstanceNo.default(1), password: Password });
export type SignFormInput = z.input<typeof SignFormInput>;

export const SignManyInput = z.strictObject({
  subjectId: SubjectId,
  instances: z.array(z.strictObject({ form: FormKey, instanceNo: InstanceNo })).min(1).max(2000),
  password: Password,
});
export type SignManyInput = z.input<typeof SignManyInput>;

export const ReasonedInstanceRef = z.strictObject({ subjectId: SubjectId, form: FormKey, instanceNo: InstanceNo.default(1), reason: Reason });
export type ReasonedInstanceRef = z.input<typeof ReasonedInstanceRef>;

export const FieldHistoryInput = z.strictObject({
  subjectId: SubjectId,
  form: FormKey.optional(),
  instanceNo: InstanceNo.optional(),
  field: FieldName.optional(),
});
export type FieldHistoryInput = z.infer<typeof FieldHistoryInput>;

export const FormInstanceOut = z.strictObject({
  subjectId: SubjectId,
  form: FormKey,
  instanceNo: z.number().int(),
  status: z.enum(['draft', 'complete', 'signed', 'locked']),
  version: z.number().int(),
  defVersion: z.string(),
  completedOnce: z.boolean(),
  data: FormData,
  calcs: z.record(z.string(), z.unknown()),
  hidden: z.array(z.string()),
  missing: z.array(z.string()),
  failures: z.array(CheckFailureOut),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  signMeaning: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lockedAt: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type FormInstanceOut = z.infer<typeof FormInstanceOut>;

export const OpenFormOut = z.strictObject({
  /** null: a new instance, or one not filled in yet. */
  instance: FormInstanceOut.nullable(),
  evaluation: EvaluationData,
  /** The administrator's casebook lock on the subject: its forms are unlocked with the casebook, not one by one. */
  casebookLock: CasebookLockOut.nullable(),
});
export type OpenFormOut = z.infer<typeof OpenFormOut>;

export const SaveResult = z.strictObject({
  instance: FormInstanceOut,
  changedFields: z.array(z.string()),
  clearedHiddenFields: z.array(z.string()),
});
export type SaveResult = z.infer<typeof SaveResult>;

export const AuditEntryOut = z.strictObject({
  id: z.number().int(),
  at: z.string(),
  user: z.string(),
  action: z.string(),
  subjectId: z.string().nullable(),
  form: z.string().nullable(),
  instanceNo: z.number().int().nullable(),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AuditEntryOut = z.infer<typeof AuditEntryOut>;
