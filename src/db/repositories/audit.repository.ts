// Queries on the append-only audit trail (the hash chain itself is computed in core/audit).

import type { Kysely } from 'kysely';
import type { AuditRow, Database } from '../schema/tables';

export async function lastAuditEntry(db: Kysely<Database>): Promise<Pick<AuditRow, 'id' | 'hash'> | undefined> {
  return db.selectFrom('audit').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function insertAuditRows(db: Kysely<Database>, rows: readonly AuditRow[]): Promise<void> {
  // SQLite caps bound parameters per statement; 14 columns × 60 rows stays well below it.
  for (let i = 0; i < rows.length; i += 60) {
    await db.insertInto('audit').values(rows.slice(i, i + 60)).execute();
  }
}

export async function auditPage(db: Kysely<Database>, afterId: number, limit: number): Promise<AuditRow[]> {
  return db.selectFrom('audit').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
}

export async function auditOfField(
  db: Kysely<Database>,
  where: { subjectId: string; formKey?: string; instanceNo?: number; field?: string },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit').selectAll().where('subject_id', '=', where.subjectId);
  if (where.formKey !== undefined) q = q.where('form_key', '=', where.formKey);
  if (where.instanceNo !== undefined) q = q.where('instance_no', '=', where.instanceNo);
  if (where.field !== undefined) q = q.where('field', '=', where.field);
  return q.orderBy('id').execute();
}

export async function countAudit(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('audit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
