// The site administrator's casebook lock as every change of a subject's forms sees it: refused with
// form.casebookLocked while the lock stands (new instances included).

import { findCasebookLock } from '../../db/repositories/casebook-locks.repository';
import type { Db } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';

export async function refuseCasebookLocked(db: Db, subjectId: string): Promise<void> {
  const lock = await findCasebookLock(db, subjectId);
  if (lock) throw new AppError('form.casebookLocked', { subject: subjectId, user: lock.lockedBy, reason: lock.reason });
}
