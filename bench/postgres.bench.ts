// Issue 15 on real-sized data, with the central store in PostgreSQL (the local cluster of the tests, set up
// here): merge of the 40 derived site bundles next to raw COPY of the same rows into the same tables, and the
// central CSV export next to a raw cursor SELECT + csv-stringify. The 200 × 500 scale run is its own entry
// (`npm run bench -- --only postgres-scale`): it takes longer than the whole default run.

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child';
import { derivedBundles, exchangeCoordinator, exchangeFixture } from './exchange-fixture';
import { measurement, type BenchContext, type Benchmark, type Measurement } from './measure';
import { startPostgres, type PostgresServer } from './postgres-server';

interface Merged {
  readonly ms: number;
  readonly instances: number;
  readonly refused: number;
  readonly perBundleMs: readonly number[];
  readonly maxRssMB: number;
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A fresh copy of the exchange coordinator, its (empty) central store moved into a new database. */
async function coordinatorOnPostgres(ctx: BenchContext, server: PostgresServer, patients: number): Promise<string> {
  const coordinatorDir = await exchangeCoordinator(ctx, patients);
  await server.moveCoordinator(coordinatorDir);
  return coordinatorDir;
}

function merge(coordinatorDir: string, fingerprints: ReadonlyMap<string, string>, files: readonly string[]): Merged {
  const merged = runChild<Merged>('postgres-child.ts', ['merge', coordinatorDir, JSON.stringify(Object.fromEntries(fingerprints)), ...files]);
  if (merged.refused > 0) throw new Error(`${merged.refused} derived bundles were refused`);
  return merged;
}

/** The CSV export and its raw baseline, alternating (load on the machine falls on both alike), medians of `runs`. */
function csvExports(ctx: BenchContext, coordinatorDir: string, runs: number): { ms: number; rawMs: number } {
  const ms: number[] = [];
  const rawMs: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const out = join(ctx.workDir, `pg-exports-${Date.now()}-${i}`);
    mkdirSync(out, { recursive: true });
    try {
      rawMs.push(runChild<{ ms: number }>('postgres-child.ts', ['raw-csv', coordinatorDir, out]).ms);
      ms.push(runChild<{ ms: number }>('postgres-child.ts', ['csv', coordinatorDir, out]).ms);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return { ms: median(ms), rawMs: median(rawMs) };
}

async function withPostgres(work: (server: PostgresServer) => Promise<Measurement[]>): Promise<Measurement[]> {
  const server = await startPostgres();
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

export const postgresBenchmark: Benchmark = {
  name: 'postgres',
  run: (ctx) =>
    withPostgres(async (server) => {
      const patients = ctx.quick ? 60 : 500;
      const sites = ctx.quick ? 4 : 40;
      const fixture = await exchangeFixture(ctx, patients);
      const derived = await derivedBundles(ctx, fixture, sites);

      const copied = runChild<{ ms: number; instances: number }>('postgres-child.ts', ['copy', await coordinatorOnPostgres(ctx, server, patients), ...derived.files]);
      const central = await coordinatorOnPostgres(ctx, server, patients);
      const all = merge(central, derived.fingerprints, derived.files);
      if (all.instances !== copied.instances) throw new Error(`the merge wrote ${all.instances} instances, the COPY ${copied.instances}`);
      // Medians of three pairs when a pair takes seconds (quick); one pair at full size, where each export takes ≈ 20 s.
      const csv = csvExports(ctx, central, ctx.quick ? 3 : 1);
      return [
        measurement({ name: `PG merge ${sites} bundles (instances/s)`, value: all.instances / (all.ms / 1000), unit: 'inst/s', baseline: copied.instances / (copied.ms / 1000), goal: 'ratio ≥ 0.5', met: (_v, r) => r !== null && r >= 0.5 }),
        measurement({ name: `PG CSV export, ${sites}×${patients} central`, value: csv.ms, unit: 'ms', baseline: csv.rawMs, goal: 'ratio ≤ 1.5', met: (_v, r) => r !== null && r <= 1.5 }),
      ];
    }),
};

/** How many bundles at each end of the run are compared (medians: one bundle's time is noisy on a shared machine). */
const ENDS = 5;

export const postgresScaleBenchmark: Benchmark = {
  name: 'postgres-scale',
  onlyWhenNamed: true,
  run: async (ctx) => {
    if (ctx.quick) {
      ctx.log('  full mode only (200 sites × 500 subjects): nothing measured with --quick');
      return [];
    }
    return withPostgres(async (server) => {
      const patients = 500;
      const sites = 200;
      const fixture = await exchangeFixture(ctx, patients);
      const derived = await derivedBundles(ctx, fixture, sites);
      const one = merge(await coordinatorOnPostgres(ctx, server, patients), derived.fingerprints, derived.files.slice(0, 1));
      const central = await coordinatorOnPostgres(ctx, server, patients);
      ctx.log(`  merging ${sites} bundles into PostgreSQL…`);
      const all = merge(central, derived.fingerprints, derived.files);
      const first = all.perBundleMs.slice(0, ENDS);
      const last = all.perBundleMs.slice(-ENDS);
      ctx.log(`  ${all.instances} instances in ${(all.ms / 1000).toFixed(0)} s; first bundles ${first.map((m) => m.toFixed(0)).join(', ')} ms, last ${last.map((m) => m.toFixed(0)).join(', ')} ms`);
      const csv = csvExports(ctx, central, 1);
      return [
        measurement({ name: `PG merge, bundle ${sites} vs 1 (median of ${ENDS} at each end)`, value: median(last), unit: 'ms', baseline: median(first), goal: 'ratio ≤ 1.2', met: (_v, r) => r !== null && r <= 1.2 }),
        measurement({ name: `PG merge peak memory, ${sites} bundles vs 1`, value: all.maxRssMB, unit: 'MiB', baseline: one.maxRssMB, goal: 'ratio ≤ 1.5', met: (_v, r) => r !== null && r <= 1.5 }),
        measurement({ name: `PG merge ${sites}×${patients} (instances/s)`, value: all.instances / (all.ms / 1000), unit: 'inst/s', goal: 'printed' }),
        measurement({ name: `PG CSV export, ${sites}×${patients} central`, value: csv.ms, unit: 'ms', baseline: csv.rawMs, goal: 'ratio ≤ 1.5', met: (_v, r) => r !== null && r <= 1.5 }),
      ];
    });
  },
};
