// Benchmark fixtures kept between runs in the cache folder: a 500-subject ino-all-it site seeded through
// the core use-cases (slow to build, so built once per seed and app version).

import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keyringPathFor } from '../src/core/keys/keyring';
import { seedSite, seededUsers, type SeededUser } from '../src/tools/synthetic';
import type { BenchContext } from './measure';

const FIXTURE_VERSION = 4;

export interface SeededFixture {
  readonly dbFile: string;
  readonly users: readonly SeededUser[];
  readonly subjects: number;
}

/** A copy of the cached seeded site in the work folder (benchmarks may write to it). */
export async function seededSite(ctx: BenchContext, patients: number, siteId = 'IT01'): Promise<SeededFixture> {
  const cached = join(ctx.cacheDir, `site-${siteId}-${patients}-v${FIXTURE_VERSION}`);
  const cachedDb = join(cached, 'site.db');
  if (!existsSync(cachedDb)) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    ctx.log(`  seeding ${patients} subjects at ${siteId} through the core use-cases (cached afterwards)…`);
    const t = Date.now();
    const seeded = await seedSite({
      dir: cached,
      siteId,
      patients,
      seed: 2026,
      fast: true,
      clock: () => new Date('2026-11-25T10:00:00.000Z'),
      onProgress: (done, total) => {
        if (done % 50 === 0) ctx.log(`    ${done}/${total}`);
      },
    });
    cpSync(seeded.dbFile, cachedDb);
    cpSync(keyringPathFor(seeded.dbFile), keyringPathFor(cachedDb));
    if (seeded.dbFile !== cachedDb) {
      rmSync(seeded.dbFile, { force: true });
      rmSync(keyringPathFor(seeded.dbFile), { force: true });
    }
    ctx.log(`  seeded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const work = join(ctx.workDir, `site-${siteId}-${patients}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  const dbFile = join(work, 'site.db');
  cpSync(cachedDb, dbFile);
  cpSync(keyringPathFor(cachedDb), keyringPathFor(dbFile));
  return { dbFile, users: seededUsers(siteId), subjects: patients };
}
