// Runs a crash-test child process and kills it with SIGKILL at a chosen moment of the work it reports on stdout.

import { spawn } from 'node:child_process';

export interface KillPlan {
  /** The child script and its arguments. */
  readonly script: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** The stdout line the child prints when the work starts, and the prefix of the one it prints when it committed. */
  readonly startLine: string;
  readonly doneLinePrefix: string;
}

export interface KilledRun {
  /** The child reported the work finished (committed) before the kill. */
  readonly doneBeforeKill: boolean;
  /** Milliseconds from the start of the work to its end (when it got there). */
  readonly workMs: number | null;
}

/** Starts the child; kills it `delayMs` after it starts working, or right after its first commit when delay is null. */
export function runAndKill(plan: KillPlan, delayMs: number | null): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [plan.script, ...plan.args], { env: plan.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    let stderr = '';
    let startedAt: number | null = null;
    let doneAt: number | null = null;
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === plan.startLine && startedAt === null) {
          startedAt = performance.now();
          if (delayMs !== null) setTimeout(kill, delayMs);
        }
        if (line.startsWith(plan.doneLinePrefix) && doneAt === null) {
          doneAt = performance.now();
          if (delayMs === null) kill();
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended without being killed (code ${code}): ${stderr}`));
      resolve({ doneBeforeKill: doneAt !== null, workMs: startedAt !== null && doneAt !== null ? doneAt - startedAt : null });
    });
  });
}
