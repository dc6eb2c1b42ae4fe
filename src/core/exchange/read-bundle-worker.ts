// Worker-thread side of reading a large bundle: decryption, decompression, tar and NDJSON checks (the same
// readBundle), plus each audit entry's shape and hash, off the main thread. The main thread answers the
// key and manifest questions and receives the records' lines in acknowledged batches.

import { parentPort } from 'node:worker_threads';
import { AuditRecord, isAuditRecord } from '../../shared/contract/bundle-records';
import type { BundleFileName, BundleManifest } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { hashAuditEntry } from '../store/audit-chain';
import { parseRecord } from './parse-record';
import { readBundle } from './read-bundle';
import type { FromWorker, ToWorker, WorkerJob } from './read-bundle-messages';

const port = parentPort!;
let answer: ((message: Extract<ToWorker, { type: 'answer' }>) => void) | undefined;
let credit = 0;
let waitingForCredit: (() => void) | undefined;

// The worker serves one read at a time and is kept for the next bundle of a merge run.
port.on('message', (message: ToWorker) => {
  if (message.type === 'job') void read(message.job);
  else if (message.type === 'answer') answer?.(message);
  else {
    credit += 1;
    waitingForCredit?.();
    waitingForCredit = undefined;
  }
});

function ask(question: 'keyFor' | 'onManifest', manifest: BundleManifest, manifestSha256: string): Promise<string> {
  return new Promise((resolve, reject) => {
    answer = (message) => {
      answer = undefined;
      if (message.value === null) reject(new Error('the main thread stopped the read'));
      else resolve(message.value);
    };
    port.postMessage({ type: question, manifest, manifestSha256 } satisfies FromWorker);
  });
}

let batch: string[] = [];
let batchFile: BundleFileName | '' = '';
let batchFirst = 0;
let batchLines = 0;

function send(): void {
  if (batch.length === 0) return;
  port.postMessage({ type: 'lines', file: batchFile, firstLine: batchFirst, lines: batch } satisfies FromWorker);
  batch = [];
  credit -= 1;
}

async function read(job: WorkerJob): Promise<void> {
  credit = job.window;
  batchLines = job.batchLines;
  batch = [];
  batchFile = '';
  try {
    const read = await readBundle(
      job.input,
      job.identities,
      {
        keyFor: (manifest, sha) => ask('keyFor', manifest, sha),
        onManifest: async (manifest, sha) => ((await ask('onManifest', manifest, sha)) === 'skip' ? 'skip' : 'read'),
        onRecord: (file, record, line, text) => {
          if (file === 'audit.ndjson') {
            const entry = isAuditRecord(record) ? record : parseRecord(AuditRecord, record, file, line);
            if (hashAuditEntry(entry) !== entry.hash) {
              // Lines before this one go first, so a problem the main thread finds earlier still wins.
              send();
              throw new AppError('merge.auditBroken', { id: entry.id });
            }
          }
          if (file !== batchFile || batch.length >= batchLines) {
            send();
            batchFile = file;
            batchFirst = line;
          }
          batch.push(text);
          if (credit > 0) return undefined;
          return new Promise<void>((resolve) => {
            waitingForCredit = resolve;
          });
        },
      },
      job.limits,
    );
    send();
    port.postMessage({ type: 'done', read } satisfies FromWorker);
  } catch (error) {
    send();
    const coded = error instanceof AppError ? { code: error.code, details: error.details } : null;
    port.postMessage({ type: 'failed', error: coded, message: error instanceof Error ? error.message : String(error) } satisfies FromWorker);
  }
}

