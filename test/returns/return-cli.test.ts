// `edc merge` offers the return bundle, `edc return export` writes it and `edc return import` applies it at
// the site (the second time: nothing changed); a site the centre never merged exits with code 14.

import { join } from 'node:path';
import { edc } from '../helpers/cli';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { PASSWORDS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('edc return export and import', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  const env = { EDC_PASSPHRASE: PASSPHRASE, EDC_PASSWORD: PASSWORDS.admin };

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
  });
  afterAll(() => tmp.cleanup());

  it('offers the return bundle after a merge, writes it, and the site imports it once', async () => {
    const site = await net.addSite('IT01');
    const store = ['--db', site.dbFile, '--user', 'anna'];
    expect((await edc(['export', ...store, '--out', join(tmp.dir, 'usb')], env)).code).toBe(0);
    const merged = await edc(['merge', '--dir', net.coordinatorDir, '--register-site', `IT01:${site.fingerprint}`, join(tmp.dir, 'usb')], env);
    expect(merged.code).toBe(0);
    expect(merged.out).toContain(`edc return export --dir ${net.coordinatorDir} --site IT01 --out DIR`);
    const written = await edc(['return', 'export', '--dir', net.coordinatorDir, '--site', 'IT01', '--out', join(tmp.dir, 'back')], env);
    expect(written.code).toBe(0);
    const file = /return bundle\s+(\S+\.edcreturn)/.exec(written.out)![1]!;
    const imported = await edc(['return', 'import', ...store, file], env);
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(/status\s+applied/);
    expect(imported.out).toMatch(/receipts\s+1/);
    const again = await edc(['return', 'import', ...store, file], env);
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/already imported: nothing changed/);
  });

  it('exits 14 (return.unknownSite) for a site whose bundles the centre never merged', async () => {
    await net.addSite('IT03');
    const r = await edc(['return', 'export', '--dir', net.coordinatorDir, '--site', 'IT03', '--out', join(tmp.dir, 'back')], env);
    expect(r.code).toBe(14);
    expect(r.err).toContain('return.unknownSite');
  });
});
