// Child process of the queries benchmark: on a central store, either `queries generate` as the CLI runs it,
// or the baseline — the same subjects streamed and each evaluated once (evaluateSubject, the same
// environment) — printing elapsed time, subjects and queries raised as JSON.

import { openSession } from '../src/core/auth/open-session';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { readStoredSubjects } from '../src/core/dataset/dataset';
import { generateQueries } from '../src/core/queries/generate-queries';
import { getSiteParams } from '../src/db/repositories/meta.repository';
import { todayDayNumber } from '../src/shared/dates/partial-date';
import { evaluateSubject } from '../src/shared/study/evaluate-subject';
import { PASSPHRASE } from './exchange-fixture';
import { nowMs } from './measure';

async function main(): Promise<void> {
  const [what, coordinatorDir] = process.argv.slice(2);
  const session = await openSession({ dbFile: centralDbFile(coordinatorDir!), username: COORDINATOR_USER, password: PASSPHRASE });
  try {
    const t = nowMs();
    let subjects = 0;
    let raised = 0;
    if (what === 'generate') {
      const result = await generateQueries(session, readStoredSubjects(session.store.db, {}));
      subjects = result.subjects;
      raised = result.raised.length;
    } else {
      const env = { today: todayDayNumber(session.clock()), params: await getSiteParams(session.store.db) };
      for await (const { instances } of readStoredSubjects(session.store.db, {})) {
        evaluateSubject(session.study.compiled, instances, env);
        subjects += 1;
      }
    }
    const ms = nowMs() - t;
    process.stdout.write(`${JSON.stringify({ ms, subjects, raised })}\n`);
  } finally {
    await session.close();
  }
}

void main();
