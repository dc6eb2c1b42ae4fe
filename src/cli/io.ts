// The CLI's connection to the outside: output streams, environment, and prompts — injectable for tests.

import { createInterface } from 'node:readline';
import type { Lang } from '../shared/study/localized';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly interactive: boolean;
  /** Asks a question on the terminal; hidden input for passwords. */
  prompt(question: string, hidden: boolean): Promise<string>;
  readonly cwd: string;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    cwd: process.cwd(),
    prompt: (question, hidden) =>
      new Promise((resolve) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
        if (hidden) {
          // Echo nothing while the password is typed.
          (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
            if (s.startsWith(question)) process.stderr.write(question);
          };
        }
        rl.question(question, (answer) => {
          rl.close();
          if (hidden) process.stderr.write('\n');
          resolve(answer);
        });
      }),
  };
}

export function langOf(io: CliIo): Lang {
  // An empty variable counts as unset, as the shell's locale variables do.
  const wanted = io.env.EDC_LANG || io.env.LC_ALL || io.env.LANG || '';
  return wanted.toLowerCase().startsWith('it') ? 'it' : 'en';
}
