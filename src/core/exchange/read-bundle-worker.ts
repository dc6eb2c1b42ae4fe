// Worker-thread side of reading a large bundle: the same stream reader (decryption, decompression, tar,
// NDJSON and audit-entry checks) off the main thread, which supplies the manifest's key, says whether to
// go on after the manifest, and receives the records' lines in acknowledged batches.

import { parentPort } from 'node:worker_threads';
import type { BundleManifest } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import type { FromWorker, ToWorker, WorkerJob } from './read-bundle-messages';
import { readBundleWithLines, type BatchWithLines } from './read-bundle-stream';

type LinesFile = Extract<FromWorker, { type: 'lines' }>['file'];

const port = parentPort!;
let waiting: ((message: ToWorker) => void) | undefined;
let credit = 0;
let waitingForCredit: (() => void) | undefined;

// The worker serves one read at a time and is kept for the next bundle of a merge run.
port.on('message', (message: ToWorker) => {
  if (message.type === 'job') void read(message.job);
  else if (message.type === 'ack') {
    credit += 1;
    waitingForCredit?.();
    waitingForCredit = undefined;
  } else waiting?.(message);
});

/** The main thread's next answer (a key, or whether to go on after the manifest). */
function answer(): Promise<ToWorker> {
  return new Promise((resolve) => {
    waiting = (message) => {
      waiting = undefined;
      resolve(message);
    };
  });
}

async function keyFor(manifest: BundleManifest, manifestSha256: string): Promise<string> {
  const reply = answer();
  port.postMessage({ type: 'keyFor', manifest, manifestSha256 } satisfies FromWorker);
  const message = await reply;
  if (message.type !== 'key') throw new Error('the main thread stopped the read');
  return message.key;
}

/** Lines of one file gathered across chunks into messages of `batchLines`. */
class Outbox {
  private lines: string[] = [];
  private kind: BatchWithLines['kind'] = 'records';
  private file: LinesFile = 'subjects.ndjson';
  private firstLine = 0;

  constructor(private readonly batchLines: number) {}

  async add(batch: BatchWithLines): Promise<void> {
    const file = batch.kind === 'audit' ? 'audit.ndjson' : batch.file;
    if (file !== this.file || this.lines.length >= this.batchLines) this.send();
    if (this.lines.length === 0) {
      this.kind = batch.kind;
      this.file = file;
      this.firstLine = batch.firstLine;
    }
    for (const line of batch.lines) this.lines.push(line);
    if (this.lines.length >= this.batchLines) this.send();
    if (credit <= 0) await new Promise<void>((resolve) => (waitingForCredit = resolve));
  }

  send(): void {
    if (this.lines.length === 0) return;
    port.postMessage({ type: 'lines', kind: this.kind, file: this.file, firstLine: this.firstLine, lines: this.lines } satisfies FromWorker);
    this.lines = [];
    credit -= 1;
  }
}

async function read(job: WorkerJob): Promise<void> {
  credit = job.window;
  const outbox = new Outbox(job.batchLines);
  try {
    for await (const item of readBundleWithLines(job.input, { identities: job.identities, keyFor, ...(job.limits ? { limits: job.limits } : {}) })) {
      if (item.kind === 'manifest') {
        const reply = answer();
        port.postMessage({ type: 'manifest', manifest: item.manifest, manifestSha256: item.manifestSha256 } satisfies FromWorker);
        if ((await reply).type === 'stop') {
          port.postMessage({ type: 'stopped' } satisfies FromWorker);
          return;
        }
      } else if (item.kind === 'end') {
        outbox.send();
        port.postMessage({ type: 'done', bundleSha256: item.bundleSha256 } satisfies FromWorker);
      } else await outbox.add(item);
    }
  } catch (error) {
    // Lines before the failure go first, so a problem the main thread finds in them still wins.
    outbox.send();
    const coded = error instanceof AppError ? { code: error.code, details: error.details } : null;
    port.postMessage({ type: 'failed', error: coded, message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
  }
}
