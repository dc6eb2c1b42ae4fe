// `edc audit verify`, `edc backup`, `edc restore`, `edc study validate`: integrity and safekeeping.

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { verifyAudit } from '../../core/audit/audit-queries';
import { backupStore } from '../../core/backup/backup-store';
import { restoreStore } from '../../core/backup/restore-store';
import { builtInStudyDir } from '../../core/resources';
import { checkDefinitionSource, formatProblem, loadDefinition } from '../../core/study/load-definition';
import { studyToRedcapDictionary } from '../../core/exports/dictionary/redcap-dictionary';
import { writeFileAtomic } from '../../core/files/write-file-atomic';
import { existsSync } from 'node:fs';
import { Username } from '../../shared/contract/common';
import { AppError } from '../../shared/errors/app-error';
import { json, keyValues } from '../format';
import type { CliIo } from '../io';
import { cliDetail, cliText } from '../messages';
import { parseWith } from '../parse-input';
import { readSecret } from '../secrets';
import { withSession } from '../session';

export function registerStore(program: Command, io: CliIo): void {
  const t = cliText(io);
  const audit = program.command('audit').description('the audit trail');
  audit
    .command('verify')
    .description('walk the hash chain: detects any changed, deleted or reordered entry')
    .requiredOption('--db <file>', 'database')
    .requiredOption('--user <name>', 'acting user')
    .option('--json', 'machine-readable output')
    .action(async (opts: { db: string; user: string; json?: boolean }) => {
      await withSession(io, opts, async (session) => {
        const result = await verifyAudit(session);
        if (opts.json) io.out(json(result));
        if (!result.ok) throw new AppError('audit.broken', { id: result.brokenAt, detail: result.reason });
        if (!opts.json) io.out(t('audit.intact', { entries: result.entries, head: result.headHash }));
      });
    });

  program
    .command('backup')
    .description('online backup, encrypted like the store, verified by reopening (admin)')
    .requiredOption('--db <file>', 'database')
    .requiredOption('--user <name>', 'acting admin')
    .requiredOption('--out <file>', 'backup file to create (its keyring is written beside it)')
    .action(async (opts: { db: string; user: string; out: string }) => {
      await withSession(io, opts, async (session) => {
        const result = await backupStore(session, resolve(io.cwd, opts.out));
        io.out(keyValues([[t('backup.file'), result.file], [t('backup.keyring'), result.keyringFile], ['sha256', result.sha256], [t('backup.auditEntries'), result.auditEntries], [t('backup.at'), result.at]]));
      });
    });

  program
    .command('restore')
    .description('restore a backup to --db; an existing store there is kept aside only with --replace')
    .requiredOption('--from <file>', 'backup file (its keyring beside it)')
    .requiredOption('--db <file>', 'where to restore')
    .requiredOption('--user <name>', 'an admin of the backup (password from EDC_PASSWORD or prompt)')
    .option('--replace', 'move an existing store at --db aside and restore in its place')
    .action(async (opts: { from: string; db: string; user: string; replace?: boolean }) => {
      const username = parseWith(Username, opts.user);
      const password = await readSecret(io, 'EDC_PASSWORD', t('prompts.password', { user: username }));
      const result = await restoreStore({
        backupFile: resolve(io.cwd, opts.from),
        dbFile: resolve(io.cwd, opts.db),
        username,
        password,
        replace: opts.replace === true,
      });
      io.out(keyValues([[t('backup.restored'), resolve(io.cwd, opts.db)], [t('backup.keptAside'), result.keptAside ?? '-'], [t('backup.auditEntries'), result.auditEntries]]));
    });

  const study = program.command('study').description('study definitions');
  study
    .command('dictionary')
    .description("the study definition as a REDCap data dictionary (REDCap's 18 columns)")
    .argument('[study]', 'built-in study id or a definition folder/file', 'ino-all-it')
    .requiredOption('--out <file>', 'CSV file to write')
    .option('--lang <lang>', 'labels in en or it', 'en')
    .action(async (which: string, opts: { out: string; lang: string }) => {
      if (opts.lang !== 'en' && opts.lang !== 'it') throw new AppError('input.invalid', { issues: cliDetail('issues.lang') });
      const source = /^[a-z][a-z0-9-]*$/.test(which) && !existsSync(resolve(io.cwd, which)) ? builtInStudyDir(which) : resolve(io.cwd, which);
      const loaded = loadDefinition(source);
      writeFileAtomic(resolve(io.cwd, opts.out), studyToRedcapDictionary(loaded.definition, { lang: opts.lang }));
      io.out(t('study.dictionaryWritten', { file: resolve(io.cwd, opts.out), variables: loaded.definition.forms.reduce((n, f) => n + f.fields.length, 0) + 1 }));
    });
  study
    .command('validate')
    .description('check a study definition (folder or assembled JSON); problems are reported with file:line:column')
    .argument('[path]', 'definition folder or file (default: the built-in ino-all-it)')
    .action(async (path: string | undefined) => {
      const target = path ? resolve(io.cwd, path) : builtInStudyDir('ino-all-it');
      const { study: loaded, problems } = checkDefinitionSource(target);
      if (!loaded) {
        for (const p of problems) io.err(formatProblem(p, io.cwd));
        throw new AppError('study.invalid', { count: problems.length, first: problems[0] ? formatProblem(problems[0], io.cwd) : '' });
      }
      const def = loaded.definition;
      const fields = def.forms.reduce((n, f) => n + f.fields.length, 0);
      io.out(
        keyValues([
          [t('study.summary.study'), `${def.id} ${def.version}`],
          [t('study.summary.hash'), loaded.hash],
          [t('study.summary.forms'), def.forms.length],
          [t('study.summary.fields'), fields],
          [t('study.summary.checks'), t('study.summary.checkCounts', { checks: def.checks.length, hard: def.checks.filter((c) => c.severity === 'hard').length, soft: def.checks.filter((c) => c.severity === 'soft').length })],
          [t('study.summary.codeLists'), Object.keys(def.codeLists).length],
          [t('study.summary.result'), t('study.summary.valid')],
        ]),
      );
    });
}
