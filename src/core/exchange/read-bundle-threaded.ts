// Reading a large bundle on a worker thread (read-bundle-worker.ts), with the visitor and the result of
// readBundle: decryption, decompression, archive checks and audit hashes run beside the main thread, which
// keeps what needs the database and receives the records as lines, in batches it acknowledges.

import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../shared/errors/app-error';
import type { ErrorCode } from '../../shared/errors/codes';
import type { BundleFileName } from '../../shared/contract/bundles';
import { DEFAULT_LIMITS, readBundle, type BundleLimits, type BundleRead, type BundleVisitor } from './read-bundle';
import type { FromWorker, ToWorker, WorkerJob } from './read-bundle-messages';

const WORKER_FILE = join(__dirname, `read-bundle-worker${extname(__filename)}`);
// Run from TypeScript sources (tests, benchmarks), the worker compiles them with the repository's swc hook.
const EXEC_ARGV = extname(__filename) === '.ts' ? ['-r', join(__dirname, '..', '..', '..', 'scripts', 'register-ts.js')] : [];

export interface ThreadTuning {
  readonly batchLines: number;
  readonly window: number;
}

const DEFAULT_TUNING: ThreadTuning = { batchLines: 2000, window: 8 };

// A worker that finished its read cleanly is kept (unreferenced: it never holds the process open) for the
// next bundle of a merge run, so starting it is paid once per run; one that failed or was stopped is not.
let spare: Worker | undefined;

function takeWorker(): Worker {
  const worker = spare ?? new Worker(WORKER_FILE, { execArgv: EXEC_ARGV });
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

export function readBundleThreaded(input: string, identities: readonly string[], visitor: BundleVisitor, limits: BundleLimits = DEFAULT_LIMITS, tuning: ThreadTuning = DEFAULT_TUNING): Promise<BundleRead> {
  const job: WorkerJob = { input, identities: [...identities], limits, ...tuning };
  const worker = takeWorker();
  const tell = (message: ToWorker): void => worker.postMessage(message);
  return new Promise<BundleRead>((resolve, reject) => {
    let settled = false;
    let heard = false;
    let queue = Promise.resolve();
    const finish = (error: unknown, read?: BundleRead): void => {
      if (settled) return;
      settled = true;
      if (read) {
        giveBack(worker);
        resolve(read);
      } else {
        void worker.terminate();
        reject(error);
      }
    };
    // A worker that cannot start at all (a packaging problem, say) must not stop a merge: read here instead.
    const failedToStart = (): boolean => {
      if (heard || settled) return false;
      settled = true;
      void worker.terminate();
      readBundle(input, identities, visitor, limits).then(resolve, reject);
      return true;
    };
    const handle = async (message: FromWorker): Promise<void> => {
      switch (message.type) {
        case 'keyFor':
          tell({ type: 'answer', value: await visitor.keyFor(message.manifest, message.manifestSha256) });
          return;
        case 'onManifest':
          tell({ type: 'answer', value: await visitor.onManifest(message.manifest, message.manifestSha256) });
          return;
        case 'lines': {
          const file = message.file as BundleFileName;
          for (let i = 0; i < message.lines.length; i += 1) {
            const text = message.lines[i]!;
            // The worker parsed this line already: it is JSON.
            const pending = visitor.onRecord(file, JSON.parse(text) as unknown, message.firstLine + i, text);
            if (pending) await pending;
          }
          tell({ type: 'ack' });
          return;
        }
        case 'done':
          finish(null, message.read);
          return;
        case 'failed':
          finish(message.error ? new AppError(message.error.code as ErrorCode, message.error.details) : new Error(message.message));
          return;
      }
    };
    // Messages are handled one after another, in order: 'done' comes after the last batch was visited.
    worker.on('message', (message: FromWorker) => {
      heard = true;
      queue = queue.then(() => (settled ? undefined : handle(message))).catch((error: unknown) => finish(error));
    });
    worker.on('error', (error) => failedToStart() || finish(error));
    worker.on('exit', (code) => failedToStart() || finish(new Error(`the bundle reader stopped (exit ${code})`)));
    tell({ type: 'job', job });
  });
}
