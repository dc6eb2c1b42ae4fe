// Crash consistency of the merge: a child process merging a large bundle into the central store is
// killed with SIGKILL at random moments of the merge. After every kill the store opens, passes
// integrity_check, its own audit chain verifies, and its content digest is exactly the old snapshot of
// the site or exactly the new one — never a mix; and merging the same bundle again succeeds.

import { cpSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { centralDigest } from '../../src/core/central/central-digest';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { lastMergedBundle } from '../../src/db/repositories/central.repository';
import { withRawConnection } from '../helpers/raw-connection';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { enrolSubjects, seededRandom } from '../helpers/bundle-data';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { runAndKill as killChild, type KilledRun } from '../helpers/kill-child';
import { tempDir } from '../helpers/temp';

const KILLS = Number(process.env.EDC_CRASH_KILLS ?? 110);
const CHILD = join(__dirname, 'merge-loop.child.js');
const DIST = join(__dirname, '..', '..', 'dist');

/** The child merging the bundle into the coordinator folder. */
function runAndKill(coordinatorDir: string, bundle: string, delayMs: number | null): Promise<KilledRun> {
  const env = { ...process.env, EDC_PASSPHRASE: PASSPHRASE };
  return killChild({ script: CHILD, args: [coordinatorDir, bundle], env, startLine: 'MERGING', doneLinePrefix: 'MERGED' }, delayMs);
}

describe('crash consistency of the merge', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let bundle: string;
  let oldDigest: string;
  let newDigest: string;
  const snapshot = join(tmp.dir, 'coordinator-before-merge');

  /** Puts the central store back as it was before the bundle was ever merged. */
  const restoreOld = (): void => {
    rmSync(net.coordinatorDir, { recursive: true, force: true });
    cpSync(snapshot, net.coordinatorDir, { recursive: true });
  };

  const withCentral = async <T>(work: (central: Session) => Promise<T>): Promise<T> => {
    const central = await net.central();
    try {
      return await work(central);
    } finally {
      await central.close();
    }
  };

  beforeAll(async () => {
    for (const file of ['core/central/merge-bundle.js', 'core/auth/open-session.js', 'core/central/coordinator-files.js']) {
      if (!existsSync(join(DIST, file))) throw new Error('run `npm run build:node` first (npm ci does it)');
    }
    net = await createNetwork(tmp.dir);
    const it01 = await net.addSite('IT01');
    const site = await it01.login('data_entry');
    try {
      // A site large enough for a merge to take a while: 120 subjects, 480 form instances.
      await enrolSubjects(site, 120, { seed: 3, cycles: 2, adverseEvents: 1 });
      const first = await exportBundle(site, join(tmp.dir, 'usb'));
      await withCentral((central) => mergeBundle(central, first.file, { registerSites: new Map([['IT01', it01.fingerprint]]) }));
      // The next snapshot adds subjects and changes existing ones.
      const ids = await enrolSubjects(site, 40, { seed: 4, cycles: 2, adverseEvents: 2 });
      const rand = seededRandom(5);
      for (const subjectId of ids.slice(0, 20)) {
        await saveForm(site, SaveFormInput.parse({ subjectId, form: 'ae', data: { ae_term: '10002272', ae_grade: String(1 + Math.floor(rand() * 3)), ae_onset: '2020-11' } }));
      }
      bundle = (await exportBundle(site, join(tmp.dir, 'usb'))).file;
    } finally {
      await site.close();
    }
    oldDigest = await withCentral((central) => centralDigest(central.store.db));
    cpSync(net.coordinatorDir, snapshot, { recursive: true });
    newDigest = await withCentral(async (central) => {
      await mergeBundle(central, bundle);
      return centralDigest(central.store.db);
    });
    expect(newDigest).not.toBe(oldDigest);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it(`leaves the old or the new snapshot, never a mix, through ${KILLS} SIGKILLs at random moments of a merge`, async () => {
    // Calibrate: how long the child's merge of this bundle takes (median of three), so that the kills land
    // all along it and, some of them, after its commit.
    const durations: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      restoreOld();
      durations.push((await runAndKill(net.coordinatorDir, bundle, null)).workMs!);
    }
    const mergeMs = durations.sort((a, b) => a - b)[1]!;
    expect(mergeMs).toBeGreaterThan(0);

    const rand = seededRandom(2026);
    const outcomes = { old: 0, new: 0, oldWellIntoTheMerge: 0 };
    for (let kill = 0; kill < KILLS; kill += 1) {
      restoreOld();
      const delay = Math.floor(rand() * mergeMs * 1.6);
      const run = await runAndKill(net.coordinatorDir, bundle, delay);
      await withCentral(async (central) => {
        expect(withRawConnection(central, (sqlite) => sqlite.pragma('integrity_check', { simple: true }))).toBe('ok');
        expect((await verifyAuditChain(central.store.db)).ok).toBe(true);
        const digest = await centralDigest(central.store.db);
        expect([oldDigest, newDigest]).toContain(digest);
        const last = await lastMergedBundle(central.store.db, 'IT01');
        expect(last?.sequence).toBe(digest === newDigest ? 2 : 1);
        // A merge reported as done survives the kill.
        if (run.doneBeforeKill) expect(digest).toBe(newDigest);
        outcomes[digest === newDigest ? 'new' : 'old'] += 1;
        if (digest === oldDigest && delay >= mergeMs / 4) outcomes.oldWellIntoTheMerge += 1;
        // The next merge of the same bundle succeeds and ends in the new snapshot.
        const again = await mergeBundle(central, bundle);
        expect(again.status).toBe(digest === newDigest ? 'unchanged' : 'merged');
        expect(await centralDigest(central.store.db)).toBe(newDigest);
      });
    }
    // The kills really landed on both sides of the commit, many of them well into the merge transaction.
    expect(outcomes.old).toBeGreaterThanOrEqual(Math.floor(KILLS / 5));
    expect(outcomes.oldWellIntoTheMerge).toBeGreaterThanOrEqual(Math.floor(KILLS / 10));
    expect(outcomes.new).toBeGreaterThanOrEqual(Math.floor(KILLS / 20));
  }, 3_600_000);
});
