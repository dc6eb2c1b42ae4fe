// Upload over HTTPS (loopback, a self-signed certificate made by openssl here): a signed upload is
// merged and answered with a receipt the site accepts; a re-upload is an idempotent success; hostile
// uploads (unsigned, unknown site, bad signature, stale time, replayed, body not the one signed, junk,
// oversized) are refused with their codes, never stored, and the server goes on serving; the client
// retries network failures, refuses a certificate it does not trust, and `edc upload` summarises with its
// exit status. Abuse at volume (memory, slow clients) is in upload-abuse.test.ts.

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { basename, join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReceipt } from '../../src/core/bundles/import-receipt';
import { uploadBundle, type UploadOptions, type UploadOutcome, type UploadSigner } from '../../src/core/bundles/upload-client';
import { uploadSigner } from '../../src/core/bundles/upload-signer';
import { signUploadRequest } from '../../src/core/exchange/upload-request';
import { centralDigest } from '../../src/core/central/central-digest';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { startUploadServer, type UploadServer } from '../../src/core/central/upload-server';
import type { Session } from '../../src/core/store/session';
import { Receipt } from '../../src/shared/contract/bundles';
import { enrolSubjects } from '../helpers/bundle-data';
import { BundleForge, forgeKeys, newSigningKey, openBundle } from '../helpers/bundle-forge';
import { edc } from '../helpers/cli';
import { PASSWORDS, USERS } from '../helpers/site';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp';

const MAX_BYTES = 256 * 1024;

/** One POST of `body` with the given headers; the answer's status and JSON. */
function rawPost(url: string, ca: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/bundles`, { method: 'POST', ca, headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

function health(url: string, ca: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/health`, { ca }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('bundle upload over HTTPS', () => {
  const tmp = tempDir();
  const usb = join(tmp.dir, 'usb');
  const serverDir = join(tmp.dir, 'server');
  const inbox = join(serverDir, 'inbox');
  let net: TestNetwork;
  let central: Session;
  let site: Session;
  let server: UploadServer;
  let ca: string;
  let caFile: string;
  let siteDb: string;
  let signer: UploadSigner;
  let foreignSigner: UploadSigner;
  /** Signed as IT01, trusting the test CA, retrying fast. */
  const as = (extra: Partial<UploadOptions> = {}): UploadOptions => ({ signer, ca, backoffMs: 10, ...extra });
  const files: Record<'second' | 'foreign' | 'junk' | 'forged' | 'oversized', string> = { second: '', foreign: '', junk: '', forged: '', oversized: '' };

  const state = async (): Promise<{ digest: string; inbox: string[] }> => ({ digest: await centralDigest(central.store.db), inbox: readdirSync(inbox).sort() });

  beforeAll(async () => {
    const key = join(tmp.dir, 'key.pem');
    caFile = join(tmp.dir, 'cert.pem');
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', key, '-out', caFile], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`openssl could not make the test certificate (apt-get install -y openssl): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    ca = readFileSync(caFile, 'utf8');

    net = await createNetwork(tmp.dir);
    const it01 = await net.addSite('IT01');
    const it02 = await net.addSite('IT02');
    site = await it01.login('data_entry');
    siteDb = it01.dbFile;
    signer = await uploadSigner(site);
    central = await net.central();
    await enrolSubjects(site, 3, { seed: 11 });
    // The site is registered at its first merge (by file, after comparing fingerprints); later bundles travel over HTTPS.
    await mergeBundle(central, (await exportBundle(site, usb)).file, { registerSites: new Map([['IT01', it01.fingerprint]]) });
    await enrolSubjects(site, 1, { seed: 12 });
    files.second = (await exportBundle(site, usb)).file;

    const other = await it02.login('data_entry');
    try {
      foreignSigner = await uploadSigner(other);
      files.foreign = (await exportBundle(other, join(tmp.dir, 'it02'))).file;
    } finally {
      await other.close();
    }
    files.junk = join(tmp.dir, 'junk.edcbundle');
    writeFileSync(files.junk, 'this is not a bundle at all\n'.repeat(20));
    const keys = await forgeKeys(central, site);
    const forge = new BundleForge(await openBundle(readFileSync(files.second), keys.identity), keys);
    files.forged = join(tmp.dir, 'forged.edcbundle');
    writeFileSync(files.forged, await forge.forge({ manifest: (m) => ({ ...m, sequence: 9 }), signWith: newSigningKey().privateKeyPem }));
    files.oversized = join(tmp.dir, 'oversized.edcbundle');
    writeFileSync(files.oversized, Buffer.alloc(8 * MAX_BYTES, 1));

    server = await startUploadServer({ session: central, dir: serverDir, host: '127.0.0.1', port: 0, cert: readFileSync(caFile, 'utf8'), key: readFileSync(key, 'utf8'), maxBytes: MAX_BYTES, clock: () => new Date() });
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await site?.close();
    await central?.close();
    tmp.cleanup();
  });

  let accepted: UploadOutcome;

  it('merges an uploaded bundle, stores it in the inbox and answers with a receipt the site accepts', async () => {
    const digestBefore = await centralDigest(central.store.db);
    accepted = await uploadBundle(server.url, files.second, as());
    expect(accepted).toMatchObject({ status: 'merged', attempts: 1, error: null, receipt: { receipt: { siteId: 'IT01', sequence: 2 } } });
    expect(await centralDigest(central.store.db)).not.toBe(digestBefore);
    const stored = readdirSync(inbox);
    expect(stored).toHaveLength(1);
    expect(readFileSync(join(inbox, stored[0]!)).equals(readFileSync(files.second))).toBe(true);
    expect(Receipt.parse(JSON.parse(readFileSync(join(serverDir, 'receipts', readdirSync(join(serverDir, 'receipts'))[0]!), 'utf8')))).toEqual(accepted.receipt);
    const body = await importReceipt(site, accepted.receipt);
    expect(body).toMatchObject({ siteId: 'IT01', sequence: 2, counts: { subjects: 4, quarantined: 0 } });
  });

  it('answers a re-upload as an idempotent success with the same receipt, changing nothing', async () => {
    const before = await state();
    const again = await uploadBundle(server.url, files.second, as());
    expect(again).toMatchObject({ status: 'unchanged', attempts: 1, error: null });
    expect(again.receipt).toEqual(accepted.receipt);
    expect(await state()).toEqual(before);
  });

  it.each([
    ['junk bytes', 'junk', 'bundle.notABundle'],
    ['an upload signed by a site never registered', 'foreign', 'upload.unknownSite'],
    ['a bundle signed by another key', 'forged', 'bundle.badSignature'],
    ['a body larger than the server accepts', 'oversized', 'input.tooLarge'],
  ] as const)('refuses %s with its code, stores nothing and goes on serving', async (_what, file, code) => {
    const before = await state();
    const outcome = await uploadBundle(server.url, files[file], as({ signer: file === 'foreign' ? foreignSigner : signer }));
    expect(outcome).toMatchObject({ status: 'refused', attempts: 1, receipt: null, error: { code } });
    expect(await state()).toEqual(before);
    expect(await health(server.url, ca)).toBe(200);
    expect(await uploadBundle(server.url, files.second, as())).toMatchObject({ status: 'unchanged' });
  });

  describe('the request signature, checked before the body is read', () => {
    const signed = (over: { key?: string; site?: string; time?: Date; body?: Buffer } = {}): Record<string, string> =>
      signUploadRequest(over.key ?? signer.privateKeyPem, {
        method: 'POST',
        path: '/bundles',
        siteId: over.site ?? signer.siteId,
        time: (over.time ?? new Date()).toISOString(),
        bodySha256: sha256(over.body ?? readFileSync(files.second)),
      });

    it.each([
      ['an upload with no signature', () => ({}), 401, 'upload.unsigned'],
      ['an upload signed with a key other than the pinned one', () => signed({ key: newSigningKey().privateKeyPem }), 401, 'upload.badSignature'],
      ['an upload naming a site never registered', () => signed({ site: 'IT09' }), 401, 'upload.unknownSite'],
      ['an upload signed ten minutes ago', () => signed({ time: new Date(Date.now() - 10 * 60_000) }), 401, 'upload.staleRequest'],
      ['an upload signed ten minutes ahead', () => signed({ time: new Date(Date.now() + 10 * 60_000) }), 401, 'upload.staleRequest'],
      ['a body other than the one signed', () => signed({ body: readFileSync(files.forged) }), 400, 'upload.bodyMismatch'],
    ] as const)('refuses %s with its code and leaves nothing in the inbox', async (_what, headers, status, code) => {
      const before = await state();
      const answer = await rawPost(server.url, ca, headers(), readFileSync(files.second));
      expect(answer).toMatchObject({ status, json: { ok: false, error: { code } } });
      expect(await state()).toEqual(before);
    });

    it('accepts a signed request once: the same headers again are refused as replayed', async () => {
      const headers = signed();
      expect(await rawPost(server.url, ca, headers, readFileSync(files.second))).toMatchObject({ status: 200, json: { ok: true, status: 'unchanged' } });
      const before = await state();
      expect(await rawPost(server.url, ca, headers, readFileSync(files.second))).toMatchObject({ status: 401, json: { error: { code: 'upload.replayed' } } });
      expect(await state()).toEqual(before);
    });

    it("refuses a site's signed upload of another site's bundle, storing nothing", async () => {
      const before = await state();
      const body = readFileSync(files.foreign);
      expect(await rawPost(server.url, ca, signed({ body }), body)).toMatchObject({ status: 403, json: { error: { code: 'upload.siteMismatch' } } });
      expect(await state()).toEqual(before);
    });
  });

  it('refuses a signed body sent without a length (chunked) once it grows past the limit, and goes on serving', async () => {
    const before = await state();
    const chunk = Buffer.alloc(64 * 1024, 2);
    Buffer.from('age-encryption.org/v1\n').copy(chunk);
    const total = 2 * MAX_BYTES;
    const hash = createHash('sha256');
    for (let sent = 0; sent < total; sent += chunk.length) hash.update(chunk);
    const headers = signUploadRequest(signer.privateKeyPem, { method: 'POST', path: '/bundles', siteId: signer.siteId, time: new Date().toISOString(), bodySha256: hash.digest('hex') });
    const answer = await new Promise<{ status: number; body: string }>((resolve) => {
      const req = request(`${server.url}/bundles`, { method: 'POST', ca, headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      // The server closes the connection once it answers: later writes may fail.
      req.on('error', () => undefined);
      let sent = 0;
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'input.tooLarge' } });
    expect(await state()).toEqual(before);
    expect(await health(server.url, ca)).toBe(200);
  });

  it('fails with upload.failed after the configured retries when nobody listens', async () => {
    const port = await freePort();
    const started = Date.now();
    const outcome = await uploadBundle(`https://127.0.0.1:${port}`, files.second, as({ retries: 3 }));
    expect(outcome).toMatchObject({ status: 'failed', attempts: 4, receipt: null, error: { code: 'upload.failed' } });
    expect(outcome.error?.message).toMatch(/ECONNREFUSED/);
    // Backoff 10 + 20 + 40 ms between the four attempts.
    expect(Date.now() - started).toBeGreaterThanOrEqual(70);
  });

  it('refuses a self-signed server it was not given the CA of, at once, and the server goes on serving', async () => {
    const before = await state();
    const outcome = await uploadBundle(server.url, files.second, { signer, backoffMs: 10 });
    expect(outcome).toMatchObject({ status: 'failed', attempts: 1, receipt: null, error: { code: 'upload.failed' } });
    expect(outcome.error?.message).toMatch(/certificate/i);
    expect(await state()).toEqual(before);
    expect(await health(server.url, ca)).toBe(200);
  });

  it('refuses a plain http:// address before sending anything', async () => {
    await expect(uploadBundle(server.url.replace('https:', 'http:'), files.second, as())).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('`edc upload --to URL --ca F` prints a summary, writes receipts beside the bundles and exits 0, or 12 when one is refused', async () => {
    const good = await edc(['upload', '--db', siteDb, '--user', USERS.data_entry, '--to', server.url, '--ca', caFile, files.second], { EDC_PASSWORD: PASSWORDS.data_entry });
    expect(good.code).toBe(0);
    expect(good.out).toMatch(new RegExp(`${basename(files.second)}\\s+unchanged\\s+1\\s+#2 `));
    expect(Receipt.parse(JSON.parse(readFileSync(`${files.second}.receipt.json`, 'utf8')))).toEqual(accepted.receipt);

    const before = await state();
    const mixed = await edc(['upload', '--db', siteDb, '--user', USERS.data_entry, '--to', server.url, '--ca', caFile, '--retries', '0', files.second, files.junk], { EDC_PASSWORD: PASSWORDS.data_entry });
    expect(mixed.code).toBe(12);
    expect(mixed.out).toMatch(new RegExp(`${basename(files.junk)}\\s+refused\\s+1\\s+\\[bundle\\.notABundle\\]`));
    expect(mixed.err).toMatch(/error \[upload\.failed\].*1 of 2 bundles not accepted/);
    expect(existsSync(`${files.junk}.receipt.json`)).toBe(false);
    expect(await state()).toEqual(before);
  });
});
