// `edc csv`: CSV exports of a site store (--db) or of the central store (--dir), in RFC 4180 or Excel-IT.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportCsv } from '../../core/exports/csv/export-csv';
import type { Session } from '../../core/store/session';
import { AppError } from '../../shared/errors/app-error';
import { keyValues, table } from '../format';
import { exportOdm } from '../../core/exports/odm/export-odm';
import type { CliIo } from '../io';
import { cliDetail, cliText } from '../messages';
import { progressBar } from '../progress';
import { withCentral } from '../central-session';
import { withSession } from '../session';
import { studyModules } from '../../studies';

export interface CsvCommandOptions {
  db?: string;
  user?: string;
  dir?: string;
  out: string;
  dialect: string;
  identified?: boolean;
  confirmIdentified?: boolean;
  dataCutoff?: string;
}

/** Runs work against the site store (--db/--user) or the central store (--dir). */
export async function withStore<T>(io: CliIo, opts: { db?: string; user?: string; dir?: string }, work: (session: Session) => Promise<T>): Promise<T> {
  if (opts.dir) return withCentral(io, opts.dir, work);
  if (opts.db && opts.user) return withSession(io, { db: opts.db, user: opts.user }, work);
  throw new AppError('input.invalid', { issues: cliDetail('issues.storeOptions') });
}

export function registerExports(program: Command, io: CliIo): void {
  const t = cliText(io);
  program
    .command('odm')
    .description('CDISC ODM 1.3.2 XML (metadata, clinical data with audit records and signatures, admin data) of the central store (--dir) or a site store (--db)')
    .option('--db <file>', 'site database (with --user)')
    .option('--user <name>', 'acting user')
    .option('--dir <dir>', 'coordinator directory (central export)')
    .option('--site <code>', 'central export of one site only')
    .requiredOption('--out <file>', 'XML file to write')
    .action(async (opts: { db?: string; user?: string; dir?: string; site?: string; out: string }) => {
      await withStore(io, opts, async (session) => {
        const result = await exportOdm(session, resolve(io.cwd, opts.out), opts.site ? { siteId: opts.site } : {});
        io.out(
          keyValues([
            [t('odm.file'), result.file],
            [t('odm.subjects'), result.subjects],
            [t('odm.forms'), result.formData],
            [t('odm.items'), result.itemData],
            [t('odm.auditRecords'), result.auditRecords],
            [t('odm.signatures'), result.signatures],
            [t('odm.bytes'), result.bytes],
            ['sha256', result.sha256],
          ]),
        );
      });
    });

  program
    .command('csv')
    .description('CSV export: one file per form (repeating forms long), a one-row-per-subject wide file; at the centre also codebook.csv and analysis.csv')
    .option('--db <file>', 'site database (with --user)')
    .option('--user <name>', 'acting user')
    .option('--dir <dir>', 'coordinator directory (central export)')
    .requiredOption('--out <dir>', 'folder to write the files to')
    .option('--dialect <name>', 'rfc4180 (comma, ISO dates) or excel-it (semicolon, decimal comma, BOM, ISO dates)', 'rfc4180')
    .option('--identified', 'site admins only: also write the identification log (file name says IDENTIFIED)')
    .option('--confirm-identified', 'confirms that an identified export is wanted')
    .option('--data-cutoff <date>', 'study data cut-off for analysis.csv (YYYY-MM-DD), if not set in the definition')
    .action(async (opts: CsvCommandOptions) => {
      if (opts.dialect !== 'rfc4180' && opts.dialect !== 'excel-it') throw new AppError('input.invalid', { issues: cliDetail('issues.dialect') });
      if (opts.identified && !opts.confirmIdentified) throw new AppError('input.invalid', { issues: cliDetail('issues.confirmIdentified') });
      const dialect = opts.dialect;
      if (opts.dataCutoff !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.dataCutoff)) throw new AppError('input.invalid', { issues: cliDetail('issues.dataCutoff') });
      await withStore(io, opts, async (session) => {
        const result = await exportCsv(session, resolve(io.cwd, opts.out), { dialect, modules: studyModules, identified: opts.identified === true, onProgress: progressBar(io, t('progress.csv')), ...(opts.dataCutoff ? { params: { data_cutoff: opts.dataCutoff } } : {}) });
        io.out(table([t('csv.file'), t('csv.rows'), 'sha256'], result.files.map((f) => [f.name, f.rows, f.sha256])));
        io.out(t('csv.written', { subjects: result.subjects, dir: result.dir }));
        if (result.studyLock) io.out(t('csv.studyLock', { at: result.studyLock.lockedAt, by: result.studyLock.lockedBy, file: result.studyLock.certificateFile, sha256: result.studyLock.certificateSha256 }));
      });
    });
}
