// Queries on subjects, their progress summary and the site-only identification log.

import { sql } from 'kysely';
import type { FormStatus } from '../../shared/study/evaluate-subject';
import type { IdentityData, IdentityEntry, Subject, SubjectStatus, SubjectWithProgress } from '../domain/subject';
import { kyselyOf, type Db, type Tx } from '../handle';
import { encodeJson } from '../mappers/json-column';
import { decodeIdentity, subjectRow, subjectStatusRow, toProgress, toSubject } from '../mappers/subject.mapper';

export async function nextSubjectSeq(db: Db, siteId: string): Promise<number> {
  const row = await kyselyOf(db)
    .selectFrom('subjects')
    .select((eb) => eb.fn.max<number | null>('seq').as('max'))
    .where('site_id', '=', siteId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

export async function insertSubject(tx: Tx, subject: Subject): Promise<void> {
  await kyselyOf(tx).insertInto('subjects').values(subjectRow(subject)).execute();
}

export async function findSubject(db: Db, id: string): Promise<Subject | undefined> {
  const row = await kyselyOf(db).selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSubject(row) : undefined;
}

export async function listSubjectsWithStatus(db: Db, query: { search?: string; limit: number; offset: number }): Promise<SubjectWithProgress[]> {
  let q = kyselyOf(db)
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
  const rows = await q.orderBy('subjects.id').limit(query.limit).offset(query.offset).execute();
  return rows.map((row) => ({ ...toSubject(row), progress: toProgress(row) }));
}

export async function countSubjects(db: Db): Promise<number> {
  const row = await kyselyOf(db).selectFrom('subjects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function upsertSubjectStatus(tx: Tx, status: SubjectStatus): Promise<void> {
  const row = subjectStatusRow(status);
  const { subject_id: _id, ...rest } = row;
  await kyselyOf(tx)
    .insertInto('subject_status')
    .values(row)
    .onConflict((oc) => oc.column('subject_id').doUpdateSet(rest))
    .execute();
}

export async function getIdentity(db: Db, subjectId: string): Promise<IdentityData | undefined> {
  const row = await kyselyOf(db).selectFrom('subject_identity').select('data').where('subject_id', '=', subjectId).executeTakeFirst();
  return row ? decodeIdentity(row.data) : undefined;
}

export async function upsertIdentity(tx: Tx, entry: IdentityEntry & { updatedAt: string; updatedBy: string }): Promise<void> {
  const row = { subject_id: entry.subjectId, data: encodeJson(entry.data), updated_at: entry.updatedAt, updated_by: entry.updatedBy };
  const { subject_id: _id, ...rest } = row;
  await kyselyOf(tx)
    .insertInto('subject_identity')
    .values(row)
    .onConflict((oc) => oc.column('subject_id').doUpdateSet(rest))
    .execute();
}

export async function listIdentities(db: Db): Promise<IdentityEntry[]> {
  const rows = await kyselyOf(db).selectFrom('subject_identity').select(['subject_id', 'data']).orderBy('subject_id').execute();
  return rows.map((r) => ({ subjectId: r.subject_id, data: decodeIdentity(r.data) }));
}

export async function countByStatus(db: Db): Promise<Partial<Record<FormStatus, number>>> {
  const rows = await kyselyOf(db)
    .selectFrom('form_instances')
    .select(['status', sql<number>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
