// CSV export of a site or the central store: one file per form (repeating forms long: one row per
// instance), one row-per-subject wide file of the non-repeating forms, optionally the site-only
// identified log (admins only, named IDENTIFIED), each file hashed and the export written to the audit trail.
// Made while the study is locked, the export holds study-lock.json naming the signed lock certificate.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listIdentities } from '../../../db/repositories/subjects.repository';
import { inWriteTransaction } from '../../../db/transaction';
import { AppError } from '../../../shared/errors/app-error';
import { translateBoth } from '../../../shared/i18n/catalogue';
import { appendAudit } from '../../store/audit-chain';
import { requireRole } from '../../store/permissions';
import { isoNow } from '../../clock';
import type { Session } from '../../store/session';
import { evaluationEnv } from '../../dataset/dataset';
import { analysisOf } from '../../analysis';
import { moduleFor, type StudyModules } from '../../modules/study-module';
import { codebookRows, CODEBOOK_HEADER } from './codebook';
import { CsvFile } from './csv-file';
import { DIALECTS, formatText, type DialectName } from './dialect';
import { QUERIES_CSV, queriesCodebookRows, writeQueriesCsv } from './queries-csv';
import { SubjectCsvFormatter } from './subject-csv';
import { writeSubjectFiles, type WrittenFile } from './write-subject-files';
import { LOADER_FILES, writeLoaders } from './loaders/write-loaders';
import { loaderFiles } from './loaders/loader-model';
import { writeFileAtomic } from '../../files/write-file-atomic';
import { STUDY_LOCK_FILE, studyLockInForce, type ExportStudyLock } from '../study-lock';
import { olderDefinitionsInUse } from '../definitions-in-use';

export interface CsvExportOptions {
  readonly dialect: DialectName;
  /** The registered study modules (src/studies): analysis.csv and its codebook are the study module's, else generic. */
  readonly modules: StudyModules;
  /** Parameter values overriding the definition's for the analysis (e.g. the data cut-off). */
  readonly params?: Readonly<Record<string, string | number | null>>;
  /** Site stores only, admins only: adds a file with the identification log. */
  readonly identified?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CsvExportResult {
  readonly dir: string;
  readonly files: WrittenFile[];
  readonly subjects: number;
  /** The study lock the export was made under, named in study-lock.json. */
  readonly studyLock: ExportStudyLock | null;
}

export async function exportCsv(session: Session, outDir: string, options: CsvExportOptions): Promise<CsvExportResult> {
  requireRole(session.user.role, 'data.export');
  if (options.identified) {
    if (session.info.kind !== 'site') throw new AppError('role.forbidden', { role: session.user.role, action: translateBoth('errors', 'terms.actions.data.exportIdentifiedAtCentre') });
    requireRole(session.user.role, 'data.exportIdentified');
  }
  const dialect = DIALECTS[options.dialect];
  const study = session.study.compiled;
  const db = session.store.db;
  const env = await evaluationEnv(db, session.clock());
  const analysis = analysisOf(moduleFor(options.modules, study.definition.id));
  // During an amendment's changeover, fields and codes of the older versions in use are exported and described too.
  const older = (await olderDefinitionsInUse(db, session.study)).map((l) => l.compiled).reverse();
  const formatter = new SubjectCsvFormatter(study, options.dialect, env, analysis, { ...env.params, ...(options.params ?? {}) }, older);
  const layouts = formatter.files();
  const identifiedName = `${session.info.siteId}_IDENTIFIED_identification_log.csv`;
  // An earlier export in the same folder is never overwritten, and nothing is written when one is there.
  const studyLock = await studyLockInForce(db, study.definition.id);
  const names = [...layouts.map((l) => l.name), 'codebook.csv', ...LOADER_FILES, QUERIES_CSV, ...(options.identified ? [identifiedName] : []), ...(studyLock ? [STUDY_LOCK_FILE] : [])];
  const taken = names.filter((name) => existsSync(join(outDir, name)));
  if (taken.length > 0) throw new AppError('export.filesExist', { folder: outDir, files: taken.length > 3 ? [...taken.slice(0, 3), '…'] : taken });
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  const identities = options.identified ? await listIdentities(db) : [];
  const written = await writeSubjectFiles(session, outDir, formatter, options.onProgress);
  const files: WrittenFile[] = [...written.files];
  const codebook = new CsvFile(join(outDir, 'codebook.csv'), dialect, [...CODEBOOK_HEADER]);
  for (const row of [...codebookRows(study, analysis.columns(study), older), ...queriesCodebookRows()]) await codebook.row(row.map((cell) => formatText(cell, dialect)));
  const codebookClosed = await codebook.close();
  files.push({ name: 'codebook.csv', sha256: codebookClosed.sha256, rows: codebookClosed.rows });
  files.push(...writeLoaders(outDir, loaderFiles(study, analysis.columns(study)), dialect));
  files.push(await writeQueriesCsv(session, outDir, dialect));
  if (studyLock) files.push(writeStudyLock(outDir, studyLock));
  if (options.identified) {
    const fields = session.study.definition.identificationLog.map((f) => f.name);
    const name = identifiedName;
    const file = new CsvFile(join(outDir, name), dialect, ['subject_id', ...fields]);
    for (const entry of identities) {
      await file.row([entry.subjectId, ...fields.map((f) => {
        const v = entry.data[f];
        return v === undefined ? '' : formatText(Array.isArray(v) ? v.join(' | ') : v, dialect);
      })]);
    }
    const closed = await file.close();
    files.push({ name, sha256: closed.sha256, rows: closed.rows });
  }
  await inWriteTransaction(db, (tx) =>
    appendAudit(tx, isoNow(session.clock), session.user.username, [
      { action: 'export.csv', details: { scope: session.info.kind, dialect: dialect.name, identified: options.identified === true, subjects: written.subjects, files: files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })), studyLock: studyLock?.certificateSha256 ?? null } },
    ]),
  );
  return { dir: outDir, files, subjects: written.subjects, studyLock };
}

function writeStudyLock(outDir: string, lock: ExportStudyLock): WrittenFile {
  const bytes = Buffer.from(`${JSON.stringify(lock, null, 2)}\n`, 'utf8');
  writeFileAtomic(join(outDir, STUDY_LOCK_FILE), bytes);
  return { name: STUDY_LOCK_FILE, sha256: createHash('sha256').update(bytes).digest('hex'), rows: 0 };
}
