// Queries on form instances: one row per (subject, form, instance) holding its JSON data and status.

import type { EvaluatedFormInstance, FormInstanceChanges, InstanceResults, NewFormInstance } from '../domain/form-instance';
import { kyselyOf, type Db, type Tx } from '../handle';
import { instanceChangeColumns, newInstanceRow, resultColumns, toEvaluatedFormInstance } from '../mappers/form-instance.mapper';

export async function findInstance(db: Db, subjectId: string, formKey: string, instanceNo: number): Promise<EvaluatedFormInstance | undefined> {
  const row = await kyselyOf(db)
    .selectFrom('form_instances')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .where('form_key', '=', formKey)
    .where('instance_no', '=', instanceNo)
    .executeTakeFirst();
  return row ? toEvaluatedFormInstance(row) : undefined;
}

export async function listInstancesOfSubject(db: Db, subjectId: string): Promise<EvaluatedFormInstance[]> {
  const rows = await kyselyOf(db).selectFrom('form_instances').selectAll().where('subject_id', '=', subjectId).orderBy('form_key').orderBy('instance_no').execute();
  return rows.map(toEvaluatedFormInstance);
}

export async function listAllInstances(db: Db): Promise<EvaluatedFormInstance[]> {
  const rows = await kyselyOf(db).selectFrom('form_instances').selectAll().orderBy('subject_id').orderBy('form_key').orderBy('instance_no').execute();
  return rows.map(toEvaluatedFormInstance);
}

export async function listInstancesOfForm(db: Db, formKey: string): Promise<EvaluatedFormInstance[]> {
  const rows = await kyselyOf(db).selectFrom('form_instances').selectAll().where('form_key', '=', formKey).orderBy('subject_id').orderBy('instance_no').execute();
  return rows.map(toEvaluatedFormInstance);
}

/** Inserts an instance and returns it with the id the store gave it. */
export async function insertInstance(tx: Tx, instance: NewFormInstance): Promise<EvaluatedFormInstance> {
  const { id } = await kyselyOf(tx).insertInto('form_instances').values(newInstanceRow(instance)).returning('id').executeTakeFirstOrThrow();
  return { ...instance, id };
}

export async function updateInstance(tx: Tx, id: number, changes: FormInstanceChanges): Promise<void> {
  await kyselyOf(tx).updateTable('form_instances').set(instanceChangeColumns(changes)).where('id', '=', id).execute();
}

export async function deleteInstance(tx: Tx, id: number): Promise<void> {
  await kyselyOf(tx).deleteFrom('form_instances').where('id', '=', id).execute();
}

export async function updateInstanceResults(tx: Tx, id: number, results: InstanceResults): Promise<void> {
  await kyselyOf(tx).updateTable('form_instances').set(resultColumns(results)).where('id', '=', id).execute();
}

/** Next instance number of a repeating form; numbers are never reused, so links stay stable after removals. */
export async function takeInstanceNo(tx: Tx, subjectId: string, formKey: string): Promise<number> {
  const k = kyselyOf(tx);
  const row = await k.selectFrom('instance_counters').select('next_no').where('subject_id', '=', subjectId).where('form_key', '=', formKey).executeTakeFirst();
  const next = row?.next_no ?? 1;
  await k
    .insertInto('instance_counters')
    .values({ subject_id: subjectId, form_key: formKey, next_no: next + 1 })
    .onConflict((oc) => oc.columns(['subject_id', 'form_key']).doUpdateSet({ next_no: next + 1 }))
    .execute();
  return next;
}
