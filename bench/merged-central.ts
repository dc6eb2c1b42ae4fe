// The exchange bench's central workload, kept: the coordinator folder after merging the derived site bundles
// (bench/exchange-fixture.ts), with a share of required items emptied (bench/queried-central.ts), cached
// between runs; each caller gets a fresh copy it may write to. The exchange group hands over the store it has
// just merged (keepMergedCentral), so a cold run merges the 40 bundles once for both groups.

import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child';
import { derivedBundles, exchangeFixture } from './exchange-fixture';
import { emptyRequiredItems } from './queried-central';
import type { BenchContext } from './measure';

const VERSION = 2;
/** One completed instance in this many loses a required item. */
const EMPTIED_EVERY = 25;

const cacheEntry = (ctx: BenchContext, patients: number, sites: number): string => join(ctx.cacheDir, `central-${patients}x${sites}-v${VERSION}`);
const doneFile = (cached: string): string => join(cached, 'merged.json');

/**
 * Keeps a copy of a coordinator folder into which the `sites` derived bundles have just been merged (nothing else
 * done to it) as the cache entry, unless one is there; `coordinatorDir` itself is left as it was.
 */
export async function keepMergedCentral(ctx: BenchContext, patients: number, sites: number, coordinatorDir: string, instances: number): Promise<void> {
  const cached = cacheEntry(ctx, patients, sites);
  if (existsSync(doneFile(cached))) return;
  rmSync(cached, { recursive: true, force: true });
  const kept = join(cached, 'coordinator');
  cpSync(coordinatorDir, kept, { recursive: true });
  const emptied = await emptyRequiredItems(kept, EMPTIED_EVERY);
  writeFileSync(doneFile(cached), JSON.stringify({ sites, patients, instances, emptied }));
}

/** A fresh copy of a coordinator folder holding `sites` merged sites of `patients` subjects each. */
export async function mergedCentral(ctx: BenchContext, patients: number, sites: number): Promise<string> {
  const cached = cacheEntry(ctx, patients, sites);
  if (!existsSync(doneFile(cached))) {
    const fixture = await exchangeFixture(ctx, patients);
    const derived = await derivedBundles(ctx, fixture, sites);
    ctx.log(`  merging ${sites} site bundles into a central store (cached afterwards)…`);
    const registrations = JSON.stringify(Object.fromEntries(derived.fingerprints));
    const merged = runChild<{ instances: number; refused: number }>('merge-child.ts', [fixture.coordinatorDir, registrations, ...derived.files]);
    if (merged.refused > 0) throw new Error(`${merged.refused} derived bundles were refused`);
    await keepMergedCentral(ctx, patients, sites, fixture.coordinatorDir, merged.instances);
    rmSync(fixture.coordinatorDir, { recursive: true, force: true });
  }
  const work = join(ctx.workDir, `central-${patients}x${sites}-${Date.now()}`);
  cpSync(join(cached, 'coordinator'), work, { recursive: true });
  return work;
}
