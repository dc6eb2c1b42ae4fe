// Reads a store (site or central) subject by subject, with every form instance and its calculated
// values, streaming so that a 40-site central store is never held in memory at once. While iterating,
// the store connection is busy: consumers must not query the same store inside the loop.

import type { FormInstance, Subject } from '../../db/domain';
import { getSiteParams } from '../../db/repositories/meta.repository';
import { streamFormInstances, streamSubjects } from '../../db/repositories/snapshot.repository';
import type { Db } from '../../db/transaction';
import { todayDayNumber } from '../../shared/dates/partial-date';
import type { CompiledStudy } from '../../shared/study/compile';
import { identityBirthDates } from '../store/subject-data';
import { toDatasetSubject, type DatasetSubject, type EvaluationEnv, type StoredSubject } from './dataset-subject';

export type { DatasetInstance, DatasetSubject, EvaluationEnv, StoredSubject } from './dataset-subject';
export { identityBirthDates } from '../store/subject-data';

export interface DatasetOptions {
  readonly siteId?: string;
  readonly now: Date;
  /** On a site store, the exact birth dates feed the exact age; never emitted. */
  readonly useIdentityBirthDates?: boolean;
}

/** Today's date and the store's parameters, as calculated values see them. */
export async function evaluationEnv(db: Db, now: Date): Promise<EvaluationEnv> {
  return { today: todayDayNumber(now), params: await getSiteParams(db) };
}

/** Each subject with its stored instances, in subject order, streamed. */
export async function* readStoredSubjects(db: Db, options: Omit<DatasetOptions, 'now'>): AsyncGenerator<StoredSubject> {
  const birthDates = options.useIdentityBirthDates ? await identityBirthDates(db) : new Map<string, string>();
  // Both streams share one connection: buffer the subject list (small), then stream the instances, which
  // come in the same subject order, walking them side by side.
  const subjects: Subject[] = [];
  for await (const s of streamSubjects(db, options.siteId)) subjects.push(s);
  const instances = streamFormInstances(db, options.siteId);
  let pending: FormInstance | undefined;
  let instancesDone = false;
  const nextInstance = async (): Promise<FormInstance | undefined> => {
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
  try {
    for (const subject of subjects) {
      const own: FormInstance[] = [];
      for (;;) {
        const instance = await nextInstance();
        if (!instance) break;
        if (instance.subjectId !== subject.id) {
          if (instance.subjectId < subject.id) continue; // an instance without its subject (cannot happen with foreign keys)
          pending = instance;
          break;
        }
        own.push(instance);
      }
      yield { subject, instances: own, identityBirthDate: birthDates.get(subject.id) ?? null };
    }
  } finally {
    // A consumer that stops early (an error half-way) must not leave the connection busy.
    if (!instancesDone) await instances.return(undefined);
  }
}

export async function* readDataset(db: Db, study: CompiledStudy, options: DatasetOptions): AsyncGenerator<DatasetSubject> {
  const env = await evaluationEnv(db, options.now);
  for await (const stored of readStoredSubjects(db, options)) yield toDatasetSubject(study, stored, env);
}
