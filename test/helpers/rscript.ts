// Runs an R script with Rscript (Debian r-base-core, r-cran-survival, r-cran-cmprsk; `.ci/run` installs them) and
// returns its standard output; a missing Rscript fails the test, it never skips it.

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `script` to `dir/name` and runs it there; R's errors come back as the thrown error's message. */
export function runR(dir: string, name: string, script: string): string {
  const file = join(dir, name);
  writeFileSync(file, script);
  return execFileSync('Rscript', ['--vanilla', file], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

/** A vector literal of R for numbers, written to full precision. */
export function rVector(values: readonly number[]): string {
  return `c(${values.map((v) => (Number.isInteger(v) ? String(v) : v.toPrecision(17))).join(', ')})`;
}
