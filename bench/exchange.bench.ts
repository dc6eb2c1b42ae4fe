// Issues 4–6 on real-sized data: export of a 500-subject site next to raw SELECT + gzip + the `age`
// CLI; merge of 40 such bundles next to raw encrypted INSERT of the same rows, and its peak memory
// against one bundle; then on that 40-site central store: CSV export next to raw SELECT + csv-stringify,
// ODM export time and memory, and the study report. The merged store is kept for the queries group
// (bench/merged-central.ts) before the exports.

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { openSession } from '../src/core/auth/open-session';
import { exportBundle } from '../src/core/bundles/export-bundle';
import { requireSiteKeys } from '../src/core/bundles/site-identity';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { coordinatorSecrets } from '../src/core/central/coordinator-init';
import { decryptWith } from '../src/core/crypto/age';
import { openSqlite, openStore } from '../src/db/open-store';
import { runChild } from './child';
import { derivedBundles, exchangeCoordinator, exchangeFixture, PASSPHRASE } from './exchange-fixture';
import { keepMergedCentral } from './merged-central';
import { measurement, nowMs, type Benchmark, type Measurement } from './measure';
import { randomBytes } from 'node:crypto';

function rawExport(sqlite: import('../src/db/open-store').Sqlite, recipient: string): number {
  const t = nowMs();
  const parts: Buffer[] = [];
  for (const table of ['subjects', 'form_instances', 'audit']) {
    const lines = sqlite.prepare(`SELECT * FROM ${table}`).all().map((r) => `${JSON.stringify(r)}\n`);
    parts.push(Buffer.from(lines.join(''), 'utf8'));
  }
  const gz = gzipSync(Buffer.concat(parts), { level: 6 });
  const age = spawnSync('age', ['-r', recipient], { input: gz, maxBuffer: 1024 * 1024 * 1024 });
  if (age.status !== 0) throw new Error('the age CLI is needed for this baseline (apt-get install age)');
  return nowMs() - t;
}

export async function untarNdjson(bytes: Buffer): Promise<Map<string, Record<string, unknown>[]>> {
  const out = new Map<string, Record<string, unknown>[]>();
  const extract = tar.extract();
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        if (header.name.endsWith('.ndjson')) out.set(header.name, Buffer.concat(chunks).toString('utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>));
        next();
      });
    });
    extract.on('finish', () => resolve());
    extract.on('error', reject);
  });
  extract.end(bytes);
  await done;
  return out;
}

/** Raw prepared INSERTs of the same subject, form-instance and audit rows into a fresh encrypted store. */
export async function rawInsert(dir: string, bundles: readonly string[], identity: string): Promise<{ ms: number; instances: number }> {
  // Created (migrated) by the app, then written through a raw connection of its own.
  const file = join(dir, 'raw.db');
  const key = randomBytes(32);
  await (await openStore(file, key, { create: true })).close();
  const db = openSqlite(file, key, false);
  const subject = db.prepare('INSERT INTO subjects (id, site_id, seq, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
  const instance = db.prepare(
    'INSERT INTO form_instances (site_id, subject_id, form_key, instance_no, data, def_version, status, version, completed_once, overrides, created_at, created_by, updated_at, updated_by, signed_by, signed_at, sign_meaning, locked_by, locked_at, calcs) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
  );
  const audit = db.prepare('INSERT INTO site_audit (site_id, id, at, user, action, subject_id, form_key, instance_no, field, old_value, new_value, reason, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)');
  let instances = 0;
  let ms = 0;
  // One bundle at a time (40 parsed at once would not fit in memory); only the INSERTs are timed.
  for (const file of bundles) {
    const p = await untarNdjson(gunzipSync(await decryptWith([identity], readFileSync(file))));
    const t = nowMs();
    db.transaction(() => {
      for (const s of p.get('subjects.ndjson') ?? []) subject.run(s.id, s.site_id, s.seq, s.created_at, s.created_by);
      for (const r of p.get('form_instances.ndjson') ?? []) {
        instance.run(r.site_id, r.subject_id, r.form_key, r.instance_no, JSON.stringify(r.data), r.def_version, r.status, r.version, r.completed_once, JSON.stringify(r.overrides), r.created_at, r.created_by, r.updated_at, r.updated_by, r.signed_by, r.signed_at, r.sign_meaning, r.locked_by, r.locked_at, JSON.stringify(r.calcs));
        instances += 1;
      }
      const site = (p.get('subjects.ndjson')?.[0]?.site_id as string | undefined) ?? 'X';
      for (const a of p.get('audit.ndjson') ?? []) audit.run(site, a.id, a.at, a.user, a.action, a.subject_id, a.form_key, a.instance_no, a.field, a.old_value, a.new_value, a.reason, a.details, a.prev_hash, a.hash);
    })();
    ms += nowMs() - t;
  }
  db.close();
  return { ms, instances };
}

export const exchangeBenchmark: Benchmark = {
  name: 'exchange',
  async run(ctx) {
    const patients = ctx.quick ? 60 : 500;
    const sites = ctx.quick ? 4 : 40;
    const fixture = await exchangeFixture(ctx, patients);
    const results: Measurement[] = [];

    // Export of one site, next to raw SELECT + gzip + age of the same rows.
    const entry = fixture.users.find((u) => u.role === 'data_entry')!;
    const site = await openSession({ dbFile: fixture.siteDb, username: entry.username, password: entry.password });
    try {
      const keys = await requireSiteKeys(site.store.db);
      const out = join(ctx.workDir, 'bundles');
      mkdirSync(out, { recursive: true });
      const exportMs: number[] = [];
      const rawMs: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const t = nowMs();
        await exportBundle(site, out);
        exportMs.push(nowMs() - t);
        const raw = openSqlite(site.store.file, site.dbKey, false);
        try {
          rawMs.push(rawExport(raw, keys.coordinator.recipient));
        } finally {
          raw.close();
        }
      }
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1]!;
      results.push(measurement({ name: `export bundle (${patients} subjects)`, value: median(exportMs), unit: 'ms', baseline: median(rawMs), goal: 'ratio ≤ 2', met: (_v, r) => r !== null && r <= 2 }));
    } finally {
      await site.close();
    }

    // Merge of many site bundles (child process: time and peak memory), next to raw encrypted INSERT.
    const derived = await derivedBundles(ctx, fixture, sites);
    const registrations = JSON.stringify(Object.fromEntries(derived.fingerprints));
    const one = runChild<{ ms: number; maxRssMB: number }>('merge-child.ts', [await exchangeCoordinator(ctx, patients), registrations, derived.files[0]!]);
    const all = runChild<{ ms: number; instances: number; refused: number; maxRssMB: number }>('merge-child.ts', [fixture.coordinatorDir, registrations, ...derived.files]);
    if (all.refused > 0) throw new Error(`${all.refused} derived bundles were refused`);
    // The queries group's workload is this store: kept before the exports below write to it.
    await keepMergedCentral(ctx, patients, sites, fixture.coordinatorDir, all.instances);
    const central = await openSession({ dbFile: centralDbFile(fixture.coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE });
    let identity: string;
    try {
      identity = (await coordinatorSecrets(central.store.db)).ageIdentity;
    } finally {
      await central.close();
    }
    const raw = await rawInsert(ctx.workDir, derived.files, identity);
    results.push(
      measurement({ name: `merge ${sites} bundles (instances/s)`, value: all.instances / (all.ms / 1000), unit: 'inst/s', baseline: raw.instances / (raw.ms / 1000), goal: 'ratio ≥ 0.5', met: (_v, r) => r !== null && r >= 0.5 }),
      measurement({ name: `merge peak memory, ${sites} bundles vs 1`, value: all.maxRssMB, unit: 'MiB', baseline: one.maxRssMB, goal: 'ratio ≤ 1.5', met: (_v, r) => r !== null && r <= 1.5 }),
    );

    // On the merged central store: CSV next to raw SELECT + csv-stringify; ODM; the report.
    const exportsDir = join(ctx.workDir, 'central-exports');
    mkdirSync(exportsDir, { recursive: true });
    const csv = runChild<{ ms: number; maxRssMB: number }>('export-child.ts', ['csv', fixture.coordinatorDir, exportsDir]);
    // In a fresh process too, as the export is: both start from the same cold state.
    const rawCsvMs = runChild<{ ms: number }>('export-child.ts', ['raw-csv', fixture.coordinatorDir, exportsDir]).ms;
    const odm = runChild<{ ms: number; maxRssMB: number }>('export-child.ts', ['odm', fixture.coordinatorDir, exportsDir]);
    const report = runChild<{ ms: number; maxRssMB: number }>('export-child.ts', ['report', fixture.coordinatorDir, exportsDir]);
    results.push(
      measurement({ name: `CSV export, ${sites}×${patients} central`, value: csv.ms, unit: 'ms', baseline: rawCsvMs, goal: 'ratio ≤ 1.5', met: (_v, r) => r !== null && r <= 1.5 }),
      measurement({ name: `ODM export, ${sites}×${patients} central`, value: odm.ms, unit: 'ms', baseline: csv.ms, goal: 'ratio ≤ 2', met: (_v, r) => r !== null && r <= 2 }),
      measurement({ name: `ODM export peak memory`, value: odm.maxRssMB, unit: 'MiB', baseline: one.maxRssMB, goal: 'bounded: ≤ 1.5× one-bundle merge', met: (_v, r) => r !== null && r <= 1.5 }),
      measurement({ name: `study report, ${sites}×${patients} central`, value: report.ms, unit: 'ms', baseline: csv.ms, goal: 'ratio ≤ 1.5', met: (_v, r) => r !== null && r <= 1.5 }),
    );
    // Several GB at full size: the disk is shared, and the later groups take their own copies.
    rmSync(exportsDir, { recursive: true, force: true });
    rmSync(fixture.coordinatorDir, { recursive: true, force: true });
    return results;
  },
};
