// A casebook lock as the app sees it: who locked the subject's casebook, when, why, and what it replaced.

import type { FormStatus } from '../../shared/study/evaluate-subject';

/** An instance the casebook lock locked, with the status it goes back to on unlock. */
export interface LockedByCasebook {
  readonly form: string;
  readonly instanceNo: number;
  readonly status: Exclude<FormStatus, 'locked'>;
}

export interface CasebookLock {
  readonly subjectId: string;
  readonly lockedAt: string;
  readonly lockedBy: string;
  readonly reason: string;
  /** Instances that were already locked one by one are not listed: they stay locked after the unlock. */
  readonly prior: readonly LockedByCasebook[];
}
