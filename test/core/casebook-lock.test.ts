// Casebook lock and unlock by the site administrator: every form of the subject locked and nothing of it
// changeable (new instances included) while it stands; the unlock gives each form back the status it had,
// forms locked one by one before stay locked; both recorded in the audit trail with the reason.

import { lockCasebook, unlockCasebook } from '../../src/core/subjects/casebook-lock';
import { lockForm, removeInstance, signForm } from '../../src/core/forms/instance-actions';
import { openForm } from '../../src/core/forms/open-form';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { getCasebook } from '../../src/core/subjects/casebook';
import { createSubject } from '../../src/core/subjects/create-subject';
import { listSubjects } from '../../src/core/subjects/list-subjects';
import { auditPage, countAudit } from '../../src/db/repositories/audit.repository';
import { deleteCentralLock, insertCentralLock } from '../../src/db/repositories/return-exchange.repository';
import { inWriteTransaction } from '../../src/db/transaction';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createTestSite, PASSWORDS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const DM = { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60, dx_date: '2019-03', comorb_any: '0' };
const AE = { ae_term: '10002272', ae_grade: '2', ae_onset: '2020-02' };
const save = (s: Session, input: Parameters<typeof SaveFormInput.parse>[0]) => saveForm(s, SaveFormInput.parse(input));

describe('casebook lock', () => {
  const tmp = tempDir();
  let site: TestSite;
  let entry: Session;
  let investigator: Session;
  let admin: Session;
  let subjectId: string;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    entry = await site.login('data_entry');
    investigator = await site.login('investigator');
    admin = await site.login('admin');
  });
  afterAll(async () => {
    for (const s of [entry, investigator, admin]) await s.close();
    tmp.cleanup();
  });

  /** A subject with dm signed and locked on its own, cyc #1 complete and ae #1 a draft. */
  beforeEach(async () => {
    subjectId = (await createSubject(entry, {})).id;
    await save(entry, { subjectId, form: 'dm', data: DM, complete: true });
    await signForm(investigator, { subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator });
    await lockForm(admin, { subjectId, form: 'dm', instanceNo: 1 });
    await save(entry, { subjectId, form: 'cyc', data: { cyc_no: 1, cyc_start: '2020-01-10', d1_dose_mg: 1.4 }, complete: true });
    await save(entry, { subjectId, form: 'ae', data: { ae_term: AE.ae_term } });
  });

  const statuses = async (): Promise<Record<string, string>> => Object.fromEntries((await getCasebook(entry, { subjectId })).instances.map((i) => [`${i.form}#${i.instanceNo}`, i.status]));

  it('locks every form instance and shows the lock on the casebook and on its forms', async () => {
    const lock = await lockCasebook(admin, { subjectId, reason: 'Database lock for the interim analysis' });
    expect(lock).toMatchObject({ subjectId, lockedBy: 'anna', reason: 'Database lock for the interim analysis', forms: 2 });
    expect(await statuses()).toEqual({ 'dm#1': 'locked', 'cyc#1': 'locked', 'ae#1': 'locked' });
    expect((await getCasebook(entry, { subjectId })).lock).toEqual(lock);
    expect((await openForm(admin, { subjectId, form: 'ae', instanceNo: 1 })).casebookLock).toEqual(lock);
  });

  it('counts a locked casebook’s forms as what they were: the draft not complete, only the signed form signed, all locked', async () => {
    await lockCasebook(admin, { subjectId, reason: 'Database lock for the interim analysis' });
    const expected = { instances: 3, complete: 2, signed: 1, locked: 3 };
    expect((await getCasebook(entry, { subjectId })).subject).toMatchObject(expected);
    expect((await listSubjects(entry, {})).find((s) => s.id === subjectId)).toMatchObject(expected);
  });

  it('refuses saves, new instances, signatures and removals with form.casebookLocked while locked, writing nothing', async () => {
    await lockCasebook(admin, { subjectId, reason: 'Database lock' });
    const before = await countAudit(entry.store.db);
    const refused = { code: 'form.casebookLocked', details: { subject: subjectId, user: 'anna', reason: 'Database lock' } };
    await expect(save(entry, { subjectId, form: 'ae', instanceNo: 1, data: { ae_grade: '2' } })).rejects.toMatchObject(refused);
    await expect(save(entry, { subjectId, form: 'ae', data: AE })).rejects.toMatchObject(refused);
    await expect(signForm(investigator, { subjectId, form: 'cyc', instanceNo: 1, password: PASSWORDS.investigator })).rejects.toMatchObject(refused);
    await expect(removeInstance(entry, { subjectId, form: 'ae', instanceNo: 1, reason: 'Entered twice' })).rejects.toMatchObject(refused);
    expect(await countAudit(entry.store.db)).toBe(before);
    expect(Object.keys(await statuses())).toEqual(['dm#1', 'cyc#1', 'ae#1']);
  });

  it('unlocks with a reason back to each form’s previous status, leaving forms locked one by one locked', async () => {
    await lockCasebook(admin, { subjectId, reason: 'Database lock' });
    const unlocked = await unlockCasebook(admin, { subjectId, reason: 'Late query from the monitor' });
    expect(unlocked).toEqual({ subjectId, restored: 2 });
    expect(await statuses()).toEqual({ 'dm#1': 'locked', 'cyc#1': 'complete', 'ae#1': 'draft' });
    const casebook = await getCasebook(entry, { subjectId });
    expect(casebook.lock).toBeNull();
    expect((await openForm(admin, { subjectId, form: 'dm', instanceNo: 1 })).casebookLock).toBeNull();
    expect(casebook.instances.find((i) => i.form === 'cyc')?.lockedBy).toBeNull();
    const saved = await save(entry, { subjectId, form: 'ae', instanceNo: 1, data: { ae_grade: '2', ae_onset: '2020-02' } });
    expect(saved.instance.data).toMatchObject({ ae_grade: '2' });
  });

  it('records the lock and the unlock with who, the reason and each form’s status change in the audit trail', async () => {
    const from = await countAudit(admin.store.db);
    await lockCasebook(admin, { subjectId, reason: 'Database lock' });
    await unlockCasebook(admin, { subjectId, reason: 'Late query' });
    const entries = (await auditPage(admin.store.db, 0, 100_000)).slice(from).filter((e) => e.subject_id === subjectId);
    const summary = entries.map((e) => [e.action, e.form_key, e.old_value, e.new_value, e.reason, e.user]);
    expect(summary).toEqual([
      ['form.lock', 'ae', 'draft', 'locked', 'Database lock', 'anna'],
      ['form.lock', 'cyc', 'complete', 'locked', 'Database lock', 'anna'],
      ['casebook.lock', null, null, null, 'Database lock', 'anna'],
      ['form.unlock', 'ae', 'locked', 'draft', 'Late query', 'anna'],
      ['form.unlock', 'cyc', 'locked', 'complete', 'Late query', 'anna'],
      ['casebook.unlock', null, null, null, 'Late query', 'anna'],
    ]);
  });

  it('refuses a second lock, an unlock of an unlocked casebook, and every role but the administrator', async () => {
    await expect(unlockCasebook(admin, { subjectId, reason: 'Nothing to unlock' })).rejects.toMatchObject({ code: 'form.casebookNotLocked' });
    for (const s of [entry, investigator]) await expect(lockCasebook(s, { subjectId, reason: 'Database lock' })).rejects.toMatchObject({ code: 'role.forbidden' });
    await lockCasebook(admin, { subjectId, reason: 'Database lock' });
    await expect(lockCasebook(admin, { subjectId, reason: 'Again' })).rejects.toMatchObject({ code: 'form.casebookLocked' });
    await expect(unlockCasebook(entry, { subjectId, reason: 'Not mine to unlock' })).rejects.toMatchObject({ code: 'role.forbidden' });
    expect((await getCasebook(entry, { subjectId })).lock).not.toBeNull();
  });

  it('refuses to lock or unlock a casebook the coordinating centre has frozen, with form.casebookFrozen, writing nothing', async () => {
    await lockCasebook(admin, { subjectId, reason: 'Database lock' });
    // The centre's freeze as a return bundle leaves it at the site.
    const freeze = { lockId: 'a'.repeat(32), scope: 'subject' as const, target: subjectId, reason: 'interim analysis', lockedAt: '2026-12-01T10:00:00.000Z', lockedBy: 'coordinator', certificateSha256: null };
    await inWriteTransaction(admin.store.db, (tx) => insertCentralLock(tx, freeze));
    const refused = { code: 'form.casebookFrozen', details: { subject: subjectId, scope: 'subject', reason: 'interim analysis' } };
    let auditBefore = await countAudit(admin.store.db);
    await expect(unlockCasebook(admin, { subjectId, reason: 'Late query' })).rejects.toMatchObject(refused);
    expect((await getCasebook(entry, { subjectId })).lock).not.toBeNull();
    expect(await countAudit(admin.store.db)).toBe(auditBefore);
    await inWriteTransaction(admin.store.db, (tx) => deleteCentralLock(tx, freeze.lockId));
    await unlockCasebook(admin, { subjectId, reason: 'Late query' });
    await inWriteTransaction(admin.store.db, (tx) => insertCentralLock(tx, freeze));
    auditBefore = await countAudit(admin.store.db);
    await expect(lockCasebook(admin, { subjectId, reason: 'Database lock' })).rejects.toMatchObject(refused);
    expect((await getCasebook(entry, { subjectId })).lock).toBeNull();
    expect(await countAudit(admin.store.db)).toBe(auditBefore);
    await inWriteTransaction(admin.store.db, (tx) => deleteCentralLock(tx, freeze.lockId));
  });
});
