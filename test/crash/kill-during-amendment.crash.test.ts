// Crash consistency of an amendment's apply: a child process importing a return bundle that carries amendment
// 0.1.0 → 1.1.0 (a rename and a recode over every subject's demographics) is killed with SIGKILL at random
// moments. After every kill the store opens, passes integrity_check, its audit chain verifies, and the
// amendment is either wholly applied — the version, every migrated value and its audit entry — or not at
// all; importing the bundle again then ends in the applied state.

import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { importReturn, readReturnFile } from '../../src/core/bundles/import-return';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import type { Session } from '../../src/core/store/session';
import type { EvaluatedFormInstance } from '../../src/db/domain';
import { listAmendments } from '../../src/db/repositories/amendment.repository';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { listAllInstances } from '../../src/db/repositories/form-instances.repository';
import { getMeta } from '../../src/db/repositories/meta.repository';
import { lastReturnImport } from '../../src/db/repositories/return-exchange.repository';
import { amendedNetwork, type AmendedNetwork } from '../amendments/amendment-fixture';
import { seededRandom } from '../helpers/bundle-data';
import { runAndKill as killChild, type KilledRun } from '../helpers/kill-child';
import { withRawConnection } from '../helpers/raw-connection';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const KILLS = Number(process.env.EDC_CRASH_KILLS ?? 110);
// The return import's child: it imports any return bundle, again and again, until it is killed.
const CHILD = join(__dirname, 'kill-during-return-import.child.js');
const DIST = join(__dirname, '..', '..', 'dist');
const SUBJECTS = 120;
const SEX: Readonly<Record<string, string>> = { '1': 'M', '2': 'F' };
const REASON = 'Amendment 1.1.0';

function runAndKill(dbFile: string, bundle: string, delayMs: number | null): Promise<KilledRun> {
  const env = { ...process.env, EDC_PASSWORD: PASSWORDS.admin };
  return killChild({ script: CHILD, args: [dbFile, USERS.admin, bundle], env, startLine: 'IMPORTING', doneLinePrefix: 'IMPORTED' }, delayMs);
}

interface AmendmentState {
  readonly version: string | undefined;
  readonly amendments: string[];
  readonly returnSequence: number;
  /** Each subject's demographics: definition version, row version and values. */
  readonly dm: [string, string, number, Record<string, unknown>][];
  /** The audit entries with the amendment's reason: action, subject, field, old and new value. */
  readonly audit: (string | null)[][];
}

const sortedData = (data: Readonly<Record<string, unknown>>): Record<string, unknown> => Object.fromEntries(Object.entries(data).sort(([a], [b]) => a.localeCompare(b)));
const dmRows = (instances: readonly EvaluatedFormInstance[]): EvaluatedFormInstance[] => instances.filter((i) => i.form === 'dm').sort((a, b) => a.subjectId.localeCompare(b.subjectId));

async function amendmentState(session: Session): Promise<AmendmentState> {
  const db = session.store.db;
  return {
    version: await getMeta(db, 'def_version'),
    amendments: (await listAmendments(db)).map((a) => a.version),
    returnSequence: (await lastReturnImport(db))?.sequence ?? 0,
    dm: dmRows(await listAllInstances(db)).map((i) => [i.subjectId, i.defVersion, i.version, sortedData(i.data)]),
    audit: (await auditPage(db, 0, 1_000_000))
      .filter((e) => e.reason === REASON)
      .map((e) => [e.action, e.subject_id, e.field, e.old_value, e.new_value])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  };
}

/** The state the amendment must produce, from the state before it: dx_date renamed, sex recoded, each change audited. */
function expectedAfter(before: AmendmentState): AmendmentState {
  const dm = before.dm.map(([subject, , version, data]): AmendmentState['dm'][number] => {
    const { dx_date: diagnosis, sex, ...rest } = data;
    return [subject, '1.1.0', version + 1, sortedData({ ...rest, diagnosis_date: diagnosis, sex: SEX[String(sex)] })];
  });
  const audit = before.dm.flatMap(([subject, , , data]) => [
    ['amendment.migrate', subject, 'dx_date', String(data.dx_date), null],
    ['amendment.migrate', subject, 'diagnosis_date', null, String(data.dx_date)],
    ['amendment.migrate', subject, 'sex', String(data.sex), SEX[String(data.sex)]!],
  ]);
  audit.push(['study.amendmentApplied', null, null, '0.1.0', '1.1.0']);
  return { version: '1.1.0', amendments: ['1.1.0'], returnSequence: 1, dm, audit: audit.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) };
}

describe('crash consistency of an amendment applied by the return import', () => {
  const tmp = tempDir();
  let amended: AmendedNetwork;
  let oldState: string;
  let newState: string;
  const snapshot = join(tmp.dir, 'site-before-amendment.db');

  const restoreOld = (): void => {
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${amended.dbFile}${suffix}`, { force: true });
    copyFileSync(snapshot, amended.dbFile);
  };

  const withSite = async <T>(work: (session: Session) => Promise<T>): Promise<T> => {
    const session = await amended.login();
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  };

  beforeAll(async () => {
    for (const file of ['core/bundles/import-return.js', 'core/bundles/apply-amendment.js', 'core/auth/open-session.js']) {
      if (!existsSync(join(DIST, file))) throw new Error('run `npm run build:node` first (npm ci does it)');
    }
    amended = await amendedNetwork(tmp.dir, SUBJECTS);
    copyFileSync(amended.dbFile, snapshot);
    const before = await withSite(amendmentState);
    expect(before.dm).toHaveLength(SUBJECTS);
    expect([before.version, before.amendments, before.audit]).toEqual(['0.1.0', [], []]);
    const after = await withSite(async (session) => {
      await importReturn(session, readReturnFile(amended.returnFile));
      return amendmentState(session);
    });
    expect(after).toEqual(expectedAfter(before));
    oldState = JSON.stringify(before);
    newState = JSON.stringify(after);
    restoreOld();
  }, 600_000);
  afterAll(() => tmp.cleanup());

  it(`leaves the amendment wholly applied or not at all through ${KILLS} SIGKILLs at random moments of its apply`, async () => {
    // Calibrate on the child's own import time (median of three), so the kills land all along it and after it.
    const durations: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      restoreOld();
      durations.push((await runAndKill(amended.dbFile, amended.returnFile, null)).workMs!);
    }
    const importMs = durations.sort((a, b) => a - b)[1]!;
    expect(importMs).toBeGreaterThan(0);

    const rand = seededRandom(1311);
    const outcomes = { old: 0, new: 0, oldLateInTheImport: 0 };
    for (let kill = 0; kill < KILLS; kill += 1) {
      restoreOld();
      const delay = Math.floor(rand() * importMs * 2);
      const run = await runAndKill(amended.dbFile, amended.returnFile, delay);
      await withSite(async (session) => {
        expect(withRawConnection(session, (sqlite) => sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
        expect((await verifyAuditChain(session.store.db)).ok).toBe(true);
        const state = JSON.stringify(await amendmentState(session));
        expect([oldState, newState]).toContain(state);
        if (run.doneBeforeKill) expect(state).toBe(newState);
        outcomes[state === newState ? 'new' : 'old'] += 1;
        if (state === oldState && delay >= importMs / 2) outcomes.oldLateInTheImport += 1;
        const again = await importReturn(session, readReturnFile(amended.returnFile));
        expect(again.status).toBe(state === newState ? 'unchanged' : 'applied');
        expect(JSON.stringify(await amendmentState(session))).toBe(newState);
        expect((await verifyAuditChain(session.store.db)).ok).toBe(true);
      });
    }
    expect(outcomes.old).toBeGreaterThanOrEqual(Math.floor(KILLS / 5));
    expect(outcomes.oldLateInTheImport).toBeGreaterThanOrEqual(Math.floor(KILLS / 20));
    expect(outcomes.new).toBeGreaterThanOrEqual(Math.floor(KILLS / 20));
  }, 3_600_000);
});
