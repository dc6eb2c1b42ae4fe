// Long work started from the UI (export, merge, large CSV) runs as a job: the call returns at once with
// an id, the page polls for progress, and the result or the coded error is kept until read.

import { randomUUID } from 'node:crypto';
import { AppError, toErrorPayload, type ErrorPayload } from '../../shared/errors/app-error';

export interface JobState {
  readonly id: string;
  readonly kind: string;
  state: 'running' | 'done' | 'failed';
  phase: string;
  done: number;
  total: number;
  result: unknown;
  error: ErrorPayload | null;
  readonly startedAt: string;
  finishedAt: string | null;
}

export type JobProgress = (phase: string, done: number, total: number) => void;

export class JobRegistry {
  private readonly jobs = new Map<string, JobState>();

  start(kind: string, now: Date, work: (progress: JobProgress) => Promise<unknown>, log: (line: string) => void = () => undefined): JobState {
    // One job of a kind at a time: two exports at once would race for the sequence number.
    for (const job of this.jobs.values()) if (job.kind === kind && job.state === 'running') return job;
    const job: JobState = { id: randomUUID(), kind, state: 'running', phase: 'starting', done: 0, total: 0, result: null, error: null, startedAt: now.toISOString(), finishedAt: null };
    this.jobs.set(job.id, job);
    const progress: JobProgress = (phase, done, total) => {
      job.phase = phase;
      job.done = done;
      job.total = total;
    };
    void work(progress).then(
      (result) => {
        job.state = 'done';
        job.result = result;
        job.finishedAt = new Date().toISOString();
      },
      (error: unknown) => {
        job.state = 'failed';
        const ref = randomUUID().slice(0, 8);
        if (!(error instanceof AppError)) log(`[${ref}] job ${kind}: ${error instanceof Error ? error.message : String(error)}`);
        job.error = toErrorPayload(error instanceof AppError ? error : new AppError('internal.unexpected', { ref }));
        job.finishedAt = new Date().toISOString();
      },
    );
    return job;
  }

  get(id: string): JobState | undefined {
    return this.jobs.get(id);
  }
}
