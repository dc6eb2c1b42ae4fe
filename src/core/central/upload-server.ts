// `edc coordinator serve`: receives bundles over HTTPS. The sender proves it is a registered site from the
// request's signed headers before any of the body is read (upload-auth.ts; 401 otherwise); at most N
// uploads are received at once (503 beyond); the body streams to a temporary file in the inbox, checked
// as it comes (upload-body.ts), is merged by the same merge as `edc merge` and only then renamed into
// place; the answer carries the site's pending return bundle (upload-return.ts). Slow clients are closed by header, body and idle timeouts. Refusals leave nothing in the inbox.

import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import { bundleFileName, receiptFileName } from '../exchange/bundle-names';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { Clock } from '../clock';
import type { Session } from '../store/session';
import { mergeBundle } from './merge-bundle';
import { UploadAuthenticator, type UploadSender } from './upload-auth';
import { receiveBody } from './upload-body';
import { returnForUpload, type UploadedReturn } from './upload-return';

/** How long a client may take, and how many may be served at once (tests use small values). */
export interface UploadBounds {
  /** Uploads received or merged at once; more are answered 503. */
  readonly maxConcurrent: number;
  /** Open connections beyond this are closed as they arrive. */
  readonly maxConnections: number;
  /** Time to send the request headers. */
  readonly headersTimeoutMs: number;
  /** Time to send the whole request, body included (512 MiB at about 1 MB/s). */
  readonly bodyTimeoutMs: number;
  /** A connection that sends nothing for this long while it should be sending is closed. */
  readonly idleTimeoutMs: number;
  /** How far a request's signed time may be from the centre's clock, either way (its replay window). */
  readonly skewMs: number;
}

export const UPLOAD_BOUNDS: UploadBounds = {
  maxConcurrent: 4,
  maxConnections: 256,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 10 * 60_000,
  idleTimeoutMs: 60_000,
  skewMs: 5 * 60_000,
};

export interface UploadServerOptions {
  readonly session: Session;
  readonly dir: string;
  readonly host: string;
  readonly port: number;
  readonly cert: string;
  readonly key: string;
  readonly maxBytes?: number;
  readonly bounds?: Partial<UploadBounds>;
  /** The clock request times are checked against (default: the session's). */
  readonly clock?: Clock;
  readonly log?: (line: string) => void;
}

export interface UploadServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const STATUS: Readonly<Record<string, number>> = {
  'input.tooLarge': 413,
  'upload.unsigned': 401,
  'upload.unknownSite': 401,
  'upload.badSignature': 401,
  'upload.staleRequest': 401,
  'upload.replayed': 401,
  'upload.siteMismatch': 403,
  'upload.busy': 503,
  'merge.unknownSite': 403,
  'merge.keyChanged': 403,
  'merge.fingerprintMismatch': 403,
  'bundle.badSignature': 403,
  'bundle.wrongRecipient': 422,
  'merge.stale': 409,
  'merge.sequenceConflict': 409,
  'merge.historyRewritten': 409,
};

// After a refusal the rest of a body is not read: the answer goes out with `Connection: close` (the
// client must not reuse the connection) and what the client still sends waits unread in the socket (TCP
// flow control stops the sender) until the connection is destroyed a little later. Closing at once on
// unread data, or ending TLS while the client writes, would reset the connection and could lose the
// answer before the client reads it.
const LINGER_MS = 2000;

function reply(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...(close ? { connection: 'close' } : {}) });
  res.end(text);
}

/** Stops reading an unfinished request and destroys its connection after LINGER_MS; false when the request was read whole. */
function holdThenClose(req: IncomingMessage): boolean {
  if (req.complete) return false;
  // A request read once is not drained by Node after the answer; paused, it takes no more than a buffer.
  req.pause();
  req.read(0);
  const socket = req.socket;
  // Node ends a connection answered with `Connection: close` by destroySoon (end, then destroy): this one
  // is destroyed by the timer instead.
  Object.defineProperty(socket, 'destroySoon', { value: () => undefined, configurable: true });
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
  return true;
}

function refuse(req: IncomingMessage, res: ServerResponse, error: unknown, log: (line: string) => void): void {
  const coded = error instanceof AppError ? error : new AppError('internal.unexpected', { ref: 'upload' });
  if (!(error instanceof AppError)) log(`upload failed: ${error instanceof Error ? error.message : String(error)}`);
  log(`refused: ${coded.code}`);
  const close = holdThenClose(req);
  reply(res, coded.code === 'internal.unexpected' ? 500 : (STATUS[coded.code] ?? 400), { ok: false, error: toErrorPayload(coded) }, close);
}

export async function startUploadServer(options: UploadServerOptions): Promise<UploadServer> {
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  const bounds: UploadBounds = { ...UPLOAD_BOUNDS, ...options.bounds };
  const log = options.log ?? (() => undefined);
  const inbox = join(options.dir, 'inbox');
  const receipts = join(options.dir, 'receipts');
  for (const d of [inbox, receipts]) if (!existsSync(d)) mkdirSync(d, { recursive: true });
  const auth = new UploadAuthenticator({ db: options.session.store.db, clock: options.clock ?? options.session.clock, skewMs: bounds.skewMs });
  let active = 0;
  // Merges run one at a time, in arrival order.
  let queue: Promise<unknown> = Promise.resolve();

  const merge = (sender: UploadSender, file: string, size: number): Promise<unknown> => {
    const run = queue.then(async () => {
      const result = await mergeBundle(options.session, file, { expectSite: sender.siteId });
      const study = options.session.study.definition.id;
      const stored = join(inbox, bundleFileName(study, result.siteId, result.sequence, new Date(result.receipt.receipt.mergedAt)));
      // Renamed into place only once merged; the same bundle again leaves the first copy as it was.
      if (existsSync(stored)) rmSync(file, { force: true });
      else renameSync(file, stored);
      const receipt = join(receipts, receiptFileName(study, result.siteId, result.sequence));
      if (!existsSync(receipt)) writeFileAtomic(receipt, `${JSON.stringify(result.receipt, null, 2)}\n`);
      log(`${result.status} ${result.siteId} #${result.sequence} (${size} bytes)`);
      // The answer hands the site what is pending for it; the upload stands even if that cannot be made.
      const returned = await returnForUpload(options.session, options.dir, result.siteId, result.status === 'merged').catch((error: unknown) => {
        log(`no return bundle for ${result.siteId}: ${error instanceof AppError ? error.code : error instanceof Error ? error.message : String(error)}`);
        return null;
      });
      return { ...result, returned };
    });
    queue = run.catch(() => undefined);
    return run;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'GET' && path === '/health') return reply(res, 200, { ok: true });
    if (req.method !== 'POST' || path !== '/bundles') return refuse(req, res, new AppError('input.unknownChannel'), log);
    if (Number(req.headers['content-length'] ?? 0) > maxBytes) return refuse(req, res, new AppError('input.tooLarge'), log);
    const sender = await auth.check(req.method, path, req.headers);
    if (active >= bounds.maxConcurrent) {
      res.setHeader('retry-after', '5');
      throw new AppError('upload.busy', { max: bounds.maxConcurrent });
    }
    active += 1;
    let file: string | undefined;
    try {
      const body = await receiveBody(req, { dir: inbox, maxBytes, sha256: sender.bodySha256 });
      file = body.file;
      // Received: the merge may take longer than the idle timeout, with nothing on the wire.
      req.socket.setTimeout(0);
      const result = (await merge(sender, body.file, body.size)) as Awaited<ReturnType<typeof mergeBundle>> & { returned: UploadedReturn | null };
      reply(res, 200, { ok: true, status: result.status, siteId: result.siteId, sequence: result.sequence, counts: result.counts, receipt: result.receipt, returnBundle: result.returned });
    } finally {
      active -= 1;
      if (file) rmSync(file, { force: true });
    }
  }

  const server: Server = createServer(
    {
      cert: options.cert,
      key: options.key,
      minVersion: 'TLSv1.2',
      handshakeTimeout: bounds.headersTimeoutMs,
      headersTimeout: bounds.headersTimeoutMs,
      requestTimeout: bounds.bodyTimeoutMs,
      keepAliveTimeout: Math.min(5000, bounds.idleTimeoutMs),
      // Node checks the header and body timeouts on this interval: a fraction of the shortest one.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(Math.min(bounds.headersTimeoutMs, bounds.bodyTimeoutMs) / 4))),
    },
    (req, res) => {
      void handle(req, res).catch((error: unknown) => refuse(req, res, error, log));
    },
  );
  server.maxConnections = bounds.maxConnections;
  server.timeout = bounds.idleTimeoutMs;
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
