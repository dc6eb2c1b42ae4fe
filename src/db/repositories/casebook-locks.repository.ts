// Queries on casebook_locks: at most one lock per subject, removed when the casebook is unlocked.

import type { CasebookLock, LockedByCasebook } from '../domain/casebook-lock';
import { kyselyOf, type Db, type Tx } from '../handle';
import { decodeJson, encodeJson } from '../mappers/json-column';

export async function findCasebookLock(db: Db, subjectId: string): Promise<CasebookLock | undefined> {
  const row = await kyselyOf(db).selectFrom('casebook_locks').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
  return row ? { subjectId: row.subject_id, lockedAt: row.locked_at, lockedBy: row.locked_by, reason: row.reason, prior: decodeJson<LockedByCasebook[]>(row.prior) } : undefined;
}

export async function insertCasebookLock(tx: Tx, lock: CasebookLock): Promise<void> {
  await kyselyOf(tx)
    .insertInto('casebook_locks')
    .values({ subject_id: lock.subjectId, locked_at: lock.lockedAt, locked_by: lock.lockedBy, reason: lock.reason, prior: encodeJson(lock.prior) })
    .execute();
}

export async function deleteCasebookLock(tx: Tx, subjectId: string): Promise<void> {
  await kyselyOf(tx).deleteFrom('casebook_locks').where('subject_id', '=', subjectId).execute();
}
