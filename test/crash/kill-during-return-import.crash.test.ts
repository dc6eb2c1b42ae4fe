// Crash consistency of the return import: a child process importing a large return bundle (200 queries,
// review marks, a subject lock, receipts) into a site store is killed with SIGKILL at random moments. After
// every kill the store opens, passes integrity_check, its audit chain verifies, and the bundle is either
// wholly applied (all of it, the return sequence advanced) or not at all — and importing it again succeeds.

import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReturn, readReturnFile } from '../../src/core/bundles/import-return';
import { lockCentral } from '../../src/core/central/central-locks';
import { exportReturn } from '../../src/core/central/export-return';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { raiseQuery } from '../../src/core/queries/raise-query';
import { markReviewed } from '../../src/core/review/review-marks';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import type { Session } from '../../src/core/store/session';
import { lastReceipt } from '../../src/db/repositories/bundle-log.repository';
import { eventsOfQueries, listQueries } from '../../src/db/repositories/queries.repository';
import { lastReturnImport, listCentralLocks, listReviewMarks } from '../../src/db/repositories/return-exchange.repository';
import { RaiseQueryInput } from '../../src/shared/contract/queries';
import { enrolSubjects, seededRandom } from '../helpers/bundle-data';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { withRawConnection } from '../helpers/raw-connection';
import { PASSWORDS, USERS } from '../helpers/site';
import { runAndKill as killChild, type KilledRun } from '../helpers/kill-child';
import { tempDir } from '../helpers/temp';

const KILLS = Number(process.env.EDC_CRASH_KILLS ?? 110);
const CHILD = join(__dirname, 'kill-during-return-import.child.js');
const DIST = join(__dirname, '..', '..', 'dist');
const SUBJECTS = 50;
const QUERIED_FIELDS = ['sex', 'birth_year', 'height_cm', 'weight_kg'] as const;
const REVIEWED = 40;

/** The child importing the return bundle into the site store. */
function runAndKill(dbFile: string, bundle: string, delayMs: number | null): Promise<KilledRun> {
  const env = { ...process.env, EDC_PASSWORD: PASSWORDS.data_entry };
  return killChild({ script: CHILD, args: [dbFile, USERS.data_entry, bundle], env, startLine: 'IMPORTING', doneLinePrefix: 'IMPORTED' }, delayMs);
}

/** What a return bundle changes at the site, by identity and state (no local timestamps, which differ per import). */
async function returnedState(session: Session): Promise<string> {
  const db = session.store.db;
  return JSON.stringify({
    queries: (await listQueries(db)).map((q) => `${q.id}:${q.status}`).sort(),
    events: (await eventsOfQueries(db)).map((e) => e.id).sort(),
    reviews: (await listReviewMarks(db)).map((m) => `${m.subjectId}/${m.form}/${m.instanceNo}/${m.side}`).sort(),
    locks: (await listCentralLocks(db)).map((l) => l.lockId).sort(),
    receipt: (await lastReceipt(db))?.sequence ?? 0,
    returnSequence: (await lastReturnImport(db))?.sequence ?? 0,
  });
}

describe('crash consistency of the return import', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  let bundle: string;
  let oldState: string;
  let newState: string;
  const snapshot = join(tmp.dir, 'site-before-import.db');

  /** Puts the site store back as it was before the return bundle was ever imported. */
  const restoreOld = (): void => {
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${site.dbFile}${suffix}`, { force: true });
    copyFileSync(snapshot, site.dbFile);
  };

  const withSite = async <T>(work: (session: Session) => Promise<T>): Promise<T> => {
    const session = await site.login('data_entry');
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  };

  beforeAll(async () => {
    for (const file of ['core/bundles/import-return.js', 'core/auth/open-session.js']) {
      if (!existsSync(join(DIST, file))) throw new Error('run `npm run build:node` first (npm ci does it)');
    }
    net = await createNetwork(tmp.dir);
    site = await net.addSite('IT01');
    const entry = await site.login('data_entry');
    const central = await net.central();
    let subjects: string[];
    try {
      subjects = await enrolSubjects(entry, SUBJECTS, { seed: 7, cycles: 1, adverseEvents: 1 });
      // Two site bundles merged, so the return bundle carries two receipts.
      const first = await exportBundle(entry, join(tmp.dir, 'usb'));
      await mergeBundle(central, first.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      await enrolSubjects(entry, 5, { seed: 8, cycles: 1, adverseEvents: 0 });
      await mergeBundle(central, (await exportBundle(entry, join(tmp.dir, 'usb'))).file);
      // 200 queries, one per demographic field of each of the first subjects; 40 forms reviewed; one subject locked.
      for (const subjectId of subjects) {
        for (const field of QUERIED_FIELDS) await raiseQuery(central, RaiseQueryInput.parse({ subjectId, form: 'dm', field, text: `please check ${field} in the source`, category: 'inconsistent' }));
      }
      for (const subjectId of subjects.slice(0, REVIEWED)) await markReviewed(central, { subjectId, form: 'dm', instanceNo: 1 });
      await lockCentral(central, { scope: 'subject', target: subjects[0]!, reason: 'interim analysis', coordinatorDir: net.coordinatorDir });
      bundle = (await exportReturn(central, { siteId: 'IT01', outDir: join(tmp.dir, 'back') })).file;
    } finally {
      await entry.close();
      await central.close();
    }
    copyFileSync(site.dbFile, snapshot);
    oldState = await withSite(returnedState);
    newState = await withSite(async (session) => {
      await importReturn(session, readReturnFile(bundle));
      return returnedState(session);
    });
    restoreOld();
    const applied = JSON.parse(newState) as { queries: string[]; events: string[]; reviews: string[]; locks: string[]; receipt: number; returnSequence: number };
    expect([applied.queries.length, applied.events.length, applied.reviews.length, applied.locks.length, applied.receipt, applied.returnSequence]).toEqual([SUBJECTS * QUERIED_FIELDS.length, SUBJECTS * QUERIED_FIELDS.length, REVIEWED, 1, 2, 1]);
    expect(JSON.parse(oldState)).toEqual({ queries: [], events: [], reviews: [], locks: [], receipt: 0, returnSequence: 0 });
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it(`leaves the return bundle wholly applied or not at all through ${KILLS} SIGKILLs at random moments of its import`, async () => {
    // Calibrate: how long the child's import of this bundle takes (median of three), so that the kills land
    // all along it and, some of them, after its commit.
    const durations: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      restoreOld();
      durations.push((await runAndKill(site.dbFile, bundle, null)).workMs!);
    }
    const importMs = durations.sort((a, b) => a - b)[1]!;
    expect(importMs).toBeGreaterThan(0);

    const rand = seededRandom(2027);
    const outcomes = { old: 0, new: 0, oldLateInTheImport: 0 };
    for (let kill = 0; kill < KILLS; kill += 1) {
      restoreOld();
      const delay = Math.floor(rand() * importMs * 2);
      const run = await runAndKill(site.dbFile, bundle, delay);
      await withSite(async (session) => {
        expect(withRawConnection(session, (sqlite) => sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
        expect((await verifyAuditChain(session.store.db)).ok).toBe(true);
        const state = await returnedState(session);
        expect([oldState, newState]).toContain(state);
        // An import reported as done survives the kill.
        if (run.doneBeforeKill) expect(state).toBe(newState);
        outcomes[state === newState ? 'new' : 'old'] += 1;
        if (state === oldState && delay >= importMs / 2) outcomes.oldLateInTheImport += 1;
        // Importing the same bundle again succeeds and ends in the applied state.
        const again = await importReturn(session, readReturnFile(bundle));
        expect(again.status).toBe(state === newState ? 'unchanged' : 'applied');
        expect(await returnedState(session)).toBe(newState);
        expect((await verifyAuditChain(session.store.db)).ok).toBe(true);
      });
    }
    // The kills really landed on both sides of the commit, some of them late in the import.
    expect(outcomes.old).toBeGreaterThanOrEqual(Math.floor(KILLS / 5));
    expect(outcomes.oldLateInTheImport).toBeGreaterThanOrEqual(Math.floor(KILLS / 20));
    expect(outcomes.new).toBeGreaterThanOrEqual(Math.floor(KILLS / 20));
  }, 3_600_000);
});
