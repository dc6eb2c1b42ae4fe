// Periodic exchange with a fake clock: an export when the interval has passed (and only then), one missed
// while the app was closed made at login, one due at logout made before the store closes; uploads queued
// persistently, retried with backoff while the centre's HTTPS server is down and delivered when it is back,
// the receipt imported; every automatic export and upload in the audit trail; no request without an address.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppContext } from '../../src/core/api/app-context';
import { dispatch } from '../../src/core/api/dispatch';
import { runExchangeCycle, uploadBackoffMs, type Uploader } from '../../src/core/bundles/exchange-cycle';
import { setExchangeSettings } from '../../src/core/bundles/exchange-settings';
import { exchangeStatus } from '../../src/core/bundles/exchange-status';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { uploadBundle } from '../../src/core/bundles/upload-client';
import { setUploadUrl } from '../../src/core/bundles/upload-settings';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { startUploadServer, type UploadServer } from '../../src/core/central/upload-server';
import type { Session } from '../../src/core/store/session';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { studyModules } from '../../src/studies';
import { enrolSubjects } from '../helpers/bundle-data';
import { edc } from '../helpers/cli';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { PASSWORDS, USERS } from '../helpers/site';
import { freePort } from '../helpers/free-port';
import { tempDir } from '../helpers/temp';

const DAY = 86_400_000;

async function auditActions(session: Session, action: string): Promise<Record<string, unknown>[]> {
  const entries = await auditPage(session.store.db, 0, 100_000);
  return entries.filter((e) => e.action === action).map((e) => JSON.parse(e.details ?? '{}') as Record<string, unknown>);
}

/** The real HTTPS client, counting the requests it is asked to make. */
function countingUploader(): { upload: Uploader; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    upload: (url, file, options) => {
      calls.push(file);
      return uploadBundle(url, file, options);
    },
  };
}

describe('periodic exchange', () => {
  const tmp = tempDir();
  const folder = join(tmp.dir, 'usb');
  let net: TestNetwork;
  let site: { dbFile: string; fingerprint: string; login(role: keyof typeof USERS): Promise<Session> };
  let admin: Session;
  let now = Date.parse('2026-11-25T10:00:00.000Z');
  const setNow = (ms: number): void => {
    now = ms;
    net.setNow(new Date(ms).toISOString());
  };

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    site = await net.addSite('IT01');
    admin = await site.login('admin');
    await enrolSubjects(admin, 2, { seed: 3 });
  }, 60_000);

  afterAll(async () => {
    await admin?.close();
    tmp.cleanup();
  });

  it('exports nothing and makes no request while no interval and no address are set', async () => {
    const client = countingUploader();
    const result = await runExchangeCycle(admin, { upload: client.upload });
    expect(result.exported).toBeNull();
    expect(result.uploads).toEqual([]);
    expect(client.calls).toEqual([]);
    expect(result.status).toMatchObject({ settings: { intervalDays: null, folder: null }, dueAt: null, overdue: false, lastExport: null, changes: { subjects: 2 } });
  });

  it('refuses a forced export with no folder set, with its own code', async () => {
    await expect(runExchangeCycle(admin, { force: true })).rejects.toMatchObject({ code: 'export.noFolder' });
  });

  it('exports when the interval has passed and only then, each export audited, with the changes not yet exported', async () => {
    const client = countingUploader();
    await setExchangeSettings(admin, { intervalDays: 14, folder });
    const first = await runExchangeCycle(admin, { upload: client.upload });
    expect(first.exported).toMatchObject({ sequence: 1 });
    expect(first.status).toMatchObject({ lastExport: { sequence: 1 }, changes: { subjects: 0, entries: 0 }, overdue: false, dueAt: new Date(now + 14 * DAY).toISOString() });

    setNow(now + 13 * DAY);
    await enrolSubjects(admin, 1, { seed: 4 });
    const early = await runExchangeCycle(admin, { upload: client.upload });
    expect(early.exported).toBeNull();
    expect(early.status).toMatchObject({ overdue: false, changes: { subjects: 1 } });

    setNow(now + 1 * DAY);
    expect((await exchangeStatus(admin)).overdue).toBe(true);
    const due = await runExchangeCycle(admin, { upload: client.upload });
    expect(due.exported).toMatchObject({ sequence: 2 });
    expect(readdirSync(folder).filter((f) => f.endsWith('.edcbundle'))).toHaveLength(2);
    expect(await auditActions(admin, 'exchange.export')).toEqual([expect.objectContaining({ sequence: 1, automatic: true }), expect.objectContaining({ sequence: 2, automatic: true })]);
    expect(client.calls).toEqual([]);
  });

  describe('uploads', () => {
    let server: UploadServer | undefined;
    let ca = '';
    let cert = '';
    let key = '';
    let port = 0;

    beforeAll(async () => {
      const keyFile = join(tmp.dir, 'key.pem');
      const certFile = join(tmp.dir, 'cert.pem');
      execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', keyFile, '-out', certFile], { stdio: 'pipe' });
      cert = readFileSync(certFile, 'utf8');
      key = readFileSync(keyFile, 'utf8');
      ca = cert;
      // The centre registers the site from its first bundle, brought by hand; later ones travel over HTTPS.
      const central = await net.central();
      try {
        await mergeBundle(central, (await exportBundle(admin, join(tmp.dir, 'by-hand'))).file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      } finally {
        await central.close();
      }
      port = await freePort();
      await setUploadUrl(admin, `https://127.0.0.1:${port}`, ca);
    }, 60_000);

    afterAll(async () => {
      await server?.close();
    });

    it('queues the export, retries with growing waits while the centre is unreachable, and keeps the bundle queued', async () => {
      const client = countingUploader();
      const cycle = await runExchangeCycle(admin, { force: true, upload: client.upload });
      expect(cycle.exported).toMatchObject({ sequence: 4 });
      expect(cycle.uploads).toEqual([expect.objectContaining({ sequence: 4, state: 'retry', attempts: 1 })]);
      expect(cycle.status.queue).toMatchObject({ pending: 1, nextAttemptAt: new Date(now + uploadBackoffMs(1)).toISOString() });

      // Before the wait is over nothing is sent.
      setNow(now + 30_000);
      expect((await runExchangeCycle(admin, { upload: client.upload })).uploads).toEqual([]);
      expect(client.calls).toHaveLength(1);

      setNow(now + 31_000);
      const second = await runExchangeCycle(admin, { upload: client.upload });
      expect(second.uploads).toEqual([expect.objectContaining({ state: 'retry', attempts: 2 })]);
      expect(second.status.queue.nextAttemptAt).toBe(new Date(now + 2 * 60_000).toISOString());
      expect(uploadBackoffMs(20)).toBe(6 * 60 * 60_000);
    });

    it('delivers the queued bundle once the server is back, imports its receipt and audits the upload', async () => {
      const central = await net.central();
      try {
        server = await startUploadServer({ session: central, dir: join(tmp.dir, 'server'), host: '127.0.0.1', port, cert, key });
        setNow(now + 2 * 60_000);
        const client = countingUploader();
        const cycle = await runExchangeCycle(admin, { upload: client.upload });
        expect(cycle.uploads).toEqual([expect.objectContaining({ sequence: 4, state: 'done', attempts: 3, error: null })]);
        expect(cycle.status).toMatchObject({ queue: { pending: 0 }, lastReceipt: { sequence: 4 } });
        expect(await auditActions(admin, 'exchange.upload')).toEqual([
          expect.objectContaining({ sequence: 4, state: 'retry', attempts: 1 }),
          expect.objectContaining({ sequence: 4, state: 'retry', attempts: 2 }),
          expect.objectContaining({ sequence: 4, state: 'done', attempts: 3 }),
        ]);
        expect((await runExchangeCycle(admin, { upload: client.upload })).uploads).toEqual([]);
        expect(client.calls).toHaveLength(1);
      } finally {
        await server?.close();
        server = undefined;
        await central.close();
      }
    }, 60_000);
  });

  describe('in the app', () => {
    const contexts: AppContext[] = [];
    const appFor = (dataDir: string, upload: Uploader): AppContext => {
      const ctx = new AppContext({ dataDir, modules: studyModules, clock: net.clock, upload });
      contexts.push(ctx);
      return ctx;
    };
    afterAll(async () => {
      for (const ctx of contexts) await ctx.dispose();
    });

    it('makes at login an export missed while the app was closed, and at logout one that fell due meanwhile', async () => {
      await setUploadUrl(admin, null);
      const last = (await exchangeStatus(admin)).lastExport!.sequence;
      await admin.close();
      setNow(now + 15 * DAY);
      const client = countingUploader();
      const ctx = appFor(join(tmp.dir, 'sites', 'IT01'), client.upload);
      expect(await dispatch(ctx, 'auth:login', { username: USERS.data_entry, password: PASSWORDS.data_entry })).toMatchObject({ ok: true });
      await ctx.exchangeSettled();
      const atLogin = await dispatch(ctx, 'exchange:status', {});
      expect(atLogin).toMatchObject({ ok: true, value: { lastExport: { sequence: last + 1 }, overdue: false } });

      setNow(now + 14 * DAY);
      expect(await dispatch(ctx, 'auth:logout', {})).toMatchObject({ ok: true });
      admin = await site.login('admin');
      expect((await exchangeStatus(admin)).lastExport).toMatchObject({ sequence: last + 2 });
      expect(client.calls).toEqual([]);
    });

    it('sets the interval and folder from Settings for admins only, and runs a cycle on demand', async () => {
      const ctx = appFor(join(tmp.dir, 'sites', 'IT01'), countingUploader().upload);
      await dispatch(ctx, 'auth:login', { username: USERS.data_entry, password: PASSWORDS.data_entry });
      expect(await dispatch(ctx, 'exchange:setSettings', { intervalDays: 7, folder })).toMatchObject({ ok: false, error: { code: 'role.forbidden' } });
      await dispatch(ctx, 'auth:login', { username: USERS.admin, password: PASSWORDS.admin });
      expect(await dispatch(ctx, 'exchange:setSettings', { intervalDays: 0, folder })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
      expect(await dispatch(ctx, 'exchange:setSettings', { intervalDays: 7, folder })).toMatchObject({ ok: true, value: { settings: { intervalDays: 7, folder } } });
      const run = await dispatch(ctx, 'exchange:run', { force: true });
      expect(run).toMatchObject({ ok: true, value: { exported: { sequence: expect.any(Number) }, uploads: [] } });
    });
  });

  describe('edc exchange', () => {
    it('prints the status as JSON, changes the settings and runs one cycle', async () => {
      const env = { EDC_PASSWORD: PASSWORDS.admin };
      const settings = await edc(['exchange', 'settings', '--db', site.dbFile, '--user', USERS.admin, '--interval', '30', '--folder', folder], env);
      expect(settings).toMatchObject({ code: 0 });
      expect(settings.out).toContain('30 days');
      const status = await edc(['exchange', 'status', '--db', site.dbFile, '--user', USERS.admin, '--json'], env);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.out)).toMatchObject({ settings: { intervalDays: 30, folder }, overdue: false, queue: { pending: 0 } });
      const run = await edc(['exchange', 'run', '--db', site.dbFile, '--user', USERS.admin, '--force'], env);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/bundle \d+ exported/);
      const bad = await edc(['exchange', 'settings', '--db', site.dbFile, '--user', USERS.admin, '--interval', 'often'], env);
      expect(bad.code).toBe(2);
    });
  });
});
