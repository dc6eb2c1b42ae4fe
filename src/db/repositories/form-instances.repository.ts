// Queries on form instances: one row per (subject, form, instance) holding its JSON data and status.

import type { Kysely } from 'kysely';
import type { Database, FormInstanceRow, FormInstanceUpdate, NewFormInstance } from '../schema/tables';

export async function findInstance(db: Kysely<Database>, subjectId: string, formKey: string, instanceNo: number): Promise<FormInstanceRow | undefined> {
  return db
    .selectFrom('form_instances')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('form_key', '=', formKey)
    .where('instance_no', '=', instanceNo)
    .executeTakeFirst();
}

export async function listInstancesOfSubject(db: Kysely<Database>, subjectId: string): Promise<FormInstanceRow[]> {
  return db.selectFrom('form_instances').selectAll().where('subject_id', '=', subjectId).orderBy('form_key').orderBy('instance_no').execute();
}

export async function listAllInstances(db: Kysely<Database>): Promise<FormInstanceRow[]> {
  return db.selectFrom('form_instances').selectAll().orderBy('subject_id').orderBy('form_key').orderBy('instance_no').execute();
}

export async function insertInstance(db: Kysely<Database>, row: NewFormInstance): Promise<void> {
  await db.insertInto('form_instances').values(row).execute();
}

export async function updateInstance(db: Kysely<Database>, id: number, changes: FormInstanceUpdate): Promise<void> {
  await db.updateTable('form_instances').set(changes).where('id', '=', id).execute();
}

export async function deleteInstance(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('form_instances').where('id', '=', id).execute();
}

export async function updateInstanceCounts(
  db: Kysely<Database>,
  id: number,
  counts: { n_missing: number; n_hard: number; n_soft: number; failed_checks: string; missing_fields: string },
): Promise<void> {
  await db.updateTable('form_instances').set(counts).where('id', '=', id).execute();
}

/** Next instance number of a repeating form; numbers are never reused, so links stay stable after removals. */
export async function takeInstanceNo(db: Kysely<Database>, subjectId: string, formKey: string): Promise<number> {
  const row = await db
    .selectFrom('instance_counters')
    .select('next_no')
    .where('subject_id', '=', subjectId)
    .where('form_key', '=', formKey)
    .executeTakeFirst();
  const next = row?.next_no ?? 1;
  await db
    .insertInto('instance_counters')
    .values({ subject_id: subjectId, form_key: formKey, next_no: next + 1 })
    .onConflict((oc) => oc.columns(['subject_id', 'form_key']).doUpdateSet({ next_no: next + 1 }))
    .execute();
  return next;
}

export async function listInstancesOfForm(db: Kysely<Database>, formKey: string): Promise<FormInstanceRow[]> {
  return db.selectFrom('form_instances').selectAll().where('form_key', '=', formKey).orderBy('subject_id').orderBy('instance_no').execute();
}
