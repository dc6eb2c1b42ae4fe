// Benchmark fixtures kept between runs in the cache folder: the seeded ino-all-it site is the exchange
// fixture's kit site (bench/exchange-fixture.ts), so a cold run seeds patients through the use-cases once.

import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { keyringPathFor } from '../src/core/keys/keyring';
import type { SeededUser } from '../src/tools/synthetic';
import { exchangeFixture } from './exchange-fixture';
import type { BenchContext } from './measure';

export interface SeededFixture {
  readonly dbFile: string;
  readonly users: readonly SeededUser[];
  readonly subjects: number;
}

/** A copy of the cached seeded site in the work folder (benchmarks may write to it). */
export async function seededSite(ctx: BenchContext, patients: number): Promise<SeededFixture> {
  const exchange = await exchangeFixture(ctx, patients);
  const work = join(ctx.workDir, `site-${patients}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  const dbFile = join(work, 'site.db');
  cpSync(exchange.siteDb, dbFile);
  cpSync(keyringPathFor(exchange.siteDb), keyringPathFor(dbFile));
  return { dbFile, users: exchange.users, subjects: patients };
}
