// An upload's body, streamed to a temporary file in the inbox (never held in memory): refused as soon as
// its first bytes are not an age file or it grows past the cap, and at the end unless its SHA-256 is
// the one the site signed. On any refusal the temporary file is removed.

import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, fsyncSync, openSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/app-error';
import { AGE_VERSION_LINE_BYTES, opensAsAge } from '../crypto/age';

export interface ReceivedBody {
  /** The temporary file holding the body; the caller renames or removes it. */
  readonly file: string;
  readonly size: number;
}

/** Temporary files start with this, so an inbox listing tells them from stored bundles. */
export const PARTIAL_PREFIX = '.upload-';

export function receiveBody(req: IncomingMessage, options: { readonly dir: string; readonly maxBytes: number; readonly sha256: string }): Promise<ReceivedBody> {
  const file = join(options.dir, `${PARTIAL_PREFIX}${randomBytes(8).toString('hex')}.part`);
  const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  let settled = false;
  return new Promise<ReceivedBody>((resolve, reject) => {
    const fail = (error: AppError): void => {
      if (settled) return;
      settled = true;
      // Stop reading: the server answers and closes the connection.
      req.removeListener('data', onData);
      req.pause();
      // Answered only once the file is gone (a stream still opening creates it late).
      const removed = (): void => {
        rmSync(file, { force: true });
        reject(error);
      };
      if (out.closed) return removed();
      out.once('close', removed);
      out.destroy();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > options.maxBytes) return fail(new AppError('input.tooLarge'));
      if (head.length < AGE_VERSION_LINE_BYTES) {
        head = Buffer.concat([head, chunk.subarray(0, AGE_VERSION_LINE_BYTES - head.length)]);
        if (head.length === AGE_VERSION_LINE_BYTES && !opensAsAge(head)) return fail(new AppError('bundle.notABundle'));
      }
      hash.update(chunk);
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => {
          if (!settled) req.resume();
        });
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      if (head.length < AGE_VERSION_LINE_BYTES) return fail(new AppError('bundle.notABundle'));
      if (hash.digest('hex') !== options.sha256) return fail(new AppError('upload.bodyMismatch'));
      out.end(() => {
        if (settled) return;
        try {
          const fd = openSync(file, 'r+');
          fsyncSync(fd);
          closeSync(fd);
        } catch {
          return fail(new AppError('internal.unexpected', { ref: 'upload.write' }));
        }
        settled = true;
        resolve({ file, size });
      });
    });
    // The client went away or the server's timeouts closed the connection.
    req.once('close', () => {
      if (!req.complete) fail(new AppError('upload.incomplete'));
    });
    out.once('error', () => fail(new AppError('internal.unexpected', { ref: 'upload.write' })));
  });
}
