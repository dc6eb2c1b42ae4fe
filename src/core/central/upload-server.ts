// `edc coordinator serve`: receives bundles over HTTPS. Each upload is held in memory, decrypted and
// verified by the same merge as `edc merge`; only then is it written (atomically) to the inbox. Junk,
// unknown sites, bad signatures and oversized bodies are refused with their codes and never stored.

import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import { bundleFileName, receiptFileName } from '../exchange/bundle-names';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { Session } from '../store/session';
import { mergeBundle } from './merge-bundle';

export interface UploadServerOptions {
  readonly session: Session;
  readonly dir: string;
  readonly host: string;
  readonly port: number;
  readonly cert: string;
  readonly key: string;
  readonly maxBytes?: number;
  readonly log?: (line: string) => void;
}

export interface UploadServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const STATUS: Readonly<Record<string, number>> = {
  'input.tooLarge': 413,
  'merge.unknownSite': 403,
  'merge.keyChanged': 403,
  'merge.fingerprintMismatch': 403,
  'bundle.badSignature': 403,
  'bundle.wrongRecipient': 422,
  'merge.stale': 409,
  'merge.sequenceConflict': 409,
  'merge.historyRewritten': 409,
};

export async function startUploadServer(options: UploadServerOptions): Promise<UploadServer> {
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  const log = options.log ?? (() => undefined);
  const inbox = join(options.dir, 'inbox');
  const receipts = join(options.dir, 'receipts');
  for (const d of [inbox, receipts]) if (!existsSync(d)) mkdirSync(d, { recursive: true });
  // Merges run one at a time, in arrival order.
  let queue: Promise<unknown> = Promise.resolve();

  const server: Server = createServer({ cert: options.cert, key: options.key, minVersion: 'TLSv1.2' }, (req, res) => {
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      res.end(text);
    };
    const refuse = (status: number, error: AppError): void => reply(status, { ok: false, error: toErrorPayload(error) });
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/health') return reply(200, { ok: true });
    if (req.method !== 'POST' || path !== '/bundles') return refuse(404, new AppError('input.unknownChannel'));
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
      res.setHeader('connection', 'close');
      return refuse(413, new AppError('input.tooLarge'));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      if (tooLarge) return;
      size += c.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        res.setHeader('connection', 'close');
        refuse(413, new AppError('input.tooLarge'));
        req.pause();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return;
      const body = Buffer.concat(chunks);
      chunks.length = 0;
      queue = queue.then(async () => {
        try {
          const result = await mergeBundle(options.session, body);
          const study = options.session.study.definition.id;
          writeFileAtomicIfAbsent(join(inbox, bundleFileName(study, result.siteId, result.sequence, new Date(result.receipt.receipt.mergedAt))), body);
          writeFileAtomicIfAbsent(join(receipts, receiptFileName(study, result.siteId, result.sequence)), `${JSON.stringify(result.receipt, null, 2)}\n`);
          log(`${result.status} ${result.siteId} #${result.sequence} (${body.length} bytes)`);
          reply(200, { ok: true, status: result.status, siteId: result.siteId, sequence: result.sequence, counts: result.counts, receipt: result.receipt });
        } catch (error) {
          const coded = error instanceof AppError ? error : new AppError('internal.unexpected', { ref: 'upload' });
          if (!(error instanceof AppError)) log(`upload failed: ${error instanceof Error ? error.message : String(error)}`);
          log(`refused: ${coded.code}`);
          refuse(coded.code === 'internal.unexpected' ? 500 : (STATUS[coded.code] ?? 400), coded);
        }
      });
    });
    req.on('error', () => res.destroy());
  });
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function writeFileAtomicIfAbsent(file: string, data: Uint8Array | string): void {
  if (!existsSync(file)) writeFileAtomic(file, data);
}
