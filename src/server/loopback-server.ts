// The loopback transport: the same contract over HTTP on 127.0.0.1 only, for end-to-end tests in a real
// browser and for machines where Electron cannot run. It treats the local browser as hostile ground:
// exact Host (DNS rebinding), no foreign Origin, a per-launch token in a header on every API call; slow or
// idle clients are closed by timeouts and the number of open connections is capped.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type Logger } from '../core/api/dispatch';
import type { AppContext } from '../core/api/app-context';
import { AppError, toErrorPayload } from '../shared/errors/app-error';
import { problemDetail } from '../shared/errors/codes';
import { SECURITY_HEADERS } from '../shared/security/csp';
import { readStatic } from './static-files';

export const TOKEN_HEADER = 'x-edc-token';
const MAX_BODY = 4 * 1024 * 1024;

/** How long a client may take and how many may be connected at once (tests use short timeouts). */
export interface LoopbackBounds {
  /** Time to send the complete request headers (a client trickling headers is answered 408 and closed). */
  readonly headersTimeoutMs: number;
  /** Time to send the complete request, body included. */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  readonly keepAliveTimeoutMs: number;
  /** A connection with no traffic at all for this long is closed (longer than any single API call). */
  readonly idleTimeoutMs: number;
  /** Connections beyond this many are closed as they arrive. */
  readonly maxConnections: number;
}

// A browser opens about six connections per origin, but test clients (undici) open one per request in flight.
export const LOOPBACK_BOUNDS: LoopbackBounds = { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, idleTimeoutMs: 120_000, maxConnections: 512 };

export interface LoopbackServer {
  readonly url: string;
  /** The URL to open: the token travels in the fragment, which browsers never send to a server. */
  readonly launchUrl: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, error: AppError): void {
  send(res, status, JSON.stringify({ ok: false, error: toErrorPayload(error) }), 'application/json', { 'Cache-Control': 'no-store' });
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        // Stop buffering; the caller answers 413 and closes the connection.
        req.removeAllListeners('data');
        req.pause();
        reject(new AppError('input.tooLarge'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startLoopbackServer(options: { ctx: AppContext; rendererDir: string; port?: number; log?: Logger; bounds?: Partial<LoopbackBounds> }): Promise<LoopbackServer> {
  const token = randomBytes(32).toString('hex');
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let origin = '';
  let host = '';

  const bounds: LoopbackBounds = { ...LOOPBACK_BOUNDS, ...options.bounds };
  const server: Server = createServer(
    {
      headersTimeout: bounds.headersTimeoutMs,
      requestTimeout: bounds.requestTimeoutMs,
      keepAliveTimeout: bounds.keepAliveTimeoutMs,
      // Node checks the header and request timeouts on this interval: a fraction of the shortest one.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(Math.min(bounds.headersTimeoutMs, bounds.requestTimeoutMs) / 4))),
    },
    (req, res) => {
      void handle(req, res).catch(() => {
        if (!res.headersSent) sendError(res, 500, new AppError('internal.unexpected', { ref: 'http' }));
      });
    },
  );
  server.maxConnections = bounds.maxConnections;
  server.timeout = bounds.idleTimeoutMs;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page from another name resolving to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== host) return sendError(res, 421, new AppError('input.invalid', { issues: problemDetail('wrongHost') }));
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== origin) return sendError(res, 403, new AppError('input.invalid', { issues: problemDetail('foreignOrigin') }));
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return sendError(res, 405, new AppError('input.invalid', { issues: problemDetail('postOnly') }));
      const tokenHeader = req.headers[TOKEN_HEADER];
      if (!sameToken(typeof tokenHeader === 'string' ? tokenHeader : undefined, token)) return sendError(res, 401, new AppError('auth.notLoggedIn'));
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendError(res, 415, new AppError('input.invalid', { issues: problemDetail('jsonOnly') }));
      if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) {
        res.setHeader('Connection', 'close');
        return sendError(res, 413, new AppError('input.tooLarge'));
      }
      let raw: unknown;
      try {
        const body = await readBody(req);
        raw = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as unknown);
      } catch (error) {
        if (error instanceof AppError && error.code === 'input.tooLarge') {
          res.setHeader('Connection', 'close');
          return sendError(res, 413, error);
        }
        return sendError(res, 400, error instanceof AppError ? error : new AppError('input.json', { detail: problemDetail('requestBody') }));
      }
      const channel = decodeURIComponent(path.slice('/api/'.length));
      const result = await dispatch(options.ctx, channel, raw, log);
      return send(res, 200, JSON.stringify(result), 'application/json', { 'Cache-Control': 'no-store' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, new AppError('input.invalid', { issues: problemDetail('getOnly') }));
    const file = readStatic(options.rendererDir, path);
    if (!file) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
    return send(res, 200, file.body, file.type, { 'Cache-Control': 'no-cache' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  origin = `http://${host}`;
  return {
    url: origin,
    launchUrl: `${origin}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
