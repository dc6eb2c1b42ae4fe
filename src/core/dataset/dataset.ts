// Reads a store (site or central) subject by subject, with every form instance and its calculated
// values, streaming so that a 40-site central store is never held in memory at once. While iterating,
// the store connection is busy: consumers must not query the same store inside the loop.

import type { Kysely } from 'kysely';
import { getMeta } from '../../db/repositories/meta.repository';
import { listIdentities } from '../../db/repositories/subjects.repository';
import { streamFormInstances, streamSubjects } from '../../db/repositories/snapshot.repository';
import type { Database, FormInstanceRow, SubjectRow } from '../../db/schema/tables';
import { todayDayNumber } from '../../shared/dates/partial-date';
import type { CompiledStudy } from '../../shared/study/compile';
import { siteParams } from '../store/subject-data';
import { toDatasetSubject, type DatasetSubject, type EvaluationEnv, type SubjectRows } from './dataset-subject';

export type { DatasetInstance, DatasetSubject, EvaluationEnv, SubjectRows } from './dataset-subject';

export interface DatasetOptions {
  readonly siteId?: string;
  readonly now: Date;
  /** On a site store, the exact birth dates feed the exact age; never emitted. */
  readonly useIdentityBirthDates?: boolean;
}

/** Today's date and the store's parameters, as calculated values see them. */
export async function evaluationEnv(db: Kysely<Database>, now: Date): Promise<EvaluationEnv> {
  return { today: todayDayNumber(now), params: await siteParams(db) };
}

/** On a site store, each subject's exact birth date from the identification log (for the exact age only). */
export async function identityBirthDates(db: Kysely<Database>): Promise<Map<string, string>> {
  const birthDates = new Map<string, string>();
  if ((await getMeta(db, 'store_kind')) !== 'site') return birthDates;
  for (const row of await listIdentities(db)) {
    const value = (JSON.parse(row.data) as Record<string, unknown>).sil_birth_date;
    if (typeof value === 'string') birthDates.set(row.subject_id, value);
  }
  return birthDates;
}

/** Each subject's stored rows, in subject order, streamed. */
export async function* readSubjectRows(db: Kysely<Database>, options: Omit<DatasetOptions, 'now'>): AsyncGenerator<SubjectRows> {
  const birthDates = options.useIdentityBirthDates ? await identityBirthDates(db) : new Map<string, string>();
  // Subjects and instances are both ordered by subject id: walk them side by side.
  const subjects = streamSubjects(db, options.siteId);
  const instances = streamFormInstances(db, options.siteId);
  let pending: FormInstanceRow | undefined;
  let instancesDone = false;
  const nextInstance = async (): Promise<FormInstanceRow | undefined> => {
    if (pending) {
      const p = pending;
      pending = undefined;
      return p;
    }
    if (instancesDone) return undefined;
    const r = await instances.next();
    if (r.done) {
      instancesDone = true;
      return undefined;
    }
    return r.value;
  };
  // Both iterators share one connection; buffer the subject list (small) and stream instances.
  const subjectRows: SubjectRow[] = [];
  for await (const s of subjects) subjectRows.push(s);
  try {
    for (const subject of subjectRows) {
      const rows: FormInstanceRow[] = [];
      for (;;) {
        const row = await nextInstance();
        if (!row) break;
        if (row.subject_id !== subject.id) {
          if (row.subject_id < subject.id) continue; // an instance without its subject (cannot happen with foreign keys)
          pending = row;
          break;
        }
        rows.push(row);
      }
      yield { subject, rows, identityBirthDate: birthDates.get(subject.id) ?? null };
    }
  } finally {
    // A consumer that stops early (an error half-way) must not leave the connection busy.
    if (!instancesDone) await instances.return?.(undefined);
  }
}

export async function* readDataset(db: Kysely<Database>, study: CompiledStudy, options: DatasetOptions): AsyncGenerator<DatasetSubject> {
  const env = await evaluationEnv(db, options.now);
  for await (const rows of readSubjectRows(db, options)) yield toDatasetSubject(study, rows, env);
}
