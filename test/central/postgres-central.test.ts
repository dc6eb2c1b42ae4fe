// The central store on PostgreSQL: the same bundles give the same content digest and byte-identical CSV
// as on SQLite; a SQLite store moves with its keys and history; merges side by side, a busy site, one
// snapshot per export, a newer schema refused, the coordinator's keys never in clear in the database.

import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { centralDigest } from '../../src/core/central/central-digest';
import { centralStoreLocation } from '../../src/core/central/coordinator-files';
import { centralSummary } from '../../src/core/central/central-summary';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { moveCentralToPostgres } from '../../src/core/central/move-to-postgres';
import { openCentralSession } from '../../src/core/central/open-central';
import { exportCsv } from '../../src/core/exports/csv/export-csv';
import type { Session } from '../../src/core/store/session';
import { claimSiteForMerge } from '../../src/db/locks';
import { countsBySite } from '../../src/db/repositories/central.repository';
import { inReadSnapshot, inWriteTransaction } from '../../src/db/transaction';
import { studyModules } from '../../src/studies';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { asOwner, freshPostgresDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';
import { withSession } from '../helpers/session';

function filesOf(dir: string): Record<string, Buffer> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name))]));
}

describe('the central store on PostgreSQL', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  const bundles: Record<string, string> = {};
  const fingerprints = new Map<string, string>();
  /** A copy of the coordinator directory taken before any merge, moved to PostgreSQL. */
  const pgDir = join(tmp.dir, 'coordinator-pg');
  /** The SQLite coordinator directory before any merge, untouched. */
  const pristineDir = join(tmp.dir, 'coordinator-pristine');

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    for (const [siteId, seed] of [['IT01', 1], ['IT02', 2]] as const) {
      const site = await net.addSite(siteId);
      fingerprints.set(siteId, site.fingerprint);
      await withSession(site.login('data_entry'), async (s) => {
        await enrolSubjects(s, 6, { seed, cycles: 2, adverseEvents: 2 });
        bundles[siteId] = (await exportBundle(s, join(tmp.dir, 'usb', siteId))).file;
      });
    }
    cpSync(net.coordinatorDir, pristineDir, { recursive: true });
    cpSync(net.coordinatorDir, pgDir, { recursive: true });
    await moveCentralToPostgres({ dir: pgDir, passphrase: PASSPHRASE, target: (await freshPostgresDatabase()).owner, clock: net.clock });
  }, 120_000);
  afterAll(() => tmp.cleanup());

  const pgCentral = (): Promise<Session> => openCentralSession({ dir: pgDir, passphrase: PASSPHRASE, clock: net.clock });
  const registerSites = (): Map<string, string> => new Map(fingerprints);

  it('merges the same bundles to the same content digest and byte-identical CSV files as SQLite', async () => {
    expect(centralStoreLocation(pgDir)).toMatchObject({ dialect: 'postgres' });
    expect(centralStoreLocation(net.coordinatorDir)).toBeUndefined();
    const outcomes: Record<string, unknown> = {};
    for (const [name, opening] of [['sqlite', net.central()], ['postgres', pgCentral()]] as const) {
      outcomes[name] = await withSession(opening, async (central) => {
        for (const siteId of ['IT01', 'IT02']) expect((await mergeBundle(central, bundles[siteId]!, { registerSites: registerSites() })).status).toBe('merged');
        const csvDir = join(tmp.dir, `csv-${name}`);
        await exportCsv(central, csvDir, { modules: studyModules, dialect: 'rfc4180' });
        return { digest: await centralDigest(central.store.db), summary: (await centralSummary(central)).sites, files: filesOf(csvDir) };
      });
    }
    const [sqlite, postgres] = [outcomes.sqlite as { digest: string; files: Record<string, Buffer> }, outcomes.postgres as { digest: string; files: Record<string, Buffer> }];
    expect(postgres.digest).toBe(sqlite.digest);
    expect(Object.keys(postgres.files).length).toBeGreaterThan(2);
    expect(Object.keys(postgres.files)).toEqual(Object.keys(sqlite.files));
    for (const [name, bytes] of Object.entries(sqlite.files)) expect({ name, same: postgres.files[name]!.equals(bytes) }).toEqual({ name, same: true });
    expect((outcomes.postgres as { summary: unknown }).summary).toEqual((outcomes.sqlite as { summary: unknown }).summary);
  });

  it('moves a SQLite store that has merged bundles, with the same digest, its receipts and history, and keeps central.db', async () => {
    const movedDir = join(tmp.dir, 'coordinator-moved');
    cpSync(net.coordinatorDir, movedDir, { recursive: true });
    const before = await withSession(net.central(), (c) => centralDigest(c.store.db));
    const moved = await moveCentralToPostgres({ dir: movedDir, passphrase: PASSPHRASE, target: (await freshPostgresDatabase()).owner, clock: net.clock });
    expect(moved.digest).toBe(before);
    expect(readdirSync(movedDir)).toContain('central.db');
    await withSession(openCentralSession({ dir: movedDir, passphrase: PASSPHRASE, clock: net.clock }), async (central) => {
      expect(await centralDigest(central.store.db)).toBe(before);
      // The same bundle again is a no-op with the receipt of its first merge: merged bundles and keys came along.
      const again = await mergeBundle(central, bundles.IT01!);
      expect(again.status).toBe('unchanged');
      expect((await centralSummary(central)).sites.map((s) => [s.siteId, s.lastSequence])).toEqual([['IT01', 1], ['IT02', 1]]);
    });
    await expect(moveCentralToPostgres({ dir: movedDir, passphrase: PASSPHRASE, target: (await freshPostgresDatabase()).owner })).rejects.toMatchObject({ code: 'store.alreadyMoved' });
  });

  it('refuses a second merge of a site that is being merged, as busy, and changes nothing', async () => {
    const dir = join(tmp.dir, 'coordinator-busy');
    cpSync(join(tmp.dir, 'coordinator'), dir, { recursive: true });
    const database = await freshPostgresDatabase();
    await moveCentralToPostgres({ dir, passphrase: PASSPHRASE, target: database.owner, clock: net.clock });
    await withSession(openCentralSession({ dir, passphrase: PASSPHRASE, clock: net.clock }), async (holder) => {
      await withSession(openCentralSession({ dir, passphrase: PASSPHRASE, clock: net.clock }), async (other) => {
        const digest = await centralDigest(other.store.db);
        // `holder` is in the middle of a merge of IT01 (its claim is held until its transaction ends).
        await inWriteTransaction(holder.store.db, async (tx) => {
          await claimSiteForMerge(tx, 'IT01');
          await expect(mergeBundle(other, bundles.IT01!)).rejects.toMatchObject({ code: 'merge.busy', details: { site: 'IT01' } });
          expect(await centralDigest(other.store.db)).toBe(digest);
        });
        expect((await mergeBundle(other, bundles.IT01!)).status).toBe('unchanged');
      });
    });
  });

  it('merges two different sites at the same time, both successfully, with one unbroken central audit chain', async () => {
    const dir = join(tmp.dir, 'coordinator-parallel');
    cpSync(pristineDir, dir, { recursive: true });
    const database = await freshPostgresDatabase();
    await moveCentralToPostgres({ dir, passphrase: PASSPHRASE, target: database.owner, clock: net.clock });
    const [a, b] = await Promise.all([openCentralSession({ dir, passphrase: PASSPHRASE, clock: net.clock }), openCentralSession({ dir, passphrase: PASSPHRASE, clock: net.clock })]);
    try {
      const results = await Promise.all([mergeBundle(a, bundles.IT01!, { registerSites: registerSites() }), mergeBundle(b, bundles.IT02!, { registerSites: registerSites() })]);
      expect(results.map((r) => r.status)).toEqual(['merged', 'merged']);
      expect((await countsBySite(a.store.db)).map((c) => c.siteId)).toEqual(['IT01', 'IT02']);
      const chain = await asOwner(database, (c) => c.query<{ id: number; action: string }>(`SELECT id, action FROM audit ORDER BY id`));
      expect(chain.rows.map((r) => r.id)).toEqual(chain.rows.map((_, i) => i + 1));
      expect(chain.rows.filter((r) => r.action === 'merge.bundle')).toHaveLength(2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reads one snapshot in an export while a merge commits', async () => {
    const dir = join(tmp.dir, 'coordinator-snapshot');
    cpSync(join(tmp.dir, 'coordinator'), dir, { recursive: true });
    await moveCentralToPostgres({ dir, passphrase: PASSPHRASE, target: (await freshPostgresDatabase()).owner, clock: net.clock });
    await withSession(openCentralSession({ dir, passphrase: PASSPHRASE, clock: net.clock }), async (central) => {
      const before = await countsBySite(central.store.db);
      await inReadSnapshot(central.store.db, async (snapshot) => {
        const first = await countsBySite(snapshot);
        expect(first).toEqual(before);
        // A bundle of a new site commits meanwhile on another connection of the pool.
        const fresh = await net.addSite('IT03');
        const bundle = await withSession(fresh.login('data_entry'), async (s) => {
          await enrolSubjects(s, 2, { seed: 3 });
          return (await exportBundle(s, join(tmp.dir, 'usb', 'IT03'))).file;
        });
        expect((await mergeBundle(central, bundle, { registerSites: new Map([['IT03', fresh.fingerprint]]) })).status).toBe('merged');
        expect(await countsBySite(snapshot)).toEqual(first);
      });
      expect((await countsBySite(central.store.db)).map((c) => c.siteId)).toContain('IT03');
    });
  });

  it('runs as the app role, which writes rows but may not change the schema or the audit trail', async () => {
    const dir = join(tmp.dir, 'coordinator-app-role');
    cpSync(pristineDir, dir, { recursive: true });
    const database = await freshPostgresDatabase();
    await moveCentralToPostgres({ dir, passphrase: PASSPHRASE, target: database.owner, clock: net.clock });
    const file = JSON.parse(readFileSync(join(dir, 'coordinator.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'coordinator.json'), JSON.stringify({ ...file, database: database.app }));
    await withSession(openCentralSession({ dir, passphrase: PASSPHRASE, clock: net.clock }), async (central) => {
      expect((await mergeBundle(central, bundles.IT01!, { registerSites: registerSites() })).status).toBe('merged');
      const kysely = (central.store.db as unknown as { kysely: Kysely<unknown> }).kysely;
      await expect(sql`DROP TABLE sites CASCADE`.execute(kysely)).rejects.toMatchObject({ code: '42501' });
      await expect(sql`DELETE FROM audit`.execute(kysely)).rejects.toThrow(/append-only/);
      await expect(sql`UPDATE audit SET action = 'x'`.execute(kysely)).rejects.toThrow(/append-only/);
    });
  });

  it('refuses a database written by a newer version of the app', async () => {
    const dir = join(tmp.dir, 'coordinator-newer');
    cpSync(join(tmp.dir, 'coordinator'), dir, { recursive: true });
    const database = await freshPostgresDatabase();
    await moveCentralToPostgres({ dir, passphrase: PASSPHRASE, target: database.owner, clock: net.clock });
    await asOwner(database, (c) => c.query('UPDATE edc_schema SET version = version + 1'));
    await expect(openCentralSession({ dir, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'store.newerSchema' });
  });

  it('keeps the coordinator secret keys sealed in the database, never in clear', async () => {
    const database = await freshPostgresDatabase();
    const dir = join(tmp.dir, 'coordinator-sealed');
    cpSync(join(tmp.dir, 'coordinator'), dir, { recursive: true });
    await moveCentralToPostgres({ dir, passphrase: PASSPHRASE, target: database.owner, clock: net.clock });
    const meta = await asOwner(database, (c) => c.query<{ key: string; value: string }>('SELECT key, value FROM meta'));
    expect(meta.rows.length).toBeGreaterThan(5);
    const all = meta.rows.map((r) => r.value).join('\n');
    expect(all).not.toContain('AGE-SECRET-KEY');
    expect(all).not.toContain('PRIVATE KEY');
    expect(readFileSync(join(dir, 'coordinator.json'), 'utf8')).not.toMatch(/password|edc-test-only/i);
  });
});
