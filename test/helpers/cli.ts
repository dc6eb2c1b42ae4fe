// Runs the `edc` program in-process with captured output and a chosen environment.

import { run } from '../../src/cli/index';
import type { CliIo } from '../../src/cli/io';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

export async function edc(args: readonly string[], env: Record<string, string> = {}, cwd = process.cwd()): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t.endsWith('\n') ? t : `${t}\n`;
    },
    err: (t) => {
      err += t.endsWith('\n') ? t : `${t}\n`;
    },
    env: { EDC_LANG: 'en', ...env },
    interactive: false,
    cwd,
    prompt: () => Promise.reject(new Error('no terminal in tests')),
  };
  const code = await run(args, io);
  return { code, out, err };
}
