// The CSV export's unit of work: a range of consecutive subjects, whose form instances are read from the
// export's connection and formatted as CSV records.

import type { Sqlite } from '../../../db/open-store';
import { formInstancesOfSubjects } from '../../../db/repositories/snapshot.repository';
import type { FormInstanceRow, SubjectRow } from '../../../db/schema/tables';
import type { CsvChunks, SubjectCsvFormatter } from './subject-csv';

export interface SubjectRange {
  /** Consecutive subjects in id order. */
  readonly subjects: readonly SubjectRow[];
  /** Site stores only: exact birth dates for the exact age; never written to a file. */
  readonly birthDates: ReadonlyMap<string, string>;
}

export function formatRange(sqlite: Sqlite, formatter: SubjectCsvFormatter, range: SubjectRange): CsvChunks {
  const first = range.subjects[0];
  const last = range.subjects.at(-1);
  if (!first || !last) return {};
  const bySubject = new Map<string, FormInstanceRow[]>();
  for (const row of formInstancesOfSubjects(sqlite, first.id, last.id)) {
    const rows = bySubject.get(row.subject_id);
    if (rows) rows.push(row);
    else bySubject.set(row.subject_id, [row]);
  }
  return formatter.format(range.subjects.map((subject) => ({ subject, rows: bySubject.get(subject.id) ?? [], identityBirthDate: range.birthDates.get(subject.id) ?? null })));
}
