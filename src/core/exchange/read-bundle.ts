// Reading a bundle: an async iterator of its manifest (once the signature verifies against the key the
// caller supplies), then its records in batches, then the end. A large bundle file is read on a worker
// thread (decryption, decompression, archive and audit-entry checks beside the main thread); that is a
// detail of this reader: the items are the same either way.

import { statSync } from 'node:fs';
import { readBundleHere, type BundleItem, type ReadBundleOptions } from './read-bundle-stream';
import { readBundleThreaded } from './read-bundle-threaded';

export { DEFAULT_LIMITS, type BundleItem, type BundleLimits, type ReadBundleOptions, type RecordBatch } from './read-bundle-stream';

// Starting a worker costs tens of milliseconds: worth it for a site's real bundle, not a small one.
const THREADED_FROM = 4 * 1024 * 1024;

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // the reader reports a missing file with its code
  }
}

export function readBundle(input: string | Uint8Array, options: ReadBundleOptions & { readonly threadedFrom?: number }): AsyncGenerator<BundleItem> {
  if (typeof input === 'string' && fileSize(input) >= (options.threadedFrom ?? THREADED_FROM)) return readBundleThreaded(input, options);
  return readBundleHere(input, options);
}
