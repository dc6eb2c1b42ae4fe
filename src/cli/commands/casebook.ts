// `edc casebook lock|unlock`: the site administrator locks every form of a subject's casebook, or unlocks it
// with a reason (forms go back to their previous status).

import type { Command } from 'commander';
import { lockCasebook, unlockCasebook } from '../../core/subjects/casebook-lock';
import { CasebookLockInput } from '../../shared/contract/casebook-lock';
import { json } from '../format';
import type { CliIo } from '../io';
import { cliText } from '../messages';
import { parseWith } from '../parse-input';
import { withSession } from '../session';

interface CasebookOpts {
  db: string;
  user: string;
  subject: string;
  reason: string;
  json?: boolean;
}

export function registerCasebook(program: Command, io: CliIo): void {
  const t = cliText(io);
  const casebook = program.command('casebook').description('lock or unlock a subject’s whole casebook (admin)');
  const common = (c: Command): Command =>
    c
      .requiredOption('--db <file>', 'database')
      .requiredOption('--user <name>', 'acting user (an administrator)')
      .requiredOption('--subject <id>', 'subject pseudonym')
      .requiredOption('--reason <text>', 'why (kept in the audit trail)')
      .option('--json', 'machine-readable output');

  common(casebook.command('lock').description('lock every form of the casebook; saves, new forms and signatures are refused until it is unlocked')).action(async (opts: CasebookOpts) => {
    const input = parseWith(CasebookLockInput, { subjectId: opts.subject, reason: opts.reason });
    await withSession(io, opts, async (session) => {
      const lock = await lockCasebook(session, input);
      io.out(opts.json ? json(lock) : t('casebook.locked', { subject: lock.subjectId, user: lock.lockedBy, at: lock.lockedAt, forms: lock.forms }));
    });
  });

  common(casebook.command('unlock').description('unlock the casebook: each form goes back to the status it had before the lock')).action(async (opts: CasebookOpts) => {
    const input = parseWith(CasebookLockInput, { subjectId: opts.subject, reason: opts.reason });
    await withSession(io, opts, async (session) => {
      const result = await unlockCasebook(session, input);
      io.out(opts.json ? json(result) : t('casebook.unlocked', { subject: result.subjectId, restored: result.restored }));
    });
  });
}
