// Benchmark fixtures for the exchange: a coordinator and a kit-initialised 500-subject site (seeded
// through the core use-cases), and 40 site bundles derived from that site's real export — each re-keyed
// to its own site code and signing key, audit chain re-hashed, one child process per core — all cached
// between runs.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { openSession } from '../src/core/auth/open-session';
import { hashAuditEntry, GENESIS_HASH } from '../src/core/store/audit-chain';
import { exportBundle } from '../src/core/bundles/export-bundle';
import { initSiteFromKit } from '../src/core/bundles/init-site-from-kit';
import { packTarGz } from '../src/core/exchange/tar-pack';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { coordinatorSecrets, initCoordinator } from '../src/core/central/coordinator-init';
import { issueSiteKit } from '../src/core/central/issue-site-kit';
import { decryptWith, encryptTo } from '../src/core/crypto/age';
import { generateSigningKey, signBytes } from '../src/core/crypto/signing';
import { demoStudy } from '../src/tools/demo/run-demo';
import { keyringPathFor } from '../src/core/keys/keyring';
import { seedSite, seededUsers, type SeededUser } from '../src/tools/synthetic';
import type { AuditRecord } from '../src/shared/contract/bundle-records';
import type { BundleManifest } from '../src/shared/contract/bundles';
import { createHash } from 'node:crypto';
import type { BenchContext } from './measure';

export const PASSPHRASE = 'bench coordinator passphrase';
const VERSION = 3;

export interface ExchangeFixture {
  /** A fresh copy of the coordinator folder (central store empty of merges). */
  readonly coordinatorDir: string;
  readonly siteDb: string;
  readonly users: readonly SeededUser[];
  readonly patients: number;
}

async function build(ctx: BenchContext, dir: string, patients: number): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const coordinatorDir = join(dir, 'coordinator');
  const { coordinator } = await initCoordinator({ dir: coordinatorDir, passphrase: PASSPHRASE, study: demoStudy() });
  const central = await openSession({ dbFile: centralDbFile(coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE });
  const kitFile = join(dir, 'kit.json');
  let kit: unknown;
  try {
    kit = await issueSiteKit(central, { siteId: 'IT01', siteName: 'Bench site', outFile: kitFile });
  } finally {
    await central.close();
  }
  ctx.log(`  seeding a ${patients}-subject kit site through the core use-cases (cached afterwards)…`);
  const t = Date.now();
  await seedSite({
    dir: join(dir, 'site'),
    siteId: 'IT01',
    patients,
    seed: 2026,
    fast: true,
    createStore: async (admin) => {
      mkdirSync(join(dir, 'site'), { recursive: true });
      const dbFile = join(dir, 'site', 'site.db');
      const result = await initSiteFromKit({ dbFile, kit, expectedFingerprint: coordinator.fingerprint, admin });
      return { dbFile, recoveryCode: result.recoveryCode, keyringFile: keyringPathFor(dbFile) };
    },
    onProgress: (done, total) => {
      if (done % 100 === 0) ctx.log(`    ${done}/${total}`);
    },
  });
  ctx.log(`  seeded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
}

export async function exchangeFixture(ctx: BenchContext, patients: number): Promise<ExchangeFixture> {
  const cached = join(ctx.cacheDir, `exchange-${patients}-v${VERSION}`);
  if (!existsSync(join(cached, 'site', 'site.db'))) await build(ctx, cached, patients);
  const work = join(ctx.workDir, `exchange-${Date.now()}`);
  cpSync(cached, work, { recursive: true });
  return { coordinatorDir: join(work, 'coordinator'), siteDb: join(work, 'site', 'site.db'), users: seededUsers('IT01'), patients };
}

/** A fresh copy of the cached coordinator folder alone (central store empty of merges), without the site's. */
export async function exchangeCoordinator(ctx: BenchContext, patients: number): Promise<string> {
  const cached = join(ctx.cacheDir, `exchange-${patients}-v${VERSION}`);
  if (!existsSync(join(cached, 'site', 'site.db'))) await build(ctx, cached, patients);
  const work = join(ctx.workDir, `coordinator-${Date.now()}`);
  cpSync(join(cached, 'coordinator'), work, { recursive: true });
  return work;
}

async function untar(bytes: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        out.set(header.name, Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    extract.on('finish', () => resolve());
    extract.on('error', reject);
  });
  extract.end(bytes);
  await done;
  return out;
}

/** Re-keys one site's bundle as another site: ids, keys and the audit chain rewritten. */
async function deriveBundle(files: Map<string, Buffer>, base: BundleManifest, siteId: string, recipient: string): Promise<{ bytes: Uint8Array; fingerprint: string }> {
  const swap = (text: string): string => text.replaceAll(`${base.site.id}-`, `${siteId}-`).replaceAll(`"site_id":"${base.site.id}"`, `"site_id":"${siteId}"`);
  const rewrite = (name: string): string[] => files.get(name)!.toString('utf8').split('\n').filter((l) => l !== '').map(swap);
  const subjects = rewrite('subjects.ndjson');
  const instances = rewrite('form_instances.ndjson');
  let prev = GENESIS_HASH;
  const audit = rewrite('audit.ndjson').map((line) => {
    const record = JSON.parse(line) as AuditRecord;
    const { hash: _old, ...rest } = { ...record, prev_hash: prev };
    const hash = hashAuditEntry(rest);
    prev = hash;
    return JSON.stringify({ ...rest, hash });
  });
  const key = generateSigningKey();
  const payload = { 'subjects.ndjson': subjects, 'form_instances.ndjson': instances, 'audit.ndjson': audit } as const;
  const data = Object.fromEntries(Object.entries(payload).map(([name, lines]) => [name, Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8')])) as Record<string, Buffer>;
  const manifest: BundleManifest = {
    ...base,
    site: { id: siteId, name: `Bench site ${siteId}`, keyFingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem },
    auditHead: { entries: audit.length, hash: prev },
    files: base.files.map((f) => ({ ...f, sha256: createHash('sha256').update(data[f.name]!).digest('hex'), size: data[f.name]!.length })),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const tarGz = await packTarGz(
    [{ name: 'manifest.json', data: manifestBytes }, { name: 'manifest.sig', data: signBytes(key.privateKeyPem, manifestBytes) }, ...base.files.map((f) => ({ name: f.name, data: data[f.name]! }))],
    new Date(base.createdAt),
  );
  return { bytes: await encryptTo([recipient], tarGz), fingerprint: key.fingerprint };
}

export interface DerivedBundles {
  readonly files: readonly string[];
  readonly fingerprints: ReadonlyMap<string, string>;
}

/** Derives the given sites' bundles in a child process (bench/derive-child.ts); resolves to their fingerprints. */
function deriveInChild(baseFile: string, identity: string, recipient: string, outDir: string, siteIds: readonly string[]): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    // The identity goes through the environment, not the command line other users of the machine can read.
    const child = spawn(process.execPath, ['-r', join(__dirname, 'register.js'), join(__dirname, 'derive-child.ts'), baseFile, recipient, outDir, ...siteIds], {
      env: { ...process.env, EDC_BENCH_AGE_IDENTITY: identity },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`derive-child.ts failed: ${err.slice(-2000)}`));
      else resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as Record<string, string>);
    });
  });
}

/** Derives `siteIds`' bundles from the decrypted base bundle into `outDir`; returns each site's key fingerprint. */
export async function deriveSites(baseFile: string, identity: string, recipient: string, outDir: string, siteIds: readonly string[]): Promise<Record<string, string>> {
  const files = await untar(gunzipSync(await decryptWith([identity], readFileSync(baseFile))));
  const base = JSON.parse(files.get('manifest.json')!.toString('utf8')) as BundleManifest;
  const fingerprints: Record<string, string> = {};
  for (const siteId of siteIds) {
    const derived = await deriveBundle(files, base, siteId, recipient);
    writeFileSync(join(outDir, `${siteId}.edcbundle`), derived.bytes);
    fingerprints[siteId] = derived.fingerprint;
  }
  return fingerprints;
}

/** `count` bundles of distinct sites, all holding the fixture site's data (cached with the fixture). */
export async function derivedBundles(ctx: BenchContext, fixture: ExchangeFixture, count: number): Promise<DerivedBundles> {
  const cached = join(ctx.cacheDir, `bundles-${fixture.patients}x${count}-v${VERSION}`);
  const index = join(cached, 'fingerprints.json');
  if (!existsSync(index)) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    const entry = fixture.users.find((u) => u.role === 'data_entry')!;
    const site = await openSession({ dbFile: fixture.siteDb, username: entry.username, password: entry.password });
    let baseFile: string;
    try {
      baseFile = (await exportBundle(site, join(cached, 'base'))).file;
    } finally {
      await site.close();
    }
    const central = await openSession({ dbFile: centralDbFile(fixture.coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE });
    let identity: string;
    let recipient: string;
    try {
      ({ ageIdentity: identity, recipient } = await coordinatorSecrets(central.store.db));
    } finally {
      await central.close();
    }
    // A fixture is never timed: the sites are shared out over one child process per core.
    const siteIds = Array.from({ length: count }, (_, k) => `S${String(k + 1).padStart(3, '0')}`);
    const workers = Math.max(1, Math.min(availableParallelism(), count));
    ctx.log(`  deriving ${count} site bundles from the real export (${workers} processes)…`);
    const t = Date.now();
    const shares = Array.from({ length: workers }, (_, w) => siteIds.filter((_id, k) => k % workers === w));
    const parts = await Promise.all(shares.map((share) => deriveInChild(baseFile, identity, recipient, cached, share)));
    // In site order, as one process wrote them: the merge registers the sites in this order.
    const merged = Object.assign({}, ...parts) as Record<string, string>;
    writeFileSync(index, JSON.stringify(Object.fromEntries(siteIds.map((id) => [id, merged[id]!]))));
    rmSync(join(cached, 'base'), { recursive: true, force: true });
    ctx.log(`  derived in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const fingerprints = JSON.parse(readFileSync(index, 'utf8')) as Record<string, string>;
  const files = readdirSync(cached).filter((f) => f.endsWith('.edcbundle')).sort().map((f) => join(cached, f));
  return { files, fingerprints: new Map(Object.entries(fingerprints)) };
}
