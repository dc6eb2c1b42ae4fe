// Return bundles centre → site: written after a merge, encrypted to the site only and signed by the pinned
// coordinator key (checked with the stock age and openssl), imported in one audited transaction; the same
// bundle again changes nothing, an older one is refused as stale, and each refusal leaves the store alone.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReturn, readReturnFile } from '../../src/core/bundles/import-return';
import { requireSiteKeys } from '../../src/core/bundles/site-identity';
import { coordinatorSecrets } from '../../src/core/central/coordinator-init';
import { exportReturn } from '../../src/core/central/export-return';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import { lastReceipt } from '../../src/db/repositories/bundle-log.repository';
import { lastReturnImport } from '../../src/db/repositories/return-exchange.repository';
import { AppError } from '../../src/shared/errors/app-error';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { DIALECTS } from '../helpers/postgres';

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(DIALECTS)('return bundles from the centre to a site (%s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  const out = join(tmp.dir, 'out');

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    site = await net.addSite('IT01');
    const s = await site.login('admin');
    const c = await net.central();
    try {
      const exported = await exportBundle(s, join(tmp.dir, 'usb'));
      await mergeBundle(c, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
    } finally {
      await s.close();
      await c.close();
    }
  }, 60_000);
  afterAll(() => tmp.cleanup());

  async function writeReturn(): Promise<string> {
    const c = await net.central();
    try {
      return (await exportReturn(c, { siteId: 'IT01', outDir: out })).file;
    } finally {
      await c.close();
    }
  }

  it('opens with the stock age and the site identity, and its manifest verifies with openssl against the coordinator key', async () => {
    const file = await writeReturn();
    const s = await site.login('admin');
    const keys = await requireSiteKeys(s.store.db);
    await s.close();
    const dir = join(tmp.dir, 'stock');
    mkdirSync(dir);
    writeFileSync(join(dir, 'site.key'), `${keys.ageIdentity}\n`);
    writeFileSync(join(dir, 'coordinator.pub.pem'), keys.coordinator.signingPublicKeyPem);
    const opened = spawnSync('sh', ['-c', 'age -d -i site.key "$1" | tar -xz', 'sh', file], { cwd: dir, encoding: 'utf8' });
    expect(opened.stderr).toBe('');
    expect(opened.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['amendments.ndjson', 'coordinator.pub.pem', 'locks.ndjson', 'manifest.json', 'manifest.sig', 'queries.ndjson', 'receipts.ndjson', 'reviews.ndjson', 'site.key']);
    const verified = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'coordinator.pub.pem', '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'], { cwd: dir, encoding: 'utf8' });
    expect(verified.stdout).toMatch(/Signature Verified Successfully/);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { site: { id: string }; sequence: number; files: { name: string; records: number }[] };
    expect(manifest.site.id).toBe('IT01');
    expect(manifest.files.find((f) => f.name === 'receipts.ndjson')?.records).toBe(1);
    // The coordinator's own identity cannot open it: it is encrypted to the site only.
    const c = await net.central();
    const secrets = await coordinatorSecrets(c.store.db);
    await c.close();
    writeFileSync(join(dir, 'coordinator.key'), `${secrets.ageIdentity}\n`);
    expect(spawnSync('age', ['-d', '-i', 'coordinator.key', file], { cwd: dir }).status).not.toBe(0);
  });

  it('imports the receipts it carries in one audited step, then the same bundle again is a no-op', async () => {
    const file = await writeReturn();
    const s = await site.login('data_entry');
    try {
      const first = await importReturn(s, readReturnFile(file));
      expect(first).toMatchObject({ status: 'applied', counts: { receipts: 1, reviews: 0, locks: 0 } });
      expect((await lastReceipt(s.store.db))?.sequence).toBe(1);
      const again = await importReturn(s, readReturnFile(file));
      expect(again.status).toBe('unchanged');
      expect((await verifyAuditChain(s.store.db)).ok).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('refuses an older return bundle as stale and leaves the import log as it was', async () => {
    const older = await writeReturn();
    const newer = await writeReturn();
    const s = await site.login('admin');
    try {
      await importReturn(s, readReturnFile(newer));
      const before = await lastReturnImport(s.store.db);
      expect(await codeOf(importReturn(s, readReturnFile(older)))).toBe('return.stale');
      expect(await lastReturnImport(s.store.db)).toEqual(before);
    } finally {
      await s.close();
    }
  });

  it('refuses a return bundle written for another site as not encrypted for this one', async () => {
    const other = await net.addSite('IT02');
    const s2 = await other.login('admin');
    const c = await net.central();
    try {
      await mergeBundle(c, (await exportBundle(s2, join(tmp.dir, 'usb2'))).file, { registerSites: new Map([['IT02', other.fingerprint]]) });
      const file = (await exportReturn(c, { siteId: 'IT02', outDir: out })).file;
      const s = await site.login('admin');
      try {
        expect(await codeOf(importReturn(s, readReturnFile(file)))).toBe('return.wrongRecipient');
      } finally {
        await s.close();
      }
    } finally {
      await s2.close();
      await c.close();
    }
  });
});
