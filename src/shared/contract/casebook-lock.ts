// Contract entries for the casebook lock: an administrator locks or unlocks all forms of a subject, with a reason.

import { z } from 'zod';
import { IsoTimestamp, Reason, SubjectId, Username } from './common';

export const CasebookLockInput = z.strictObject({ subjectId: SubjectId, reason: Reason });
export type CasebookLockInput = z.input<typeof CasebookLockInput>;

/** The lock a casebook is under (shown on the casebook screen). */
export const CasebookLockOut = z.strictObject({
  subjectId: SubjectId,
  lockedAt: IsoTimestamp,
  lockedBy: Username,
  reason: z.string(),
  /** How many form instances the casebook lock locked (those already locked one by one not counted). */
  forms: z.number().int().min(0),
});
export type CasebookLockOut = z.infer<typeof CasebookLockOut>;

/** What an unlock did: the instances returned to the status they had before the lock. */
export const CasebookUnlockOut = z.strictObject({ subjectId: SubjectId, restored: z.number().int().min(0) });
export type CasebookUnlockOut = z.infer<typeof CasebookUnlockOut>;
