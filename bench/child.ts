// Runs a benchmark child process (TypeScript through the bench loader) and parses its JSON answer.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function runChild<T>(script: string, args: readonly string[]): T {
  const result = spawnSync(process.execPath, ['-r', join(__dirname, 'register.js'), join(__dirname, script), ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${script} failed: ${result.stderr.slice(-2000)}`);
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as T;
}
