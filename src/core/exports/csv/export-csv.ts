// CSV export of a site or the central store: one file per form (repeating forms long: one row per
// instance), one row-per-subject wide file of the non-repeating forms, optionally the site-only
// identified log (admins only, named IDENTIFIED), each file hashed and the export written to the audit trail.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { listIdentities } from '../../../db/repositories/subjects.repository';
import type { Database } from '../../../db/schema/tables';
import { inWriteTransaction } from '../../../db/transaction';
import { AppError } from '../../../shared/errors/app-error';
import type { StoredEntry } from '../../../shared/study/entries';
import { appendAudit } from '../../audit/audit-chain';
import { requireRole } from '../../auth/permissions';
import { isoNow } from '../../clock';
import type { Session } from '../../store/session';
import { readDataset, type DatasetInstance, type DatasetSubject } from '../dataset';
import { choiceCell, valueCell } from './cells';
import { completeCode, formFileColumns, wideColumns, type Column } from './columns';
import { CsvFile } from './csv-file';
import { DIALECTS, formatDate, formatNumber, formatText, type Dialect, type DialectName } from './dialect';
import { analysisContext, ANALYSIS_COLUMN_NAMES, deriveSubject } from '../../analysis';
import { siteParams } from '../../subjects/subject-data';
import { codebookRows, CODEBOOK_HEADER } from './codebook';

function analysisCell(value: string | number | null, dialect: Dialect): string {
  if (value === null) return '';
  if (typeof value === 'number') return formatNumber(value, dialect);
  return /^\d{4}-\d{2}(-\d{2})?$/.test(value) ? formatDate(value, dialect) : formatText(value, dialect);
}

export interface CsvExportOptions {
  readonly dialect: DialectName;
  /** Parameter values overriding the definition's for the analysis (e.g. the data cut-off). */
  readonly params?: Readonly<Record<string, string | number | null>>;
  /** Site stores only, admins only: adds a file with the identification log. */
  readonly identified?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface CsvExportResult {
  readonly dir: string;
  readonly files: { name: string; sha256: string; rows: number }[];
  readonly subjects: number;
}

function cells(columns: readonly Column[], subject: DatasetSubject, instance: DatasetInstance | undefined, byForm: ReadonlyMap<string, DatasetInstance>, dialect: (typeof DIALECTS)[DialectName]): string[] {
  return columns.map((c) => {
    if (c.kind === 'id') {
      if (c.name === 'subject_id') return subject.id;
      if (c.name === 'site_id') return subject.siteId;
      if (c.name === 'instance') return String(instance?.instanceNo ?? '');
      if (c.name === 'def_version') return instance?.defVersion ?? '';
      return '';
    }
    const source = instance ?? (c.form ? byForm.get(c.form) : undefined);
    if (c.kind === 'complete') return source ? String(completeCode(source.status)) : '';
    if (c.kind === 'status') return source?.status ?? '';
    if (!source || !c.field) return '';
    if (c.kind === 'calc') return valueCell(c.field, (source.calcs[c.field.name] ?? null) as StoredEntry | null, dialect);
    const entry = source.data[c.field.name];
    if (c.kind === 'choice') return choiceCell(entry, c.code!);
    return valueCell(c.field, entry, dialect);
  });
}

export async function exportCsv(session: Session, outDir: string, options: CsvExportOptions): Promise<CsvExportResult> {
  requireRole(session.user.role, 'data.export');
  if (options.identified) {
    if (session.info.kind !== 'site') throw new AppError('role.forbidden', { role: session.user.role, action: 'export identified data at the centre', action_it: 'esportare dati identificativi al centro' });
    requireRole(session.user.role, 'data.exportIdentified');
  }
  const dialect = DIALECTS[options.dialect];
  const study = session.study.compiled;
  const identifiedName = `${session.info.siteId}_IDENTIFIED_identification_log.csv`;
  // An earlier export in the same folder is never overwritten, and nothing is written when one is there.
  const names = [...study.definition.forms.map((f) => `${f.key}.csv`), 'subjects_wide.csv', 'analysis.csv', 'codebook.csv', ...(options.identified ? [identifiedName] : [])];
  const taken = names.filter((name) => existsSync(join(outDir, name)));
  if (taken.length > 0) throw new AppError('export.filesExist', { folder: outDir, files: taken.length > 3 ? [...taken.slice(0, 3), '…'] : taken });
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  const db: Kysely<Database> = session.store.db;
  const total = Number((await db.selectFrom('subjects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const identities = options.identified ? await listIdentities(db) : [];

  const formFiles = new Map<string, { file: CsvFile; columns: Column[] }>();
  for (const form of study.definition.forms) {
    const columns = formFileColumns(study, form);
    formFiles.set(form.key, { file: new CsvFile(join(outDir, `${form.key}.csv`), dialect, columns.map((c) => c.name)), columns });
  }
  const wide = wideColumns(study);
  const wideFile = new CsvFile(join(outDir, 'subjects_wide.csv'), dialect, wide.map((c) => c.name));
  const analysisContextValue = analysisContext(session.study.definition, { ...(await siteParams(db)), ...(options.params ?? {}) });
  const analysisFile = new CsvFile(join(outDir, 'analysis.csv'), dialect, [...ANALYSIS_COLUMN_NAMES]);
  let done = 0;
  try {
    for await (const subject of readDataset(db, study, { now: session.clock(), useIdentityBirthDates: session.info.kind === 'site' })) {
      const byForm = new Map<string, DatasetInstance>();
      for (const instance of subject.instances) {
        const target = formFiles.get(instance.form);
        if (!target) continue;
        if (!study.isRepeating(instance.form)) byForm.set(instance.form, instance);
        await target.file.row(cells(target.columns, subject, instance, byForm, dialect));
      }
      await wideFile.row(cells(wide, subject, undefined, byForm, dialect));
      const derived = deriveSubject(subject, analysisContextValue);
      await analysisFile.row(ANALYSIS_COLUMN_NAMES.map((name) => analysisCell(derived[name] ?? null, dialect)));
      done += 1;
      options.onProgress?.(done, total);
    }
  } catch (error) {
    // Close every file when the export fails half-way, so no handle stays open.
    for (const { file } of formFiles.values()) await file.close().catch(() => undefined);
    await wideFile.close().catch(() => undefined);
    await analysisFile.close().catch(() => undefined);
    throw error;
  }
  const files: { name: string; sha256: string; rows: number }[] = [];
  for (const [key, { file }] of formFiles) {
    const closed = await file.close();
    files.push({ name: `${key}.csv`, sha256: closed.sha256, rows: closed.rows });
  }
  const wideClosed = await wideFile.close();
  files.push({ name: 'subjects_wide.csv', sha256: wideClosed.sha256, rows: wideClosed.rows });
  const analysisClosed = await analysisFile.close();
  files.push({ name: 'analysis.csv', sha256: analysisClosed.sha256, rows: analysisClosed.rows });
  const codebook = new CsvFile(join(outDir, 'codebook.csv'), dialect, [...CODEBOOK_HEADER]);
  for (const row of codebookRows(study)) await codebook.row(row.map((cell) => formatText(cell, dialect)));
  const codebookClosed = await codebook.close();
  files.push({ name: 'codebook.csv', sha256: codebookClosed.sha256, rows: codebookClosed.rows });
  if (options.identified) {
    const fields = session.study.definition.identificationLog.map((f) => f.name);
    const name = identifiedName;
    const file = new CsvFile(join(outDir, name), dialect, ['subject_id', ...fields]);
    for (const row of identities) {
      const data = JSON.parse(row.data) as Record<string, string | string[]>;
      await file.row([row.subject_id, ...fields.map((f) => {
        const v = data[f];
        return v === undefined ? '' : formatText(Array.isArray(v) ? v.join(' | ') : v, dialect);
      })]);
    }
    const closed = await file.close();
    files.push({ name, sha256: closed.sha256, rows: closed.rows });
  }
  await inWriteTransaction(db, (tx) =>
    appendAudit(tx, isoNow(session.clock), session.user.username, [
      { action: 'export.csv', details: { scope: session.info.kind, dialect: dialect.name, identified: options.identified === true, subjects: done, files: files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })) } },
    ]),
  );
  return { dir: outDir, files, subjects: done };
}
