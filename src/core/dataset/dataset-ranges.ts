// readDataset's subjects read from a read snapshot a few at a time, each range's form instances in one raw
// query (as the CSV export reads them): the same subjects, instances and calculated values, in the same order.

import type { FormInstance, Subject } from '../../db/domain';
import type { ContentDigest } from '../../db/repositories/content-digest.repository';
import { formInstancesOfSubjects, streamSubjects } from '../../db/repositories/snapshot.repository';
import type { Db } from '../../db/transaction';
import type { CompiledStudy } from '../../shared/study/compile';
import { evaluationEnv, identityBirthDates, type DatasetOptions } from './dataset';
import { toDatasetSubject, type DatasetSubject, type StoredSubject } from './dataset-subject';

/** Subjects read together; small, so that their rows are young garbage (see the CSV export). */
const RANGE_SUBJECTS = 10;

/** `snapshot`: a read snapshot's handle (`inReadSnapshot`), which nothing else reads while this runs. */
/** `upgrade`: reads a subject's instances saved under older definition versions as the current one would (the report's). */
/** `digest`: fed every subject, then every instance read, as stored (before any upgrade): the report's content digest. */
export interface SnapshotReadOptions extends DatasetOptions {
  readonly upgrade?: (instances: readonly FormInstance[]) => FormInstance[];
  readonly digest?: ContentDigest;
}

export async function* readDatasetOfSnapshot(snapshot: Db, study: CompiledStudy, options: SnapshotReadOptions): AsyncGenerator<DatasetSubject> {
  const env = await evaluationEnv(snapshot, options.now);
  for await (const stored of readStoredOfSnapshot(snapshot, options)) yield toDatasetSubject(study, stored, env);
}

/** The stored subjects of readDatasetOfSnapshot, before their calculated values are evaluated (the report evaluates them its own way). */
export async function* readStoredOfSnapshot(snapshot: Db, options: Omit<SnapshotReadOptions, 'now'>): AsyncGenerator<StoredSubject> {
  const birthDates = options.useIdentityBirthDates ? await identityBirthDates(snapshot) : new Map<string, string>();
  const subjects: Subject[] = [];
  for await (const s of streamSubjects(snapshot, options.siteId)) subjects.push(s);
  if (options.digest) for (const s of subjects) options.digest.subject(s);
  for (let start = 0; start < subjects.length; start += RANGE_SUBJECTS) {
    const range = subjects.slice(start, start + RANGE_SUBJECTS);
    // Subjects of other sites may sort inside the range: only this range's own are kept.
    const bySubject = new Map<string, FormInstance[]>(range.map((s) => [s.id, []]));
    for (const instance of await formInstancesOfSubjects(snapshot, range[0]!.id, range.at(-1)!.id, options.digest)) bySubject.get(instance.subjectId)?.push(instance);
    for (const subject of range) {
      const own = bySubject.get(subject.id)!;
      yield { subject, instances: options.upgrade ? options.upgrade(own) : own, identityBirthDate: birthDates.get(subject.id) ?? null };
    }
  }
}
