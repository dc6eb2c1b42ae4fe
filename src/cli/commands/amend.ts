// `edc coordinator amend`: a new version of the study definition checked, its changes printed, and the
// amendment queued for every site (texts from the catalogue's cli namespace).

import { resolve } from 'node:path';
import type { Command } from 'commander';
import { amendStudy } from '../../core/central/amend-study';
import { loadDefinition } from '../../core/study/load-definition';
import { amendmentChangeText } from '../../shared/study/amendment-text';
import { withCentral } from '../central-session';
import { langOf, type CliIo } from '../io';
import { cliText } from '../messages';
import { readJsonArg } from '../parse-input';

export function registerAmend(program: Command, io: CliIo): void {
  const t = cliText(io);
  const coordinator = program.commands.find((c) => c.name() === 'coordinator') ?? program.command('coordinator');
  coordinator
    .command('amend')
    .description('check a new version of the study definition and its migration, print the changes, queue the amendment for every site')
    .requiredOption('--dir <dir>', 'coordinator directory')
    .requiredOption('--study-dir <dir>', 'the new version of the study definition')
    .option('--migration <file>', 'declarative migration (JSON): renames, recodes, moves, values to set')
    .action(async (opts: { dir: string; studyDir: string; migration?: string }) => {
      const next = loadDefinition(resolve(io.cwd, opts.studyDir));
      const migration = opts.migration ? readJsonArg(`@${opts.migration}`, io.cwd) : {};
      await withCentral(io, opts.dir, async (session) => {
        const queued = await amendStudy(session, resolve(io.cwd, opts.dir), next, migration);
        io.out(t('amend.header', { from: queued.baseVersion, to: queued.version, count: queued.changes.length }));
        for (const change of queued.changes) io.out(`  · ${amendmentChangeText(change, langOf(io))}`);
        io.out(t('amend.queued', { file: queued.file }));
      });
    });
}
