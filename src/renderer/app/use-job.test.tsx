/** @jest-environment jsdom */
// A job followed to its end: progress while it runs, then the result checked against its shape, or the coded
// error of a failed job or of a call refused at once.

import { describe, expect, it } from '@jest/globals';
import { act, useEffect, type ReactNode } from 'react';
import { z } from 'zod';
import type { JobOut } from '../../shared/contract/app';
import { ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import { render } from '../test-utils';
import { useJob, type JobView } from './use-job';

const Result = z.object({ files: z.number() });

function job(state: JobOut['state'], done: number, result: unknown = null, error: JobOut['error'] = null): JobOut {
  return { id: '7f1c1f7e-1111-4222-8333-444455556666', kind: 'csv', state, phase: 'writing', done, total: 3, result, error, startedAt: '2026-01-01T00:00:00Z', finishedAt: null };
}

/** An API whose jobs:get answers from a script, one answer per poll. */
function fakeApi(answers: JobOut[]): ApiClient {
  return {
    desktop: false,
    chooseFolder: () => undefined,
    chooseFile: () => undefined,
    onSessionLost: () => () => undefined,
    call: (async (channel: string) => {
      if (channel !== 'jobs:get') throw new Error(channel);
      return answers.shift();
    }) as ApiClient['call'],
  };
}

function Harness({ api, begin, seen }: { api: ApiClient; begin: () => Promise<JobOut>; seen: JobView<z.infer<typeof Result>>[] }): ReactNode {
  const { job: view, start } = useJob(api, Result);
  useEffect(() => {
    void start(begin);
  }, [start, begin]);
  seen.push(view);
  return null;
}

async function settle(seen: JobView<unknown>[]): Promise<void> {
  for (let i = 0; i < 100 && !['done', 'failed'].includes(seen.at(-1)?.state ?? ''); i += 1) {
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
  }
}

describe('useJob', () => {
  it('shows the progress, then the checked result', async () => {
    const seen: JobView<z.infer<typeof Result>>[] = [];
    const api = fakeApi([job('running', 2), job('done', 3, { files: 16 })]);
    const view = render(<Harness api={api} begin={async () => job('running', 1)} seen={seen} />);
    await settle(seen);
    expect(seen.some((v) => v.state === 'running' && v.done === 2)).toBe(true);
    expect(seen.at(-1)).toEqual({ state: 'done', result: { files: 16 } });
    view.unmount();
  });

  it('turns a failed job into its coded error, and a result of the wrong shape into an error too', async () => {
    const failed: JobView<z.infer<typeof Result>>[] = [];
    const error = { code: 'bundle.notKit', message: 'no kit', messages: { it: 'nessun kit', en: 'no kit' }, details: {} };
    const one = render(<Harness api={fakeApi([job('failed', 0, null, error)])} begin={async () => job('running', 0)} seen={failed} />);
    await settle(failed);
    const last = failed.at(-1)!;
    expect(last.state === 'failed' && last.error.code).toBe('bundle.notKit');
    one.unmount();

    const odd: JobView<z.infer<typeof Result>>[] = [];
    const two = render(<Harness api={fakeApi([])} begin={async () => job('done', 3, { files: 'many' })} seen={odd} />);
    await settle(odd);
    expect(odd.at(-1)!.state).toBe('failed');
    two.unmount();
  });

  it('shows the error of a call refused at once', async () => {
    const seen: JobView<z.infer<typeof Result>>[] = [];
    const refused = new ApiError({ code: 'role.forbidden', message: 'no', messages: { it: 'no', en: 'no' }, details: {} });
    const view = render(<Harness api={fakeApi([])} begin={() => Promise.reject(refused)} seen={seen} />);
    await settle(seen);
    const last = seen.at(-1)!;
    expect(last.state === 'failed' && last.error).toBe(refused);
    view.unmount();
  });
});
