// The messages between the main thread and the worker that reads a large bundle.

import type { BundleFileName, BundleManifest } from '../../shared/contract/bundles';
import type { ErrorDetails } from '../../shared/errors/codes';
import type { BundleLimits, BundleRead } from './read-bundle';

export interface WorkerJob {
  readonly input: string;
  readonly identities: readonly string[];
  readonly limits: BundleLimits;
  /** Lines per batch handed to the main thread. */
  readonly batchLines: number;
  /** Batches the worker may send ahead of the main thread's acknowledgements (bounds memory). */
  readonly window: number;
}

export type FromWorker =
  | { readonly type: 'keyFor' | 'onManifest'; readonly manifest: BundleManifest; readonly manifestSha256: string }
  | { readonly type: 'lines'; readonly file: BundleFileName | ''; readonly firstLine: number; readonly lines: readonly string[] }
  | { readonly type: 'done'; readonly read: BundleRead }
  | { readonly type: 'failed'; readonly error: { readonly code: string; readonly details: ErrorDetails } | null; readonly message: string };

export type ToWorker = { readonly type: 'job'; readonly job: WorkerJob } | { readonly type: 'answer'; readonly value: string | null } | { readonly type: 'ack' };
