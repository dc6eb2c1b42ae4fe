// Sending bundles to the coordinating centre over HTTPS (when a network exists): one POST per bundle,
// signed with the site's key (upload-request.ts) so the centre knows the sender before reading the body,
// streamed from the file, the server's certificate checked (optionally against a given CA), retries with
// backoff for network failures and server errors (a busy centre included), never for refusals. The answer
// to an accepted upload may carry the site's return bundle (answered-return.ts).

import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:https';
import { basename } from 'node:path';
import { signUploadRequest } from '../exchange/upload-request';
import { Receipt } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';
import { answeredReturn, type AnsweredReturn } from './answered-return';

/** The site whose key signs the requests. */
export interface UploadSigner {
  readonly siteId: string;
  readonly privateKeyPem: string;
}

export interface UploadOptions {
  readonly signer: UploadSigner;
  /** The time put in the signature (the centre accepts a few minutes of skew). */
  readonly clock?: () => Date;
  readonly ca?: string;
  readonly retries?: number;
  /** First backoff delay; doubled after each failed attempt. */
  readonly backoffMs?: number;
  readonly timeoutMs?: number;
}

export interface UploadOutcome {
  readonly file: string;
  readonly status: 'merged' | 'unchanged' | 'refused' | 'failed';
  readonly attempts: number;
  readonly receipt: Receipt | null;
  readonly error: { code: string; message: string } | null;
  /** The return bundle the answer carried (to import with importUploadedReturn), if any. */
  readonly returnBundle?: AnsweredReturn | null;
}

interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

interface Body {
  readonly file: string;
  readonly size: number;
  readonly sha256: string;
}

function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

function post(url: URL, body: Body, name: string, options: UploadOptions): Promise<HttpAnswer> {
  // Signed afresh for each attempt: the centre accepts a signed request once, within its time window.
  const signature = signUploadRequest(options.signer.privateKeyPem, {
    method: 'POST',
    path: url.pathname,
    siteId: options.signer.siteId,
    time: (options.clock ?? (() => new Date()))().toISOString(),
    bodySha256: body.sha256,
  });
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': body.size, 'x-edc-bundle-name': name, ...signature },
        ...(options.ca ? { ca: options.ca } : {}),
        rejectUnauthorized: true,
        timeout: options.timeoutMs ?? 120_000,
      },
      (res) => {
        answered = true;
        // Answered before the whole body went (a refusal): stop sending.
        if (!req.writableFinished) {
          source.unpipe(req);
          source.destroy();
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          if (!req.writableFinished) req.destroy();
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    const source = createReadStream(body.file);
    req.on('timeout', () => req.destroy(new Error('timed out')));
    // A refusal may arrive while the body is still being sent; the centre then closes the connection.
    req.on('error', (error) => {
      source.destroy();
      if (!answered) reject(error);
    });
    source.on('error', (error) => req.destroy(error));
    source.pipe(req);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function bundlesEndpoint(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new AppError('input.invalid', { issues: problemDetail('notAUrl', { url: baseUrl }) });
  }
  if (url.protocol !== 'https:') throw new AppError('input.invalid', { issues: problemDetail('httpsOnly') });
  return new URL(url.pathname.endsWith('/bundles') ? url.pathname : `${url.pathname.replace(/\/$/, '')}/bundles`, url);
}

export async function uploadBundle(baseUrl: string, file: string, options: UploadOptions): Promise<UploadOutcome> {
  const url = bundlesEndpoint(baseUrl);
  let body: Body;
  try {
    body = { file, size: statSync(file).size, sha256: await fileSha256(file) };
  } catch {
    throw new AppError('input.file', { file });
  }
  const retries = options.retries ?? 4;
  let delay = options.backoffMs ?? 1000;
  let lastError = '';
  let attempts = 0;
  for (let attempt = 1; attempt <= retries + 1; attempt += 1) {
    attempts = attempt;
    try {
      const answer = await post(url, body, basename(file), options);
      let json: unknown;
      try {
        json = JSON.parse(answer.body);
      } catch {
        json = undefined;
      }
      const payload = json as { ok?: boolean; status?: 'merged' | 'unchanged'; receipt?: unknown; error?: { code?: string; message?: string } } | undefined;
      if (answer.status === 200 && payload?.ok) {
        const receipt = Receipt.safeParse(payload.receipt);
        if (!receipt.success) throw new Error('the answer carried no valid receipt');
        return { file: basename(file), status: payload.status === 'unchanged' ? 'unchanged' : 'merged', attempts: attempt, receipt: receipt.data, error: null, returnBundle: answeredReturn(json) };
      }
      if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
        return {
          file: basename(file),
          status: 'refused',
          attempts: attempt,
          receipt: null,
          error: { code: payload?.error?.code ?? `http.${answer.status}`, message: payload?.error?.message ?? `HTTP ${answer.status}` },
        };
      }
      lastError = `HTTP ${answer.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
      // A certificate the client does not trust will not improve with retries.
      if (/certificate|self[- ]signed|CERT_|unable to verify/i.test(lastError)) break;
    }
    if (attempt <= retries) {
      await sleep(delay);
      delay *= 2;
    }
  }
  return { file: basename(file), status: 'failed', attempts, receipt: null, error: { code: 'upload.failed', message: new AppError('upload.failed', { url: url.origin, detail: lastError }).message } };
}
