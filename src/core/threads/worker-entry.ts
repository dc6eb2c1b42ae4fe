// Where a worker thread's entry file lies beside its caller, and how to start it when run from TypeScript
// sources (tests, benchmarks): with the repository's swc hook; built JavaScript needs nothing.

import { dirname, extname, join } from 'node:path';

export interface WorkerEntry {
  readonly file: string;
  readonly execArgv: readonly string[];
}

/** `callerFile`: the caller's `__filename`; `base`: the entry's file name without extension, in the same folder. */
export function workerEntry(callerFile: string, base: string): WorkerEntry {
  const ext = extname(callerFile);
  const file = join(dirname(callerFile), `${base}${ext}`);
  // src/core/<folder>/x.ts → the repository root is three folders up.
  return { file, execArgv: ext === '.ts' ? ['-r', join(dirname(callerFile), '..', '..', '..', 'scripts', 'register-ts.js')] : [] };
}
