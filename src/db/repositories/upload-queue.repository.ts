// Queries on the site's upload queue, and the count of changes made since the last bundle was written.

import type { QueuedUpload } from '../domain/exchange';
import { kyselyOf, type Db, type Tx } from '../handle';
import { toQueuedUpload } from '../mappers/exchange.mapper';

/** Queues a written bundle for upload; queuing the same sequence twice keeps the first entry. */
export async function enqueueUpload(tx: Tx, entry: { sequence: number; file: string; queuedAt: string }): Promise<void> {
  await kyselyOf(tx)
    .insertInto('upload_queue')
    .values({ sequence: entry.sequence, file: entry.file, queued_at: entry.queuedAt, next_attempt_at: entry.queuedAt })
    .onConflict((oc) => oc.column('sequence').doNothing())
    .execute();
}

/** Pending uploads, oldest bundle first (the centre merges a site's bundles in order). */
export async function pendingUploads(db: Db): Promise<QueuedUpload[]> {
  const rows = await kyselyOf(db).selectFrom('upload_queue').selectAll().where('state', '=', 'pending').orderBy('sequence').execute();
  return rows.map(toQueuedUpload);
}

export async function lastFinishedUpload(db: Db): Promise<QueuedUpload | undefined> {
  const row = await kyselyOf(db).selectFrom('upload_queue').selectAll().where('state', '!=', 'pending').orderBy('finished_at', 'desc').orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  return row ? toQueuedUpload(row) : undefined;
}

export async function recordUploadAttempt(
  tx: Tx,
  sequence: number,
  outcome: { state: QueuedUpload['state']; attempts: number; nextAttemptAt: string; lastError: string | null; finishedAt: string | null },
): Promise<void> {
  await kyselyOf(tx)
    .updateTable('upload_queue')
    .set({ state: outcome.state, attempts: outcome.attempts, next_attempt_at: outcome.nextAttemptAt, last_error: outcome.lastError, finished_at: outcome.finishedAt })
    .where('sequence', '=', sequence)
    .execute();
}

/** Subjects and audit entries of data changes after the last `bundle.written` entry (all of them if none). */
export async function changesSinceLastBundle(db: Db): Promise<{ subjects: number; entries: number }> {
  const k = kyselyOf(db);
  const last = await k.selectFrom('audit').select('id').where('action', '=', 'bundle.written').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const row = await k
    .selectFrom('audit')
    .select((eb) => [eb.fn.count<number>('id').as('entries'), eb.fn.count<number>('subject_id').distinct().as('subjects')])
    .where('id', '>', last?.id ?? 0)
    .where('subject_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return { subjects: Number(row.subjects), entries: Number(row.entries) };
}
