// `edc redcap` (a store as the files of a REDCap project) and `edc study import-redcap` (a study definition
// from a REDCap data dictionary). Texts from the catalogue's redcap namespace.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { exportRedcap } from '../../core/exports/redcap/export-redcap';
import { importRedcapDictionary } from '../../core/study/redcap/import-dictionary';
import { writeDefinitionFolder } from '../../core/study/redcap/write-definition-folder';
import { AppError } from '../../shared/errors/app-error';
import { translate } from '../../shared/i18n/catalogue';
import type { Lang } from '../../shared/study/localized';
import { table } from '../format';
import { langOf, type CliIo } from '../io';
import { cliDetail } from '../messages';
import { withStore } from './exports';

function parseLang(value: string | undefined, io: CliIo): Lang {
  if (value === undefined) return langOf(io);
  if (value !== 'en' && value !== 'it') throw new AppError('input.invalid', { issues: cliDetail('issues.lang') });
  return value;
}

export function registerRedcap(program: Command, io: CliIo): void {
  const redcapText = (key: string, params: Record<string, string | number> = {}): string => translate(langOf(io), 'redcap', key, params);
  program
    .command('redcap')
    .description('REDCap project files of the central store (--dir) or a site store (--db): data dictionary, repeating instruments, data import file, README')
    .option('--db <file>', 'site database (with --user)')
    .option('--user <name>', 'acting user')
    .option('--dir <dir>', 'coordinator directory (central export)')
    .requiredOption('--out <dir>', 'folder to write the files to')
    .option('--lang <lang>', 'labels and README in en or it (default: the message language)')
    .action(async (opts: { db?: string; user?: string; dir?: string; out: string; lang?: string }) => {
      const lang = parseLang(opts.lang, io);
      await withStore(io, opts, async (session) => {
        const result = await exportRedcap(session, resolve(io.cwd, opts.out), { lang });
        io.out(table([redcapText('cli.columns.file'), redcapText('cli.columns.rows'), redcapText('cli.columns.sha256')], result.files.map((f) => [f.name, f.rows, f.sha256])));
        io.out(redcapText('cli.exported', { subjects: result.subjects, dir: result.dir }));
        const { calculations, appValues, conditions } = result.gaps;
        if (calculations.length > 0) io.out(redcapText('cli.calcsApp', { count: calculations.length, fields: calculations.map((c) => c.field).join(', ') }));
        if (appValues.length > 0) io.out(redcapText('cli.appValues', { count: appValues.length, fields: appValues.join(', ') }));
        if (conditions.length > 0) io.out(redcapText('cli.conditions', { count: conditions.length, fields: conditions.map((c) => c.field).join(', ') }));
        io.out(redcapText('cli.next', { dir: result.dir }));
      });
    });

  const study = program.commands.find((c) => c.name() === 'study') ?? program.command('study').description('study definitions');
  study
    .command('import-redcap')
    .description('a study definition folder from a REDCap data dictionary (CSV); reports what it could not take')
    .argument('<dictionary>', 'REDCap data dictionary CSV')
    .requiredOption('--out <dir>', 'new (or empty) folder for the definition')
    .option('--id <id>', 'study id (default: from the file name)')
    .option('--repeating <forms>', 'comma-separated forms that repeat (REDCap keeps this in the project settings)')
    .action(async (file: string, opts: { out: string; id?: string; repeating?: string }) => {
      if (opts.id !== undefined && !/^[a-z][a-z0-9-]*$/.test(opts.id)) throw new AppError('input.invalid', { issues: cliDetail('issues.studyId') });
      const path = resolve(io.cwd, file);
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        throw new AppError('input.file', { file: path });
      }
      const repeating = opts.repeating?.split(',').map((f) => f.trim()).filter((f) => f !== '');
      const imported = importRedcapDictionary(text, path, { ...(opts.id ? { id: opts.id } : {}), ...(repeating ? { repeating } : {}) });
      const dir = resolve(io.cwd, opts.out);
      writeDefinitionFolder(imported.definition, dir);
      const def = imported.definition;
      io.out(redcapText('cli.imported', { id: def.id, dir, forms: def.forms.length, fields: def.forms.reduce((n, f) => n + f.fields.length, 0), identifiers: def.identificationLog.length }));
      if (imported.report.length > 0) {
        io.out(redcapText('cli.notMapped', { count: imported.report.length }));
        for (const item of imported.report) io.out(`  ${redcapText(importNoteKey(item.key), item.params)}`);
      }
    });
}

/** The redcap namespace's key of one not-mapped note of the import report. */
function importNoteKey(key: string): string {
  return `import.${key}`;
}
