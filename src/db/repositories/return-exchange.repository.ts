// Queries of the return path: return bundles written and imported, sites' age recipients, review marks,
// central locks, and the review marks a site's audit trail carried to the centre.

import type { CentralLock, ReturnExport, ReturnImport, ReviewMark } from '../domain/return-exchange';
import { kyselyOf, type Db, type Tx } from '../handle';
import { centralLockRow, returnExportRow, returnImportRow, reviewMarkRow, toCentralLock, toReturnExport, toReturnImport, toReviewMark } from '../mappers/return-exchange.mapper';

export async function lastReturnExport(db: Db, siteId: string): Promise<ReturnExport | undefined> {
  const row = await kyselyOf(db).selectFrom('return_exports').selectAll().where('site_id', '=', siteId).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  return row ? toReturnExport(row) : undefined;
}

export async function insertReturnExport(tx: Tx, exported: ReturnExport): Promise<void> {
  await kyselyOf(tx).insertInto('return_exports').values(returnExportRow(exported)).execute();
}

export async function lastReturnImport(db: Db): Promise<ReturnImport | undefined> {
  const row = await kyselyOf(db).selectFrom('return_imports').selectAll().orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  return row ? toReturnImport(row) : undefined;
}

export async function insertReturnImport(tx: Tx, imported: ReturnImport): Promise<void> {
  await kyselyOf(tx).insertInto('return_imports').values(returnImportRow(imported)).execute();
}

export async function siteRecipient(db: Db, siteId: string): Promise<string | undefined> {
  const row = await kyselyOf(db).selectFrom('site_recipients').select('recipient').where('site_id', '=', siteId).executeTakeFirst();
  return row?.recipient;
}

export async function upsertSiteRecipient(tx: Tx, siteId: string, recipient: string, seenAt: string): Promise<void> {
  await kyselyOf(tx)
    .insertInto('site_recipients')
    .values({ site_id: siteId, recipient, seen_at: seenAt })
    .onConflict((oc) => oc.column('site_id').doUpdateSet({ recipient, seen_at: seenAt }))
    .execute();
}

export async function listReviewMarks(db: Db, filter: { siteId?: string; subjectId?: string } = {}): Promise<ReviewMark[]> {
  let q = kyselyOf(db).selectFrom('review_marks').selectAll();
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.subjectId !== undefined) q = q.where('subject_id', '=', filter.subjectId);
  const rows = await q.orderBy('subject_id').orderBy('form_key').orderBy('instance_no').execute();
  return rows.map(toReviewMark);
}

export async function findReviewMark(db: Db, key: { subjectId: string; form: string; instanceNo: number }): Promise<ReviewMark | undefined> {
  const row = await kyselyOf(db)
    .selectFrom('review_marks')
    .selectAll()
    .where('subject_id', '=', key.subjectId)
    .where('form_key', '=', key.form)
    .where('instance_no', '=', key.instanceNo)
    .executeTakeFirst();
  return row ? toReviewMark(row) : undefined;
}

/** Keeps the first mark of an instance: a later mark of the same instance changes nothing. */
export async function insertReviewMark(tx: Tx, mark: ReviewMark): Promise<boolean> {
  const result = await kyselyOf(tx)
    .insertInto('review_marks')
    .values(reviewMarkRow(mark))
    .onConflict((oc) => oc.columns(['subject_id', 'form_key', 'instance_no']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Review marks a site made, as its merged audit trail carries them (action `review.mark`), first per instance. */
export async function siteAuditReviewMarks(db: Db, siteId: string): Promise<ReviewMark[]> {
  const rows = await kyselyOf(db)
    .selectFrom('site_audit')
    .select(['subject_id', 'form_key', 'instance_no', 'at', 'user'])
    .where('site_id', '=', siteId)
    .where('action', '=', 'review.mark')
    .orderBy('id')
    .execute();
  const marks = new Map<string, ReviewMark>();
  for (const r of rows) {
    if (r.subject_id === null || r.form_key === null || r.instance_no === null) continue;
    const key = `${r.subject_id}|${r.form_key}|${r.instance_no}`;
    if (!marks.has(key)) marks.set(key, { siteId, subjectId: r.subject_id, form: r.form_key, instanceNo: r.instance_no, markedAt: r.at, markedBy: r.user, side: 'site' });
  }
  return [...marks.values()];
}

export async function listCentralLocks(db: Db): Promise<CentralLock[]> {
  const rows = await kyselyOf(db).selectFrom('central_locks').selectAll().orderBy('locked_at').orderBy('lock_id').execute();
  return rows.map(toCentralLock);
}

export async function insertCentralLock(tx: Tx, lock: CentralLock): Promise<void> {
  await kyselyOf(tx).insertInto('central_locks').values(centralLockRow(lock)).execute();
}

export async function deleteCentralLock(tx: Tx, lockId: string): Promise<void> {
  await kyselyOf(tx).deleteFrom('central_locks').where('lock_id', '=', lockId).execute();
}
