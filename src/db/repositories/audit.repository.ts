// Queries on the append-only audit trail (the hash chain itself is computed in core/store/audit-chain).
// Entries are stored in the shape they are hashed in (domain/audit.ts), so no mapping happens here.

import type { AuditEntry } from '../domain/audit';
import { sql } from 'kysely';
import { handleOf, isPostgres, kyselyOf, type Db, type Tx } from '../handle';
import { LOCKS } from '../postgres/advisory-locks';

export async function lastAuditEntry(db: Db): Promise<Pick<AuditEntry, 'id' | 'hash'> | undefined> {
  // PostgreSQL runs writers side by side: inside a transaction, the head is read under a lock held to the
  // commit, so two appends never chain onto the same entry (SQLite's BEGIN IMMEDIATE already serialises them).
  const handle = handleOf(db);
  if (isPostgres(handle) && handle.inTransaction) await sql`SELECT pg_advisory_xact_lock(${LOCKS.audit}, 0)`.execute(handle.kysely);
  return kyselyOf(db).selectFrom('audit').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditEntries(tx: Tx, entries: readonly AuditEntry[]): Promise<void> {
  // SQLite caps bound parameters per statement; 14 columns × 60 rows stays well below it.
  for (let i = 0; i < entries.length; i += 60) {
    await kyselyOf(tx).insertInto('audit').values(entries.slice(i, i + 60)).execute();
  }
}

export async function auditPage(db: Db, afterId: number, limit: number): Promise<AuditEntry[]> {
  return kyselyOf(db).selectFrom('audit').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function auditOfField(db: Db, where: { subjectId: string; formKey?: string; instanceNo?: number; field?: string }): Promise<AuditEntry[]> {
  let q = kyselyOf(db).selectFrom('audit').selectAll().where('subject_id', '=', where.subjectId);
  if (where.formKey !== undefined) q = q.where('form_key', '=', where.formKey);
  if (where.instanceNo !== undefined) q = q.where('instance_no', '=', where.instanceNo);
  if (where.field !== undefined) q = q.where('field', '=', where.field);
  return q.orderBy('id').execute();
}

export async function countAudit(db: Db): Promise<number> {
  const row = await kyselyOf(db).selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
