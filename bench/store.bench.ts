// Issue 2: save latency (validate + write + audit) on a 500-subject site, next to a raw one-row INSERT
// commit on the same encrypted database, measured in the same run. Goal: p95 ≤ 5× the raw commit.

import { openSession } from '../src/core/auth/open-session';
import { openSqlite } from '../src/db/open-store';
import { saveForm } from '../src/core/forms/save-form';
import { listSubjects } from '../src/core/subjects/list-subjects';
import { SaveFormInput } from '../src/shared/contract/forms';
import { seededSite } from './fixtures';
import { measurement, nowMs, percentile, type Benchmark } from './measure';

export const storeBenchmark: Benchmark = {
  name: 'store',
  async run(ctx) {
    const fixture = await seededSite(ctx, ctx.quick ? 60 : 500);
    const user = fixture.users.find((u) => u.role === 'data_entry')!;
    const session = await openSession({ dbFile: fixture.dbFile, username: user.username, password: user.password });
    try {
      const subjects = (await listSubjects(session, {})).map((s) => s.id);
      const rounds = ctx.quick ? 60 : 300;
      // Realistic saves: a new adverse event on a full casebook, and a corrected follow-up contact.
      const saves: number[] = [];
      for (let i = 0; i < rounds; i += 1) {
        const subjectId = subjects[(i * 7) % subjects.length]!;
        const t = nowMs();
        await saveForm(
          session,
          SaveFormInput.parse({
            subjectId,
            form: 'ae',
            data: { ae_term: '10016288', ae_grade: '3', ae_onset: { missing: 'NK' }, ae_outcome: '1', ae_serious: '0', ae_rel_ino: '3', ae_action_ino: '1' },
          }),
        );
        saves.push(nowMs() - t);
      }
      const raw: number[] = [];
      // The baseline: a raw connection of its own on the same store file (same WAL and synchronous=FULL).
      const sqlite = openSqlite(session.store.file, session.dbKey, false);
      try {
        sqlite.exec('CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
        const insert = sqlite.prepare('INSERT INTO bench_raw (payload) VALUES (?)');
        for (let i = 0; i < rounds; i += 1) {
          const t = nowMs();
          insert.run(JSON.stringify({ i, ae_term: '10016288', ae_grade: '3' }));
          raw.push(nowMs() - t);
        }
      } finally {
        sqlite.close();
      }
      saves.sort((a, b) => a - b);
      raw.sort((a, b) => a - b);
      const rawP50 = percentile(raw, 50);
      const rawP95 = percentile(raw, 95);
      return [
        measurement({ name: `save p50 (${fixture.subjects} subjects)`, value: percentile(saves, 50), unit: 'ms', baseline: rawP50, goal: '-' }),
        measurement({ name: `save p95 (${fixture.subjects} subjects)`, value: percentile(saves, 95), unit: 'ms', baseline: rawP95, goal: 'ratio ≤ 5', met: (_v, r) => r !== null && r <= 5 }),
      ];
    } finally {
      await session.close();
    }
  },
};
