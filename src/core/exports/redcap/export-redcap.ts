// `edc redcap`: a site or central store as the files of a classic REDCap project with repeating instruments —
// the data dictionary, the repeating-instruments list, the data in REDCap's import format and a README —
// never overwriting an earlier export, each file hashed and the export written to the audit trail.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { inWriteTransaction } from '../../../db/transaction';
import { AppError } from '../../../shared/errors/app-error';
import { MISSING_REASONS, type MissingReason } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';
import { isoNow } from '../../clock';
import { readDataset } from '../../dataset/dataset';
import { appendAudit } from '../../store/audit-chain';
import { requireRole } from '../../store/permissions';
import type { Session } from '../../store/session';
import { CsvFile } from '../csv/csv-file';
import { csvLine } from '../csv/csv-line';
import { DIALECTS } from '../csv/dialect';
import type { WrittenFile } from '../csv/write-subject-files';
import { redcapDictionary, type DictionaryGaps } from '../dictionary/redcap-dictionary';
import { RedcapImportLayout } from './redcap-import-file';
import { redcapReadme } from './redcap-readme';

export const REDCAP_FILES = { dictionary: 'redcap_dictionary.csv', repeating: 'redcap_repeating.csv', data: 'redcap_import.csv', readme: 'README.md' } as const;

/** Subjects whose rows are gathered before one write: a few, so memory stays flat on a 40-site store. */
const BATCH_SUBJECTS = 20;

export interface RedcapExportOptions {
  /** Language of labels and of the README (default English). */
  readonly lang?: Lang;
  readonly onProgress?: (subjects: number) => void;
}

export interface RedcapExportResult {
  readonly dir: string;
  readonly files: WrittenFile[];
  readonly subjects: number;
  readonly gaps: DictionaryGaps;
}

function writeNew(path: string, text: string, rows: number): WrittenFile {
  const bytes = Buffer.from(text, 'utf8');
  try {
    writeFileSync(path, bytes, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    throw new AppError('export.writeFailed', { file: path, detail: (error as NodeJS.ErrnoException).code ?? 'write' });
  }
  return { name: basename(path), sha256: createHash('sha256').update(bytes).digest('hex'), rows };
}

async function writeImportFile(session: Session, path: string, options: RedcapExportOptions): Promise<{ file: WrittenFile; subjects: number }> {
  const layout = new RedcapImportLayout(session.study.compiled);
  const file = new CsvFile(path, DIALECTS.rfc4180, layout.header);
  let subjects = 0;
  let text = '';
  let rows = 0;
  const flush = async (): Promise<void> => {
    await file.records(Buffer.from(text, 'utf8'), rows);
    text = '';
    rows = 0;
  };
  try {
    for await (const subject of readDataset(session.store.db, session.study.compiled, { now: session.clock() })) {
      for (const row of layout.rows(subject)) {
        text += csvLine(row, ',');
        rows += 1;
      }
      subjects += 1;
      if (subjects % BATCH_SUBJECTS === 0) {
        await flush();
        options.onProgress?.(subjects);
      }
    }
    await flush();
  } catch (error) {
    await file.close().catch(() => undefined);
    throw error;
  }
  const closed = await file.close();
  return { file: { name: REDCAP_FILES.data, sha256: closed.sha256, rows: closed.rows }, subjects };
}

export async function exportRedcap(session: Session, outDir: string, options: RedcapExportOptions = {}): Promise<RedcapExportResult> {
  requireRole(session.user.role, 'data.export');
  const lang = options.lang ?? 'en';
  const definition = session.study.definition;
  const names = Object.values(REDCAP_FILES);
  const taken = names.filter((name) => existsSync(join(outDir, name)));
  if (taken.length > 0) throw new AppError('export.filesExist', { folder: outDir, files: taken });
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });

  const dictionary = redcapDictionary(definition, { lang });
  const files: WrittenFile[] = [writeNew(join(outDir, REDCAP_FILES.dictionary), dictionary.csv, dictionary.variables)];
  const repeating = definition.forms.filter((f) => f.repeating);
  // Each instance labelled by its sequence number where the form has one (REDCap pipes [field] in the label).
  const repeatingCsv = csvLine(['form_name', 'custom_form_label'], ',') + repeating.map((f) => csvLine([f.key, f.sequenceField ? `[${f.sequenceField}]` : ''], ',')).join('');
  files.push(writeNew(join(outDir, REDCAP_FILES.repeating), repeatingCsv, repeating.length));
  const data = await writeImportFile(session, join(outDir, REDCAP_FILES.data), options);
  files.push(data.file);

  const allowed = new Set<MissingReason>(definition.forms.flatMap((f) => f.fields.flatMap((x) => (x.type === 'calc' ? [] : x.missingReasons))));
  const readme = redcapReadme({
    lang,
    study: { id: definition.id, version: definition.version, title: definition.title[lang] },
    scope: session.info.kind,
    date: isoNow(session.clock).slice(0, 10),
    subjects: data.subjects,
    rows: data.file.rows,
    variables: dictionary.variables,
    repeating: repeating.length,
    calculations: definition.forms.reduce((n, f) => n + f.fields.filter((x) => x.type === 'calc').length, 0),
    missingReasons: MISSING_REASONS.filter((r) => allowed.has(r)),
    gaps: dictionary.gaps,
  });
  files.push(writeNew(join(outDir, REDCAP_FILES.readme), readme, 0));

  await inWriteTransaction(session.store.db, (tx) =>
    appendAudit(tx, isoNow(session.clock), session.user.username, [
      {
        action: 'export.redcap',
        details: { scope: session.info.kind, subjects: data.subjects, calculationsNotComputedByRedcap: dictionary.gaps.calculations.length, files: files.map((f) => ({ name: f.name, sha256: f.sha256, rows: f.rows })) },
      },
    ]),
  );
  return { dir: outDir, files, subjects: data.subjects, gaps: dictionary.gaps };
}
