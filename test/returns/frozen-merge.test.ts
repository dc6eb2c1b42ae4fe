// A site bundle that changes data the centre has locked (the site edited before the return bundle with the
// lock reached it): the central data of the locked subject or site is kept as it was, the changed, new or
// removed records go to quarantine with the lock as reason, everything else merges; after the unlock the
// next bundle merges normally.

import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { lockCentral, unlockCentral } from '../../src/core/central/central-locks';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { removeInstance } from '../../src/core/forms/instance-actions';
import { saveForm } from '../../src/core/forms/save-form';
import { createSubject } from '../../src/core/subjects/create-subject';
import type { Session } from '../../src/core/store/session';
import { quarantineOfSite } from '../../src/db/repositories/central.repository';
import { streamFormInstances, streamSubjects } from '../../src/db/repositories/snapshot.repository';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { DIALECTS } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe.each(DIALECTS)('merge of a site bundle that changes data locked at the centre (%s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  let subjects: string[];
  let bundles = 0;

  async function atSite<T>(work: (s: Session) => Promise<T>): Promise<T> {
    const s = await site.login('admin');
    try {
      return await work(s);
    } finally {
      await s.close();
    }
  }
  async function atCentre<T>(work: (c: Session) => Promise<T>): Promise<T> {
    const c = await net.central();
    try {
      return await work(c);
    } finally {
      await c.close();
    }
  }
  async function sendBundle(): Promise<Awaited<ReturnType<typeof mergeBundle>>> {
    bundles += 1;
    const exported = await atSite((s) => exportBundle(s, join(tmp.dir, `usb${bundles}`)));
    return atCentre((c) => mergeBundle(c, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) }));
  }
  const setWeight = (s: Session, subjectId: string, weight: number): Promise<unknown> => saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { weight_kg: weight }, reason: 'chart re-read' }));
  const centralWeight = (subjectId: string): Promise<unknown> =>
    atCentre(async (c) => (await collect(streamFormInstances(c.store.db, 'IT01'))).find((i) => i.subjectId === subjectId && i.form === 'dm')?.data.weight_kg);
  const centralInstances = (subjectId: string): Promise<string[]> =>
    atCentre(async (c) => (await collect(streamFormInstances(c.store.db, 'IT01'))).filter((i) => i.subjectId === subjectId).map((i) => `${i.form}#${i.instanceNo}:v${i.version}`).sort());

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    site = await net.addSite('IT01');
    subjects = await atSite((s) => enrolSubjects(s, 3, { cycles: 1, adverseEvents: 1 }));
    await sendBundle();
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it('keeps the central data of a locked subject, quarantines its changed and removed records with the lock as reason, and merges the other subjects', async () => {
    const lockedBefore = await centralInstances(subjects[0]!);
    const weightBefore = await centralWeight(subjects[0]!);
    await atCentre((c) => lockCentral(c, { scope: 'subject', target: subjects[0]!, reason: 'interim analysis', coordinatorDir: net.coordinatorDir }));
    await atSite(async (s) => {
      await setWeight(s, subjects[0]!, 55);
      await removeInstance(s, { subjectId: subjects[0]!, form: 'ae', instanceNo: 1, reason: 'entered in the wrong chart' });
      await setWeight(s, subjects[1]!, 77);
    });

    const result = await sendBundle();

    expect(result.status).toBe('merged');
    expect(result.counts.quarantined).toBe(1);
    expect(await centralWeight(subjects[0]!)).toBe(weightBefore);
    expect(await centralInstances(subjects[0]!)).toEqual(lockedBefore);
    expect(await centralWeight(subjects[1]!)).toBe(77);
    const quarantine = await atCentre((c) => quarantineOfSite(c.store.db, 'IT01'));
    expect(quarantine.map((q) => q.recordKey).sort()).toEqual([`${subjects[0]!}|ae|1`, `${subjects[0]!}|dm|1`]);
    expect(quarantine.map((q) => q.reasons.join(' '))).toEqual([expect.stringContaining(`subject ${subjects[0]!} is locked at the centre`), expect.stringContaining(`subject ${subjects[0]!} is locked at the centre`)]);
    expect(quarantine.find((q) => q.recordKey.includes('|ae|'))!.reasons.join(' ')).toContain('removed at the site');
  });

  it('quarantines a new subject of a locked site and its records, and adds nothing of it to the central data', async () => {
    await atCentre((c) => lockCentral(c, { scope: 'site', target: 'IT01', reason: 'site closed out', coordinatorDir: net.coordinatorDir }));
    const added = await atSite(async (s) => {
      const { id } = await createSubject(s, {});
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'dm', data: { weight_kg: 70 } }));
      await setWeight(s, subjects[2]!, 88);
      return id;
    });
    const weightOfThird = await centralWeight(subjects[2]!);

    const result = await sendBundle();

    const centralSubjects = await atCentre(async (c) => (await collect(streamSubjects(c.store.db, 'IT01'))).map((s) => s.id));
    expect(centralSubjects).toEqual(subjects);
    expect(await centralInstances(added)).toEqual([]);
    expect(await centralWeight(subjects[2]!)).toBe(weightOfThird);
    const keys = (await atCentre((c) => quarantineOfSite(c.store.db, 'IT01'))).map((q) => q.recordKey).sort();
    expect(keys).toEqual([`${added}|dm|1`, `${subjects[0]!}|ae|1`, `${subjects[0]!}|dm|1`, `${subjects[2]!}|dm|1`].sort());
    expect(result.counts.quarantined).toBe(3);
  });

  it('merges what the site changed once the locks are lifted', async () => {
    await atCentre(async (c) => {
      await unlockCentral(c, { scope: 'site', target: 'IT01', reason: 'reopened for queries' });
      await unlockCentral(c, { scope: 'subject', target: subjects[0]!, reason: 'analysis done' });
    });

    const result = await sendBundle();

    expect(result.counts.quarantined).toBe(0);
    expect(await centralWeight(subjects[0]!)).toBe(55);
    expect(await centralWeight(subjects[2]!)).toBe(88);
    expect((await centralInstances(subjects[0]!)).some((i) => i.startsWith('ae#'))).toBe(false);
    expect(await atCentre((c) => quarantineOfSite(c.store.db, 'IT01'))).toEqual([]);
  });
});
