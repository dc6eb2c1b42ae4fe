// Entry of the `edc` CLI: runs the program and turns every error into a message and an exit code
// (see README, "Exit codes"); never prints a stack trace, a secret or SQL.

import { randomUUID } from 'node:crypto';
import { CommanderError } from 'commander';
import { exitCodeOf } from '../shared/errors/codes';
import { AppError } from '../shared/errors/app-error';
import { langOf, processIo, type CliIo } from './io';
import { cliText } from './messages';
import { buildProgram } from './program';

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number') return error.exitCode;
    const t = cliText(io);
    if (error instanceof AppError) {
      io.err(t('error', { code: error.code, message: error.messageIn(langOf(io)) }));
      return exitCodeOf(error.code);
    }
    const ref = randomUUID().slice(0, 8);
    io.err(t('error', { code: 'internal.unexpected', message: new AppError('internal.unexpected', { ref }).messageIn(langOf(io)) }));
    if (io.env.EDC_DEBUG === '1' && error instanceof Error) io.err(error.stack ?? error.message);
    return 1;
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  return run(argv.slice(2), processIo());
}
