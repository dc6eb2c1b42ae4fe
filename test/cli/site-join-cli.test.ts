// `edc site join`: a stand-alone site made with `edc site init --site` joins the coordinating centre of a kit
// for its site code and then exports; a wrong or unconfirmed fingerprint exits 10 with the store unchanged.

import { join } from 'node:path';
import { issueSiteKit } from '../../src/core/central/issue-site-kit';
import { formatFingerprint } from '../../src/core/crypto/signing';
import { edc } from '../helpers/cli';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { MINI_STUDY_DIR } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ADMIN = { EDC_PASSWORD: 'admin-password-1' };

describe('edc site join', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let kit: string;
  let stores = 0;

  /** A stand-alone IT01 store of the mini study, made through the CLI. */
  async function standAlone(): Promise<string[]> {
    stores += 1;
    const db = join(tmp.dir, `site-${stores}.db`);
    expect((await edc(['site', 'init', '--db', db, '--site', 'IT01', '--study-dir', MINI_STUDY_DIR, '--admin', 'anna'], ADMIN)).code).toBe(0);
    return ['--db', db, '--user', 'anna'];
  }

  beforeAll(async () => {
    net = await createNetwork(join(tmp.dir, 'network'));
    kit = join(tmp.dir, 'IT01.kit.json');
    const central = await net.central();
    try {
      await issueSiteKit(central, { siteId: 'IT01', siteName: 'Ospedale IT01', outFile: kit });
    } finally {
      await central.close();
    }
  });
  afterAll(() => tmp.cleanup());

  it('joins with the fingerprint as read out, prints the site key fingerprint to send, and then exports', async () => {
    const store = await standAlone();
    const before = await edc(['export', ...store, '--out', join(tmp.dir, 'usb-before')], ADMIN);
    expect(before.code).toBe(10);
    const r = await edc(['site', 'join', ...store, '--kit', kit, '--coordinator-fingerprint', formatFingerprint(net.coordinatorFingerprint)], ADMIN);
    expect(r.code).toBe(0);
    expect(r.err).toContain(formatFingerprint(net.coordinatorFingerprint));
    expect(r.out).toMatch(/^Site IT01 joined the coordinating centre of study mini/);
    expect(r.out).toMatch(/Site signing key fingerprint[^\n]*:\n {4}[0-9a-f]{4}( [0-9a-f]{4}){15}$/m);
    const exported = await edc(['export', ...store, '--out', join(tmp.dir, 'usb')], ADMIN);
    expect(exported.code).toBe(0);
    expect(exported.out).toMatch(/mini_IT01_000001_\d{8}T\d{6}Z\.edcbundle/);
  });

  it('exits 10 on a fingerprint that is not the kit’s, and the site still cannot export', async () => {
    const store = await standAlone();
    const r = await edc(['site', 'join', ...store, '--kit', kit, '--coordinator-fingerprint', 'ab'.repeat(32)], ADMIN);
    expect(r.code).toBe(10);
    expect(r.err).toMatch(/coordinator fingerprint does not match/);
    expect((await edc(['export', ...store, '--out', join(tmp.dir, 'usb-refused')], ADMIN)).code).toBe(10);
  });

  it('exits 10 without a terminal when no fingerprint was given to confirm', async () => {
    const store = await standAlone();
    const r = await edc(['site', 'join', ...store, '--kit', kit], ADMIN);
    expect(r.code).toBe(10);
    expect(r.err).toMatch(/Confirm the coordinator fingerprint/);
  });
});
