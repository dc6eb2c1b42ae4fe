// The CSV export's unit of work: a range of consecutive subjects, whose form instances are read from the
// export's read snapshot and formatted as CSV records.

import type { FormInstance, Subject } from '../../../db/domain';
import { formInstancesOfSubjects } from '../../../db/repositories/snapshot.repository';
import type { Db } from '../../../db/transaction';
import type { CsvChunks, SubjectCsvFormatter } from './subject-csv';

export interface SubjectRange {
  /** Consecutive subjects in id order. */
  readonly subjects: readonly Subject[];
  /** Site stores only: exact birth dates for the exact age; never written to a file. */
  readonly birthDates: ReadonlyMap<string, string>;
}

/** `snapshot`: the export's own read snapshot (`inReadSnapshot`), which the range reads use directly. */
export async function formatRange(snapshot: Db, formatter: SubjectCsvFormatter, range: SubjectRange): Promise<CsvChunks> {
  const first = range.subjects[0];
  const last = range.subjects.at(-1);
  if (!first || !last) return {};
  const bySubject = new Map<string, FormInstance[]>();
  for (const instance of await formInstancesOfSubjects(snapshot, first.id, last.id)) {
    const own = bySubject.get(instance.subjectId);
    if (own) own.push(instance);
    else bySubject.set(instance.subjectId, [instance]);
  }
  return formatter.format(range.subjects.map((subject) => ({ subject, instances: bySubject.get(subject.id) ?? [], identityBirthDate: range.birthDates.get(subject.id) ?? null })));
}
