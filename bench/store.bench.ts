// Issues 2 and 17: save latency (validate + evaluate + write + audit) on a 500-subject site, next to the same
// rows written raw (bench/raw-save.ts) and, as before, a raw one-row INSERT commit, on an identical copy of the
// encrypted store in the same run. Goal: p95 ≤ 2× the raw save. Saves and raw saves alternate, so load on the machine
// falls on both alike.

import { copyFileSync, existsSync } from 'node:fs';
import { openSession } from '../src/core/auth/open-session';
import { openSqlite } from '../src/db/open-store';
import { saveForm } from '../src/core/forms/save-form';
import { listSubjects } from '../src/core/subjects/list-subjects';
import { SaveFormInput } from '../src/shared/contract/forms';
import { seededSite, type SeededFixture } from './fixtures';
import { measurement, nowMs, percentile, type BenchContext, type Benchmark, type Measurement } from './measure';
import { RawSave, savedRowsOf } from './raw-save';
import { grownSite } from './grown-site';

/** A realistic save: a new adverse event on a full casebook. */
const AE = { ae_term: '10016288', ae_grade: '3', ae_onset: { missing: 'NK' }, ae_outcome: '1', ae_serious: '0', ae_rel_ino: '3', ae_action_ino: '1' };

export interface SaveTimes {
  readonly subjects: number;
  readonly saves: number[];
  readonly rawSaves: number[];
  readonly inserts: number[];
}

interface SaveRig {
  readonly subjects: string[];
  save(subjectId: string): Promise<unknown>;
  readonly raw: RawSave;
  readonly sqlite: ReturnType<typeof openSqlite>;
  close(): Promise<void>;
}

async function rigOf(fixture: SeededFixture): Promise<SaveRig> {
  const user = fixture.users.find((u) => u.role === 'data_entry')!;
  // The baselines write to an identical copy of the store (same key, WAL and synchronous=FULL). On the same
  // file, each raw commit would make SQLite drop the app connection's page cache, so every audited save
  // would re-read and decrypt the pages it reads, which one connection per store (as in the app) never does.
  const rawFile = `${fixture.dbFile}.raw.db`;
  copyFileSync(fixture.dbFile, rawFile);
  if (existsSync(`${fixture.dbFile}-wal`)) copyFileSync(`${fixture.dbFile}-wal`, `${rawFile}-wal`);
  const session = await openSession({ dbFile: fixture.dbFile, username: user.username, password: user.password });
  const subjects = (await listSubjects(session, {})).map((s) => s.id);
  const save = (subjectId: string): Promise<unknown> => saveForm(session, SaveFormInput.parse({ subjectId, form: 'ae', data: AE }));
  // One untimed save gives the rows the raw saves write again.
  await save(subjects[0]!);
  const reader = openSqlite(session.store.file, session.dbKey, false);
  const template = (() => {
    try {
      return savedRowsOf(reader, subjects[0]!, 'ae');
    } finally {
      reader.close();
    }
  })();
  const sqlite = openSqlite(rawFile, session.dbKey, false);
  const raw = new RawSave(sqlite, template);
  return {
    subjects,
    save,
    raw,
    sqlite,
    async close() {
      sqlite.close();
      await session.close();
    },
  };
}

const sorted = (xs: readonly number[]): number[] => [...xs].sort((a, b) => a - b);

/**
 * `rounds` audited saves on each store alternating with as many raw saves of the same rows (after `warmUp`
 * untimed rounds of both), then one-row INSERTs. The stores take turns round by round, so a burst of load on
 * the machine touches all of them.
 */
export async function timeSaves(fixtures: readonly SeededFixture[], rounds: number, warmUp = 0): Promise<SaveTimes[]> {
  const rigs: SaveRig[] = [];
  try {
    for (const f of fixtures) rigs.push(await rigOf(f));
    const times = rigs.map(() => ({ saves: [] as number[], rawSaves: [] as number[], inserts: [] as number[] }));
    // The first rounds run untimed, on both sides alike: before V8 has optimised the save's code (about the first 40
    // saves), one save in eight is 3–8× the median, a start-up cost that would otherwise make most of a short run's p95.
    for (let i = -warmUp; i < rounds; i += 1) {
      for (const [k, rig] of rigs.entries()) {
        const subjectId = rig.subjects[(((i * 7 + 1) % rig.subjects.length) + rig.subjects.length) % rig.subjects.length]!;
        let t = nowMs();
        await rig.save(subjectId);
        const saved = nowMs() - t;
        const other = rig.subjects[(((i * 7 + 4) % rig.subjects.length) + rig.subjects.length) % rig.subjects.length]!;
        t = nowMs();
        rig.raw.save(other, new Date().toISOString());
        const raw = nowMs() - t;
        if (i < 0) continue;
        times[k]!.saves.push(saved);
        times[k]!.rawSaves.push(raw);
      }
    }
    for (const [k, rig] of rigs.entries()) {
      rig.sqlite.exec('CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
      const insert = rig.sqlite.prepare('INSERT INTO bench_raw (payload) VALUES (?)');
      for (let i = 0; i < rounds; i += 1) {
        const t = nowMs();
        insert.run(JSON.stringify({ i, ae_term: '10016288', ae_grade: '3' }));
        times[k]!.inserts.push(nowMs() - t);
      }
    }
    return fixtures.map((f, k) => ({ subjects: f.subjects, saves: sorted(times[k]!.saves), rawSaves: sorted(times[k]!.rawSaves), inserts: sorted(times[k]!.inserts) }));
  } finally {
    for (const rig of rigs) await rig.close();
  }
}

export function saveMeasurements(times: SaveTimes): Measurement[] {
  const n = times.subjects;
  return [
    measurement({ name: `save p50 (${n} subjects) vs raw save`, value: percentile(times.saves, 50), unit: 'ms', baseline: percentile(times.rawSaves, 50), goal: '-' }),
    measurement({ name: `save p95 (${n} subjects) vs raw save`, value: percentile(times.saves, 95), unit: 'ms', baseline: percentile(times.rawSaves, 95), goal: 'ratio ≤ 2', met: (_v, r) => r !== null && r <= 2 }),
    measurement({ name: `save p95 (${n} subjects) vs one-row INSERT`, value: percentile(times.saves, 95), unit: 'ms', baseline: percentile(times.inserts, 95), goal: '- (was ratio ≤ 5)' }),
  ];
}

export const storeBenchmark: Benchmark = {
  name: 'store',
  async run(ctx: BenchContext) {
    const base = ctx.quick ? 60 : 500;
    const [small, large] = await timeSaves([await seededSite(ctx, base), await grownSite(ctx, base, 10)], ctx.quick ? 60 : 300, ctx.quick ? 10 : 40);
    const p95 = (t: SaveTimes): number => percentile(t.saves, 95);
    return [
      ...saveMeasurements(small!),
      ...saveMeasurements(large!),
      measurement({ name: `save p95, ${large!.subjects} vs ${small!.subjects} subjects`, value: p95(large!), unit: 'ms', baseline: p95(small!), goal: 'ratio ≤ 1.2', met: (_v, r) => r !== null && r <= 1.2 }),
    ];
  },
};
