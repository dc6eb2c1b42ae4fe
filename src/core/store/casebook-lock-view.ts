// The casebook lock as the contract shows it (the casebook screen, the form screen, the lock's own answer).

import type { CasebookLock } from '../../db/domain';
import type { CasebookLockOut } from '../../shared/contract/casebook-lock';

export function casebookLockOut(lock: CasebookLock): CasebookLockOut {
  return { subjectId: lock.subjectId, lockedAt: lock.lockedAt, lockedBy: lock.lockedBy, reason: lock.reason, forms: lock.prior.length };
}
