// Contract entries for subjects: enrolment with the pseudonym, the list with progress, the casebook.

import { z } from 'zod';
import { CasebookLockOut } from './casebook-lock';
import { FormKey, SubjectId } from './common';

/** Identification-log values by field name (sil_*); validated against the study's log definition. */
export const IdentityInput = z.record(z.string().regex(/^sil_[a-z0-9_]+$/), z.union([z.string().max(500), z.array(z.string().max(100)).max(20), z.null()]));
export type IdentityInput = z.infer<typeof IdentityInput>;

export const CreateSubjectInput = z.strictObject({ identity: IdentityInput.optional() });
export type CreateSubjectInput = z.infer<typeof CreateSubjectInput>;

export const SetIdentityInput = z.strictObject({ subjectId: SubjectId, identity: IdentityInput });
export type SetIdentityInput = z.infer<typeof SetIdentityInput>;

export const SubjectIdInput = z.strictObject({ subjectId: SubjectId });
export type SubjectIdInput = z.infer<typeof SubjectIdInput>;

export const SubjectFilter = z.enum(['all', 'in_progress', 'complete', 'signed', 'with_failed_checks', 'with_missing']);

export const SubjectQuery = z.strictObject({
  search: z.string().max(40).optional(),
  filter: SubjectFilter.default('all'),
  limit: z.number().int().min(1).max(10_000).default(10_000),
  offset: z.number().int().min(0).default(0),
});
export type SubjectQuery = z.input<typeof SubjectQuery>;

export const SubjectSummary = z.strictObject({
  id: SubjectId,
  siteId: z.string(),
  createdAt: z.string(),
  instances: z.number().int(),
  complete: z.number().int(),
  signed: z.number().int(),
  locked: z.number().int(),
  failedHard: z.number().int(),
  failedSoft: z.number().int(),
  missingItems: z.number().int(),
});
export type SubjectSummary = z.infer<typeof SubjectSummary>;

export const CheckFailureOut = z.strictObject({
  id: z.string(),
  severity: z.enum(['hard', 'soft']),
  message: z.strictObject({ it: z.string(), en: z.string() }),
  fields: z.array(z.string()),
  overridden: z.strictObject({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
});
export type CheckFailureOut = z.infer<typeof CheckFailureOut>;

export const InstanceOverview = z.strictObject({
  form: FormKey,
  instanceNo: z.number().int(),
  status: z.enum(['draft', 'complete', 'signed', 'locked']),
  version: z.number().int(),
  defVersion: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  signedBy: z.string().nullable(),
  signedAt: z.string().nullable(),
  lockedBy: z.string().nullable(),
  missing: z.array(z.string()),
  failures: z.array(CheckFailureOut),
});
export type InstanceOverview = z.infer<typeof InstanceOverview>;

export const Casebook = z.strictObject({
  subject: SubjectSummary,
  instances: z.array(InstanceOverview),
  openQueries: z.number().int(),
  formsComplete: z.boolean(),
  /** The administrator's casebook lock, if the casebook is locked. */
  lock: CasebookLockOut.nullable(),
});
export type Casebook = z.infer<typeof Casebook>;

/** Everything the form screen needs to evaluate calculations, conditions and checks live as the user types. */
export const EvaluationData = z.strictObject({
  instances: z.array(
    z.strictObject({
      form: FormKey,
      instanceNo: z.number().int(),
      data: z.record(z.string(), z.unknown()),
      status: z.enum(['draft', 'complete', 'signed', 'locked']),
      overrides: z.record(z.string(), z.strictObject({ reason: z.string(), by: z.string(), at: z.string() })),
      signedAt: z.string().nullable(),
    }),
  ),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** The site-only full birth date for the exact age; null for roles that may not read the log. */
  identityBirthDate: z.string().nullable(),
  /** Today at the site, as YYYY-MM-DD. */
  today: z.string(),
});
export type EvaluationData = z.infer<typeof EvaluationData>;
