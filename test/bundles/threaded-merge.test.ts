// A large bundle is read on a worker thread: the merge it gives, and every refusal, must be the ones the
// main-thread reader gives (forced here with threadedFrom: 0 on small bundles).

import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../src/core/auth/open-session';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { centralDbFile, COORDINATOR_USER } from '../../src/core/central/coordinator-files';
import { centralDigest } from '../../src/core/central/central-digest';
import { mergeBundle, type MergeOptions } from '../../src/core/central/merge-bundle';
import { keyringPathFor } from '../../src/core/keys/keyring';
import type { Session } from '../../src/core/store/session';
import type { AuditRecord } from '../../src/shared/contract/bundle-records';
import { AppError } from '../../src/shared/errors/app-error';
import { enrolSubjects } from '../helpers/bundle-data';
import { BundleForge, forgeKeys, ndjsonLines, openBundle, parseNdjson, recordsToNdjson, toNdjson } from '../helpers/bundle-forge';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { withRawConnection } from '../helpers/raw-connection';

describe('merging a bundle read on a worker thread', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let threadedCentral: Session;
  let site: Session;
  let fingerprint: string;
  let forge: BundleForge;
  let first: string;
  let second: string;
  let n = 0;

  const threaded = (extra: MergeOptions = {}): MergeOptions => ({ threadedFrom: 0, registerSites: new Map([['IT01', fingerprint]]), ...extra });
  const file = (bytes: Uint8Array): string => {
    n += 1;
    const path = join(tmp.dir, `forged-${n}.edcbundle`);
    writeFileSync(path, bytes);
    return path;
  };
  const code = async (path: string): Promise<string> => {
    try {
      await mergeBundle(threadedCentral, path, threaded());
    } catch (error) {
      if (error instanceof AppError) return error.code;
      throw error;
    }
    throw new Error('accepted');
  };

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    const it01 = await net.addSite('IT01');
    fingerprint = it01.fingerprint;
    site = await it01.login('data_entry');
    threadedCentral = await net.central();
    await enrolSubjects(site, 3, { seed: 21 });
    first = (await exportBundle(site, join(tmp.dir, 'usb'))).file;
    await enrolSubjects(site, 1, { seed: 22 });
    second = (await exportBundle(site, join(tmp.dir, 'usb'))).file;
    const keys = await forgeKeys(threadedCentral, site);
    forge = new BundleForge(await openBundle(readFileSync(first), keys.identity), keys);
  }, 60_000);

  afterAll(async () => {
    await site.close();
    await threadedCentral.close();
    tmp.cleanup();
  });

  it('refuses forged bundles with the codes of the main-thread reader, and writes nothing', async () => {
    const before = await centralDigest(threadedCentral.store.db);
    const trail = parseNdjson<AuditRecord>(forge.base.files['audit.ndjson']);
    const at = Math.ceil(trail.length / 2);
    const edited = trail.map((r) => (r.id === at ? { ...r, reason: `${r.reason ?? ''}·` } : r));
    await expect(mergeBundle(threadedCentral, file(await forge.forge({ files: { 'audit.ndjson': recordsToNdjson(edited) } })), threaded())).rejects.toMatchObject({ code: 'merge.auditBroken', details: { id: at } });
    const lines = ndjsonLines(forge.base.files['audit.ndjson']);
    const malformed = toNdjson(lines.map((l, i) => (i === 2 ? JSON.stringify({ ...(JSON.parse(l) as object), id: 'three' }) : l)));
    expect(await code(file(await forge.forge({ files: { 'audit.ndjson': malformed } })))).toBe('bundle.malformedRecord');
    const bytes = Buffer.from(readFileSync(first));
    expect(await code(file(bytes.subarray(0, Math.floor(bytes.length * 0.7))))).toBe('bundle.corrupt');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 100]! ^= 0x10;
    expect(await code(file(flipped))).toBe('bundle.corrupt');
    // Refused on the main thread (the site is not registered) while the worker waits for its answer.
    await expect(mergeBundle(threadedCentral, first, { threadedFrom: 0 })).rejects.toMatchObject({ code: 'merge.unknownSite' });
    expect(await centralDigest(threadedCentral.store.db)).toBe(before);
  });

  it('merges a genuine bundle to the same central content as the main-thread reader, then as unchanged, an older one as stale', async () => {
    // A copy of the central store, taken before the merge, merges the same bundle on the main thread.
    const copy = join(tmp.dir, 'central-copy.db');
    withRawConnection(threadedCentral, (sqlite) => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
    cpSync(centralDbFile(net.coordinatorDir), copy);
    cpSync(keyringPathFor(centralDbFile(net.coordinatorDir)), keyringPathFor(copy));
    const inThread = await openSession({ dbFile: copy, username: COORDINATOR_USER, password: PASSPHRASE, clock: net.clock, kind: 'central' });
    try {
      const merged = await mergeBundle(threadedCentral, first, threaded());
      expect(merged.status).toBe('merged');
      expect(merged.counts.auditEntries).toBe(parseNdjson<AuditRecord>(forge.base.files['audit.ndjson']).length);
      const reference = await mergeBundle(inThread, first, { registerSites: new Map([['IT01', fingerprint]]) });
      expect(merged.counts).toEqual(reference.counts);
      expect(await centralDigest(threadedCentral.store.db)).toBe(await centralDigest(inThread.store.db));
    } finally {
      await inThread.close();
    }
    expect((await mergeBundle(threadedCentral, first, threaded())).status).toBe('unchanged');
    expect((await mergeBundle(threadedCentral, second, threaded())).counts.subjects).toBe(4);
    await expect(mergeBundle(threadedCentral, first, threaded())).rejects.toMatchObject({ code: 'merge.stale' });
  });
});
