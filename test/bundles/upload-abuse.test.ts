// The upload server under abuse, on 127.0.0.1, run in a child process whose peak memory is read: eight
// concurrent 400 MB uploads with no signature are refused before their bodies are read (each client is
// cut off after a few MB however long it goes on sending) and memory stays flat; twenty clients that
// trickle headers are closed by the timeout; more signed uploads than allowed at once are answered 503;
// a valid signed upload succeeds meanwhile, and nothing else is left in the inbox.

import { spawn, type ChildProcessWithoutNullStreams, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { uploadBundle, type UploadSigner } from '../../src/core/bundles/upload-client';
import { uploadSigner } from '../../src/core/bundles/upload-signer';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import type { UploadBounds } from '../../src/core/central/upload-server';
import { signUploadRequest } from '../../src/core/exchange/upload-request';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork, PASSPHRASE } from '../helpers/network';
import { tempDir } from '../helpers/temp';

const ROOT = join(__dirname, '..', '..');
const CHILD = join(__dirname, 'upload-server.child.ts');
const BOUNDS: Partial<UploadBounds> = { maxConcurrent: 4, headersTimeoutMs: 1000, bodyTimeoutMs: 4000, idleTimeoutMs: 1500 };
const MB = 1024 * 1024;
const HUGE = 400 * MB;
/** What a client can push before a server that stops reading holds it back: socket buffers both ends and the server's short drain. */
const UNREAD_BOUND = 32 * MB;
const PEAK_RSS_LIMIT = 300 * MB;

interface HostileResult {
  readonly status: number;
  readonly code: string | undefined;
  /** Bytes of body the client got onto the connection before it was closed. */
  readonly written: number;
}

/**
 * Declares a 400 MB body and keeps sending it over a raw TLS socket, paying no attention to the answer,
 * until the server closes the connection: how much it got onto the wire is what the server let in.
 */
function hostileUpload(port: number, ca: string): Promise<HostileResult> {
  return new Promise((resolve) => {
    let answer = '';
    let written = 0;
    let done = false;
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: '127.0.0.1' }, () => {
      socket.write(`POST /bundles HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${HUGE}\r\n\r\n`);
      pump();
    });
    const pump = (): void => {
      while (!done && written < HUGE) {
        written += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    const finish = (): void => {
      if (done) return;
      done = true;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      let code: string | undefined;
      try {
        code = (JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      resolve({ status, code, written });
    };
    socket.on('data', (c: Buffer) => (answer += c.toString('utf8')));
    socket.on('error', finish);
    socket.on('close', finish);
  });
}

/** A TLS client that sends the start of a request's headers and then nothing: resolves when the server closes it. */
function slowClient(port: number, ca: string): Promise<{ closed: boolean }> {
  return new Promise((resolve) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: '127.0.0.1' }, () => {
      socket.write('POST /bundles HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nX-Edc-Si');
    });
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ closed: true }));
  });
}

/** A signed upload that sends its headers and the first bytes of a body, then stalls. */
function stalledSignedUpload(port: number, ca: string, signer: UploadSigner): Promise<{ status: number; code: string | undefined }> {
  return new Promise((resolve) => {
    const headers = signUploadRequest(signer.privateKeyPem, { method: 'POST', path: '/bundles', siteId: signer.siteId, time: new Date().toISOString(), bodySha256: '0'.repeat(64) });
    let status = 0;
    let body = '';
    const req = request({ host: '127.0.0.1', port, path: '/bundles', method: 'POST', ca, agent: false, headers: { 'content-type': 'application/octet-stream', 'content-length': String(MB), ...headers } }, (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (c: Buffer) => (body += c.toString('utf8')));
      res.on('error', () => undefined);
    });
    const finish = (): void => {
      let code: string | undefined;
      try {
        code = (JSON.parse(body) as { error?: { code?: string } }).error?.code;
      } catch {
        code = undefined;
      }
      resolve({ status, code });
    };
    req.on('error', () => undefined);
    req.on('close', finish);
    req.write('age-encryption.org/v1\n');
  });
}

describe('the upload server under abuse (a child process)', () => {
  const tmp = tempDir();
  let child: ChildProcessWithoutNullStreams;
  let port = 0;
  let ca = '';
  let coordinatorDir = '';
  let valid = '';
  let signer: UploadSigner;
  const lines: string[] = [];
  let stderr = '';
  let waiters: ((line: string) => void)[] = [];

  const nextLine = (prefix: string): Promise<string> =>
    new Promise((resolve) => {
      const found = lines.findIndex((l) => l.startsWith(prefix));
      if (found >= 0) return resolve(lines.splice(found, 1)[0]!);
      waiters.push((line) => {
        if (line.startsWith(prefix)) resolve(line);
      });
    });
  const peakRss = async (): Promise<number> => {
    child.stdin.write('RSS\n');
    return Number((await nextLine('RSS ')).split(' ')[1]);
  };

  beforeAll(async () => {
    const keyFile = join(tmp.dir, 'key.pem');
    const certFile = join(tmp.dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', keyFile, '-out', certFile], { stdio: 'pipe' });
    ca = readFileSync(certFile, 'utf8');

    const net = await createNetwork(tmp.dir);
    coordinatorDir = net.coordinatorDir;
    const it01 = await net.addSite('IT01');
    const site = await it01.login('data_entry');
    const central = await net.central();
    try {
      await enrolSubjects(site, 2, { seed: 21 });
      await mergeBundle(central, (await exportBundle(site, join(tmp.dir, 'usb'))).file, { registerSites: new Map([['IT01', it01.fingerprint]]) });
      await enrolSubjects(site, 1, { seed: 22 });
      valid = (await exportBundle(site, join(tmp.dir, 'usb'))).file;
      signer = await uploadSigner(site);
    } finally {
      await central.close();
      await site.close();
    }

    child = spawn(process.execPath, ['-r', join(ROOT, 'scripts', 'register-ts.js'), CHILD, coordinatorDir, certFile, keyFile, JSON.stringify(BOUNDS)], {
      env: { ...process.env, EDC_PASSPHRASE: PASSPHRASE },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buffer = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stdout.on('data', (c: Buffer) => {
      buffer += c.toString('utf8');
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        const listening = waiters;
        waiters = [];
        lines.push(line);
        for (const w of listening) w(line);
      }
    });
    const ready = await Promise.race([nextLine('READY '), new Promise<string>((resolve) => child.once('exit', () => resolve(`EXIT ${stderr}`)))]);
    expect(ready).toMatch(/^READY \d+$/);
    port = Number(ready.split(' ')[1]);
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    }
    tmp.cleanup();
  });

  it('refuses 8 concurrent unsigned 400 MB uploads before reading their bodies, closes 20 slow clients, and merges a signed upload meanwhile, in ≤ 300 MB', async () => {
    const hostile = Array.from({ length: 8 }, () => hostileUpload(port, ca));
    const slow = Array.from({ length: 20 }, () => slowClient(port, ca));
    const good = uploadBundle(`https://127.0.0.1:${port}`, valid, { signer, ca, backoffMs: 10, retries: 0 });

    const refused = await Promise.all(hostile);
    for (const r of refused) {
      expect({ status: r.status, code: r.code }).toEqual({ status: 401, code: 'upload.unsigned' });
      // Cut off after a few MB however long it went on: the server never read the 400 MB.
      expect(r.written).toBeLessThan(UNREAD_BOUND);
    }
    expect(await good).toMatchObject({ status: 'merged', error: null, receipt: { receipt: { siteId: 'IT01', sequence: 2 } } });
    // Bounded by the jest timeout: without the header timeout these would never close.
    expect(await Promise.all(slow)).toEqual(Array.from({ length: 20 }, () => ({ closed: true })));

    expect(await peakRss()).toBeLessThanOrEqual(PEAK_RSS_LIMIT);
    expect(readdirSync(join(coordinatorDir, 'inbox'))).toEqual([expect.stringMatching(/^mini_IT01_000002_.*\.edcbundle$/)]);
  }, 120_000);

  it('answers signed uploads beyond the 4 allowed at once with 503, closes the stalled ones by the idle timeout, then serves again', async () => {
    const stalled = Array.from({ length: 4 }, () => stalledSignedUpload(port, ca, signer));
    // Let the four be admitted before the fifth arrives.
    await new Promise((r) => setTimeout(r, 300));
    const fifth = await stalledSignedUpload(port, ca, signer);
    expect(fifth).toEqual({ status: 503, code: 'upload.busy' });
    // The stalled four are closed by the server's timeouts (no answer reaches them, or a 408).
    const closed = await Promise.all(stalled);
    for (const c of closed) expect([0, 408]).toContain(c.status);
    expect(await uploadBundle(`https://127.0.0.1:${port}`, valid, { signer, ca, backoffMs: 10, retries: 0 })).toMatchObject({ status: 'unchanged', error: null });
    expect(readdirSync(join(coordinatorDir, 'inbox'))).toEqual([expect.stringMatching(/^mini_IT01_000002_.*\.edcbundle$/)]);
  }, 60_000);
});
