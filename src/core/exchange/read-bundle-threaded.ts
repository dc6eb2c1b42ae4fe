// Reading a large bundle on a worker thread (read-bundle-worker.ts), yielding the items of the stream
// reader: decryption, decompression, archive and audit-entry checks run beside the main thread, which
// supplies the key, decides after the manifest, and receives the records as lines in batches it acknowledges.

import { Worker } from 'node:worker_threads';
import type { AuditRecord } from '../../shared/contract/bundle-records';
import { AppError } from '../../shared/errors/app-error';
import type { ErrorCode } from '../../shared/errors/codes';
import type { FromWorker, ToWorker, WorkerJob } from './read-bundle-messages';
import { readBundleHere, type BundleItem, type ReadBundleOptions } from './read-bundle-stream';
import { workerEntry } from '../threads/worker-entry';

const ENTRY = workerEntry(__filename, 'read-bundle-worker');

export interface ThreadTuning {
  readonly batchLines: number;
  readonly window: number;
}

const DEFAULT_TUNING: ThreadTuning = { batchLines: 2000, window: 8 };

// A worker that finished its read cleanly is kept (unreferenced: it never holds the process open) for the
// next bundle of a merge run, so starting it is paid once per run; one that failed or was stopped midway is not.
let spare: Worker | undefined;

function takeWorker(): Worker {
  const worker = spare ?? new Worker(ENTRY.file, { execArgv: [...ENTRY.execArgv] });
  spare = undefined;
  worker.removeAllListeners();
  worker.ref();
  return worker;
}

function giveBack(worker: Worker): void {
  worker.removeAllListeners();
  worker.unref();
  if (spare) void spare.terminate();
  spare = worker;
  // A spare that dies (it should not) is simply not reused.
  worker.once('exit', () => {
    if (spare === worker) spare = undefined;
  });
}

/** The worker did not start at all (a packaging problem, say): the bundle is then read on this thread. */
class NotStarted extends Error {}

/** The worker's messages as a queue the reader awaits one at a time; an error or exit ends it. */
class Inbox {
  private readonly queue: FromWorker[] = [];
  private waiting: { resolve: (m: FromWorker) => void; reject: (e: unknown) => void } | undefined;
  private failure: unknown;
  private heard = false;

  constructor(worker: Worker) {
    worker.on('message', (message: FromWorker) => {
      this.heard = true;
      if (this.waiting) {
        this.waiting.resolve(message);
        this.waiting = undefined;
      } else this.queue.push(message);
    });
    const end = (error: unknown): void => {
      this.failure ??= this.heard ? error : new NotStarted();
      this.waiting?.reject(this.failure);
      this.waiting = undefined;
    };
    worker.on('error', end);
    worker.on('exit', (code) => end(new Error(`the bundle reader stopped (exit ${code})`)));
  }

  next(): Promise<FromWorker> {
    const message = this.queue.shift();
    if (message) return Promise.resolve(message);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }
}

/** A batch of lines the worker checked, as the stream reader yields it (the lines are JSON: the worker parsed them). */
function batchOf(message: Extract<FromWorker, { type: 'lines' }>): BundleItem {
  const records = message.lines.map((line) => JSON.parse(line) as unknown);
  if (message.kind === 'audit') return { kind: 'audit', firstLine: message.firstLine, entries: records as AuditRecord[] };
  return { kind: 'records', file: message.file as 'subjects.ndjson' | 'form_instances.ndjson' | 'query_events.ndjson', firstLine: message.firstLine, records };
}

export async function* readBundleThreaded(input: string, options: ReadBundleOptions, tuning: ThreadTuning = DEFAULT_TUNING): AsyncGenerator<BundleItem> {
  const worker = takeWorker();
  const inbox = new Inbox(worker);
  const tell = (message: ToWorker): void => worker.postMessage(message);
  const job: WorkerJob = { input, identities: [...options.identities], limits: options.limits, ...tuning };
  let state: 'reading' | 'atManifest' | 'done' = 'reading';
  try {
    tell({ type: 'job', job });
    for (;;) {
      let message: FromWorker;
      try {
        message = await inbox.next();
      } catch (error) {
        if (!(error instanceof NotStarted)) throw error;
        yield* readBundleHere(input, options);
        return;
      }
      switch (message.type) {
        case 'keyFor':
          tell({ type: 'key', key: await options.keyFor(message.manifest, message.manifestSha256) });
          break;
        case 'manifest':
          state = 'atManifest';
          yield { kind: 'manifest', manifest: message.manifest, manifestSha256: message.manifestSha256 };
          state = 'reading';
          tell({ type: 'continue' });
          break;
        case 'lines':
          yield batchOf(message);
          tell({ type: 'ack' });
          break;
        case 'done':
          state = 'done';
          yield { kind: 'end', bundleSha256: message.bundleSha256 };
          return;
        case 'stopped':
          throw new Error('the bundle reader stopped unasked');
        case 'failed':
          throw message.error ? new AppError(message.error.code as ErrorCode, message.error.details) : new Error(message.message);
      }
    }
  } finally {
    if (state === 'atManifest') {
      // The caller stopped after the manifest (a bundle already merged): the worker ends its read and is kept.
      tell({ type: 'stop' });
      const reply = await inbox.next().catch(() => undefined);
      if (reply?.type === 'stopped') giveBack(worker);
      else void worker.terminate();
    } else if (state === 'done') giveBack(worker);
    else void worker.terminate();
  }
}
