// The app's entries for kits, through the dispatcher both transports use: a kit inspected and a site created
// from it at first run, a stand-alone site joining a centre from Settings, and what is refused when.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppContext } from '../../src/core/api/app-context';
import { dispatch } from '../../src/core/api/dispatch';
import { issueSiteKit } from '../../src/core/central/issue-site-kit';
import { formatFingerprint } from '../../src/core/crypto/signing';
import { studyModules } from '../../src/studies';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { createTestSite, PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ADMIN = { username: 'anna', displayName: 'Anna Admin', password: 'admin-password-1' };

describe('kit entries of the app', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  const kitFile = (siteId: string): string => join(tmp.dir, `${siteId}.kit.json`);
  const contexts: AppContext[] = [];

  function appOn(name: string): AppContext {
    const ctx = new AppContext({ dataDir: join(tmp.dir, name), modules: studyModules, clock: net.clock });
    contexts.push(ctx);
    return ctx;
  }

  beforeAll(async () => {
    net = await createNetwork(join(tmp.dir, 'network'));
    const central = await net.central();
    try {
      for (const site of ['IT01', 'IT02']) await issueSiteKit(central, { siteId: site, siteName: `Ospedale ${site}`, outFile: kitFile(site) });
    } finally {
      await central.close();
    }
  });
  afterAll(async () => {
    for (const ctx of contexts) await ctx.dispose();
    tmp.cleanup();
  });

  it('shows at first run what a kit file says: site, study and the coordinator fingerprint to confirm', async () => {
    const ctx = appOn('inspect');
    expect(await dispatch(ctx, 'kit:inspect', { file: kitFile('IT01') })).toEqual({
      ok: true,
      value: expect.objectContaining({ siteId: 'IT01', siteName: 'Ospedale IT01', study: expect.objectContaining({ id: 'mini' }), coordinatorFingerprint: net.coordinatorFingerprint }),
    });
    expect(await dispatch(ctx, 'kit:inspect', { file: join(tmp.dir, 'no-such.kit.json') })).toMatchObject({ ok: false, error: { code: 'input.file' } });
    expect(ctx.initialized).toBe(false);
  });

  it('creates the site from the kit file with the fingerprint as read out, logs its admin in, and the site can export', async () => {
    const ctx = appOn('first-run');
    const created = await dispatch(ctx, 'site:initFromKit', { file: kitFile('IT01'), coordinatorFingerprint: formatFingerprint(net.coordinatorFingerprint), admin: ADMIN });
    expect(created).toMatchObject({ ok: true, value: { session: { username: ADMIN.username, role: 'admin', siteId: 'IT01', siteName: 'Ospedale IT01' } } });
    const siteFingerprint = created.ok ? (created.value as { siteFingerprint: string }).siteFingerprint : '';
    expect(await dispatch(ctx, 'export:status', {})).toMatchObject({ ok: true, value: { canExport: true, siteFingerprint, coordinatorFingerprint: net.coordinatorFingerprint } });
    let job = await dispatch(ctx, 'export:start', { folder: join(tmp.dir, 'usb') });
    const jobId = job.ok ? (job.value as { id: string }).id : '';
    while (job.ok && (job.value as { state: string }).state === 'running') {
      await new Promise((done) => setTimeout(done, 50));
      job = await dispatch(ctx, 'jobs:get', { jobId });
    }
    expect(job).toMatchObject({ ok: true, value: { state: 'done', result: { sequence: 1 } } });
  });

  it('refuses a second set-up with store.exists, and once the store exists reads kits only for a logged-in user', async () => {
    const ctx = appOn('first-run');
    await dispatch(ctx, 'auth:logout', {});
    expect(await dispatch(ctx, 'kit:inspect', { file: kitFile('IT01') })).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
    expect(await dispatch(ctx, 'site:initFromKit', { file: kitFile('IT01'), coordinatorFingerprint: net.coordinatorFingerprint, admin: ADMIN })).toMatchObject({ ok: false, error: { code: 'store.exists' } });
  });

  it('refuses at first run a fingerprint that is not the kit’s with bundle.fingerprintMismatch and creates nothing', async () => {
    const ctx = appOn('mismatch');
    expect(await dispatch(ctx, 'site:initFromKit', { file: kitFile('IT01'), coordinatorFingerprint: 'ab'.repeat(32), admin: ADMIN })).toMatchObject({ ok: false, error: { code: 'bundle.fingerprintMismatch' } });
    expect(ctx.initialized).toBe(false);
  });

  it('lets a stand-alone site’s admin check a kit for joining, then join the centre from Settings', async () => {
    const dir = join(tmp.dir, 'stand-alone');
    mkdirSync(dir);
    await createTestSite(dir, { siteId: 'IT01' });
    const ctx = appOn('stand-alone');
    await dispatch(ctx, 'auth:login', { username: USERS.admin, password: PASSWORDS.admin });
    expect(await dispatch(ctx, 'export:status', {})).toMatchObject({ ok: true, value: { canExport: false } });
    expect(await dispatch(ctx, 'kit:inspect', { file: kitFile('IT02'), forJoin: true })).toMatchObject({ ok: false, error: { code: 'bundle.kitOtherSite' } });
    expect(await dispatch(ctx, 'kit:inspect', { file: kitFile('IT01'), forJoin: true })).toMatchObject({ ok: true, value: { siteId: 'IT01' } });
    const joined = await dispatch(ctx, 'site:joinCentre', { file: kitFile('IT01'), coordinatorFingerprint: net.coordinatorFingerprint.toUpperCase() });
    expect(joined).toMatchObject({ ok: true, value: { siteId: 'IT01', coordinatorFingerprint: net.coordinatorFingerprint } });
    expect(await dispatch(ctx, 'export:status', {})).toMatchObject({ ok: true, value: { canExport: true, coordinatorFingerprint: net.coordinatorFingerprint } });
    expect(await dispatch(ctx, 'site:joinCentre', { file: kitFile('IT01'), coordinatorFingerprint: net.coordinatorFingerprint })).toMatchObject({ ok: false, error: { code: 'bundle.alreadyJoined' } });
  });
});
