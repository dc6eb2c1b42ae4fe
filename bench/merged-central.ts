// The exchange bench's central workload, kept: the coordinator folder after merging the derived site bundles
// (bench/exchange-fixture.ts), with a share of required items emptied (bench/queried-central.ts), cached
// between runs; each caller gets a fresh copy it may write to.

import { cpSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './child';
import { derivedBundles, exchangeFixture } from './exchange-fixture';
import { emptyRequiredItems } from './queried-central';
import type { BenchContext } from './measure';

const VERSION = 2;
/** One completed instance in this many loses a required item. */
const EMPTIED_EVERY = 25;

/** A fresh copy of a coordinator folder holding `sites` merged sites of `patients` subjects each. */
export async function mergedCentral(ctx: BenchContext, patients: number, sites: number): Promise<string> {
  const cached = join(ctx.cacheDir, `central-${patients}x${sites}-v${VERSION}`);
  const done = join(cached, 'merged.json');
  if (!existsSync(done)) {
    rmSync(cached, { recursive: true, force: true });
    const fixture = await exchangeFixture(ctx, patients);
    const derived = await derivedBundles(ctx, fixture, sites);
    ctx.log(`  merging ${sites} site bundles into a central store (cached afterwards)…`);
    const registrations = JSON.stringify(Object.fromEntries(derived.fingerprints));
    const merged = runChild<{ instances: number; refused: number }>('merge-child.ts', [fixture.coordinatorDir, registrations, ...derived.files]);
    if (merged.refused > 0) throw new Error(`${merged.refused} derived bundles were refused`);
    const emptied = await emptyRequiredItems(fixture.coordinatorDir, EMPTIED_EVERY);
    cpSync(fixture.coordinatorDir, join(cached, 'coordinator'), { recursive: true });
    writeFileSync(done, JSON.stringify({ sites, patients, instances: merged.instances, emptied }));
  }
  const work = join(ctx.workDir, `central-${patients}x${sites}-${Date.now()}`);
  cpSync(join(cached, 'coordinator'), work, { recursive: true });
  return work;
}
