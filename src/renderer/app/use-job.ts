// Long work on the server (bundle export, upload, merge, CSV export) as a job: start it, poll `jobs:get` for
// progress until it ends, then check its result against the expected shape or show its coded error.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { JobOut } from '../../shared/contract/app';
import { ApiError, asApiError, clientError } from '../api/api-error';
import type { ApiClient } from '../api/client';

export const POLL_MS = 200;

export type JobView<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly phase: string; readonly done: number; readonly total: number }
  | { readonly state: 'done'; readonly result: T }
  | { readonly state: 'failed'; readonly error: ApiError };

export interface JobControl<T> {
  readonly job: JobView<T>;
  /** Starts the job (the call that returns a JobOut) and follows it to its end. */
  start(begin: () => Promise<JobOut>): Promise<void>;
  reset(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => window.setTimeout(resolve, ms));


export function useJob<T>(api: ApiClient, schema: z.ZodType<T>): JobControl<T> {
  const [job, setJob] = useState<JobView<T>>({ state: 'idle' });
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const finish = useCallback(
    (out: JobOut): JobView<T> => {
      if (out.state === 'failed') return { state: 'failed', error: out.error ? new ApiError(out.error) : clientError('internal.jobFailed') };
      const parsed = schema.safeParse(out.result);
      return parsed.success ? { state: 'done', result: parsed.data } : { state: 'failed', error: clientError('internal.unexpectedResult', { detail: parsed.error.issues[0]?.message ?? 'shape' }) };
    },
    [schema],
  );

  const start = useCallback(
    async (begin: () => Promise<JobOut>): Promise<void> => {
      setJob({ state: 'running', phase: 'starting', done: 0, total: 0 });
      try {
        let out = await begin();
        while (out.state === 'running') {
          if (!alive.current) return;
          setJob({ state: 'running', phase: out.phase, done: out.done, total: out.total });
          await sleep(POLL_MS);
          out = await api.call('jobs:get', { jobId: out.id });
        }
        if (alive.current) setJob(finish(out));
      } catch (error) {
        if (alive.current) setJob({ state: 'failed', error: asApiError(error) });
      }
    },
    [api, finish],
  );

  const reset = useCallback(() => setJob({ state: 'idle' }), []);
  return { job, start, reset };
}
