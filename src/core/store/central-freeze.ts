// The centre's locks as the site holds them (from return bundles): a frozen subject, site or study is
// read-only here; every change of its forms is refused with form.frozen.

import { listCentralLocks } from '../../db/repositories/return-exchange.repository';
import type { Db } from '../../db/transaction';
import type { CentralLock } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';

/** The lock that freezes this subject's data, if any (the study's first, then its site's, then its own). */
export async function freezeOf(db: Db, siteId: string, subjectId: string): Promise<CentralLock | undefined> {
  const locks = await listCentralLocks(db);
  return locks.find((l) => l.scope === 'study') ?? locks.find((l) => l.scope === 'site' && l.target === siteId) ?? locks.find((l) => l.scope === 'subject' && l.target === subjectId);
}

export async function refuseFrozen(db: Db, siteId: string, subjectId: string, form: string): Promise<void> {
  const lock = await freezeOf(db, siteId, subjectId);
  if (lock) throw new AppError('form.frozen', { form, subject: subjectId, scope: lock.scope, reason: lock.reason });
}
