// The messages between the main thread and the worker that reads a large bundle.

import type { BundleManifest } from '../../shared/contract/bundles';
import type { ErrorDetails } from '../../shared/errors/codes';
import type { BundleLimits, RecordBatch } from './read-bundle-stream';

export interface WorkerJob {
  readonly input: string;
  readonly identities: readonly string[];
  readonly limits: BundleLimits | undefined;
  /** Lines per batch handed to the main thread. */
  readonly batchLines: number;
  /** Batches the worker may send ahead of the main thread's acknowledgements (bounds memory). */
  readonly window: number;
}

export type FromWorker =
  /** The manifest is read: which key must it be signed with? */
  | { readonly type: 'keyFor'; readonly manifest: BundleManifest; readonly manifestSha256: string }
  /** The signature verified; the worker waits for 'continue' or 'stop'. */
  | { readonly type: 'manifest'; readonly manifest: BundleManifest; readonly manifestSha256: string }
  | { readonly type: 'lines'; readonly kind: RecordBatch['kind']; readonly file: 'subjects.ndjson' | 'form_instances.ndjson' | 'audit.ndjson' | 'query_events.ndjson'; readonly firstLine: number; readonly lines: readonly string[] }
  | { readonly type: 'done'; readonly bundleSha256: string }
  /** The read ended early on the main thread's 'stop'; the worker is free for another job. */
  | { readonly type: 'stopped' }
  | { readonly type: 'failed'; readonly error: { readonly code: string; readonly details: ErrorDetails } | null; readonly message: string };

export type ToWorker =
  | { readonly type: 'job'; readonly job: WorkerJob }
  | { readonly type: 'key'; readonly key: string }
  | { readonly type: 'continue' }
  | { readonly type: 'stop' }
  | { readonly type: 'ack' };
