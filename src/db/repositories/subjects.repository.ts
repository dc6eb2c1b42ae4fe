// Queries on subjects, their progress summary and the site-only identification log.

import { sql, type Kysely } from 'kysely';
import type { Database, SubjectRow, SubjectStatusRow } from '../schema/tables';

export async function nextSubjectSeq(db: Kysely<Database>, siteId: string): Promise<number> {
  const row = await db
    .selectFrom('subjects')
    .select((eb) => eb.fn.max<number | null>('seq').as('max'))
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

export async function insertSubject(db: Kysely<Database>, subject: SubjectRow): Promise<void> {
  await db.insertInto('subjects').values(subject).execute();
}

export async function findSubject(db: Kysely<Database>, id: string): Promise<SubjectRow | undefined> {
  return db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface SubjectListRow extends SubjectRow {
  instances: number | null;
  complete: number | null;
  signed: number | null;
  locked: number | null;
  failed_hard: number | null;
  failed_soft: number | null;
  missing_items: number | null;
}

export async function listSubjectsWithStatus(
  db: Kysely<Database>,
  query: { search?: string; limit: number; offset: number },
): Promise<SubjectListRow[]> {
  let q = db
    .selectFrom('subjects')
    .leftJoin('subject_status', 'subject_status.subject_id', 'subjects.id')
    .select([
      'subjects.id',
      'subjects.site_id',
      'subjects.seq',
      'subjects.created_at',
      'subjects.created_by',
      'subject_status.instances',
      'subject_status.complete',
      'subject_status.signed',
      'subject_status.locked',
      'subject_status.failed_hard',
      'subject_status.failed_soft',
      'subject_status.missing_items',
    ]);
  if (query.search) q = q.where('subjects.id', 'like', `%${query.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
  return q.orderBy('subjects.id').limit(query.limit).offset(query.offset).execute();
}

export async function countSubjects(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('subjects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function upsertSubjectStatus(db: Kysely<Database>, status: SubjectStatusRow): Promise<void> {
  const { subject_id: _id, ...rest } = status;
  await db
    .insertInto('subject_status')
    .values(status)
    .onConflict((oc) => oc.column('subject_id').doUpdateSet(rest))
    .execute();
}

export async function getIdentity(db: Kysely<Database>, subjectId: string): Promise<string | undefined> {
  const row = await db.selectFrom('subject_identity').select('data').where('subject_id', '=', subjectId).executeTakeFirst();
  return row?.data;
}

export async function upsertIdentity(db: Kysely<Database>, row: { subject_id: string; data: string; updated_at: string; updated_by: string }): Promise<void> {
  const { subject_id: _id, ...rest } = row;
  await db
    .insertInto('subject_identity')
    .values(row)
    .onConflict((oc) => oc.column('subject_id').doUpdateSet(rest))
    .execute();
}

export async function listIdentities(db: Kysely<Database>): Promise<{ subject_id: string; data: string }[]> {
  return db.selectFrom('subject_identity').select(['subject_id', 'data']).orderBy('subject_id').execute();
}

export async function countByStatus(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('form_instances')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
