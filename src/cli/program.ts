// The `edc` command tree: one commander program whose actions call core use-cases.

import { Command } from 'commander';
import { registerCoordinator } from './commands/coordinator';
import { registerDemo } from './commands/demo';
import { registerExchange } from './commands/exchange';
import { registerPeriodicExchange } from './commands/periodic-exchange';
import { registerAmend } from './commands/amend';
import { registerExports } from './commands/exports';
import { registerForm } from './commands/form';
import { registerRedcap } from './commands/redcap';
import { registerReturn } from './commands/return';
import { registerReview } from './commands/review';
import { registerQueries } from './commands/queries';
import { registerReport } from './commands/report';
import { registerSite } from './commands/site';
import { registerStore } from './commands/store';
import { registerSubject } from './commands/subject';
import { registerUser } from './commands/user';
import { registerCrf } from './commands/crf';
import { registerCasebook } from './commands/casebook';
import type { CliIo } from './io';

export type Registrar = (program: Command, io: CliIo) => void;

/** Command groups added by later capabilities (bundles, exports, reports) register here too. */
export const REGISTRARS: Registrar[] = [registerSite, registerUser, registerSubject, registerForm, registerStore, registerExchange, registerCoordinator, registerExports, registerReport, registerDemo, registerRedcap, registerReturn, registerReview, registerPeriodicExchange, registerAmend, registerQueries, registerCrf, registerCasebook];

export function buildProgram(io: CliIo): Command {
  const program = new Command();
  program
    .name('edc')
    .description(
      'Offline clinical data capture: encrypted site stores, study forms, audit trail.\n' +
        'Passwords come from EDC_PASSWORD (new ones from EDC_NEW_PASSWORD) or a terminal prompt, never from flags.\n' +
        'Messages in Italian or English: EDC_LANG=it|en (default from LANG).',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  for (const register of REGISTRARS) register(program, io);
  program.commands.forEach(function harden(cmd: Command): void {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
    cmd.commands.forEach(harden);
  });
  return program;
}
