// Writes the subject files of a CSV export (one per form, the wide file, analysis.csv) from one snapshot of
// the store: the export reads on its own connection inside one read transaction, so a save or a merge
// that commits meanwhile is not half in the files. Subjects are read and formatted a few at a time, in
// subject order, with progress, and written as bytes so that memory stays flat on a 40-site store.

import { join } from 'node:path';
import type { Subject } from '../../../db/domain';
import { streamSubjects } from '../../../db/repositories/snapshot.repository';
import { inReadSnapshot } from '../../../db/transaction';
import type { Session } from '../../store/session';
import { identityBirthDates } from '../../dataset/dataset';
import { CsvFile } from './csv-file';
import { formatRange } from './format-range';
import type { SubjectCsvFormatter } from './subject-csv';

/**
 * Subjects read and formatted together. Small on purpose: their rows and text are garbage by the next
 * young-generation collection, instead of being copied into the old generation (measured: 10 is faster than 50 or 100).
 */
const RANGE_SUBJECTS = 10;

export interface WrittenFile {
  readonly name: string;
  readonly sha256: string;
  readonly rows: number;
}

export async function writeSubjectFiles(session: Session, outDir: string, formatter: SubjectCsvFormatter, onProgress?: (done: number, total: number) => void): Promise<{ files: WrittenFile[]; subjects: number }> {
  const dataFiles = new Map<string, CsvFile>();
  try {
    return await inReadSnapshot(session.store.db, async (snapshot) => {
      const subjects: Subject[] = [];
      for await (const subject of streamSubjects(snapshot)) subjects.push(subject);
      const birthDates = session.info.kind === 'site' ? await identityBirthDates(snapshot) : new Map<string, string>();
      for (const layout of formatter.files()) dataFiles.set(layout.name, new CsvFile(join(outDir, layout.name), formatter.dialect, layout.header));
      for (let start = 0; start < subjects.length; start += RANGE_SUBJECTS) {
        const range = subjects.slice(start, start + RANGE_SUBJECTS);
        const chunks = await formatRange(snapshot, formatter, { subjects: range, birthDates });
        for (const [name, chunk] of Object.entries(chunks)) await dataFiles.get(name)!.records(chunk.bytes, chunk.rows);
        onProgress?.(start + range.length, subjects.length);
      }
      const files: WrittenFile[] = [];
      for (const [name, file] of dataFiles) {
        const closed = await file.close();
        files.push({ name, sha256: closed.sha256, rows: closed.rows });
      }
      return { files, subjects: subjects.length };
    });
  } catch (error) {
    // Close every file when the export fails half-way, so no handle stays open.
    for (const file of dataFiles.values()) await file.close().catch(() => undefined);
    throw error;
  }
}
