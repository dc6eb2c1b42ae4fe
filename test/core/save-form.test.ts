// Saving forms: type and hard-limit validation, drafts with open issues, completion rules, soft-check
// overrides, reasons for change, hidden fields, per-field audit, versions, signatures and locks.

import { fieldHistory } from '../../src/core/audit/audit-queries';
import { getFormInstance, lockForm, removeInstance, signForm, unlockForm } from '../../src/core/forms/instance-actions';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { getCasebook } from '../../src/core/subjects/casebook';
import { createSubject } from '../../src/core/subjects/create-subject';
import { setIdentity } from '../../src/core/subjects/identity';
import { listSubjects } from '../../src/core/subjects/list-subjects';
import { countAudit } from '../../src/db/repositories/audit.repository';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createTestSite, PASSWORDS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const DM = { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60, dx_date: '2019-03', comorb_any: '0' };
const save = (s: Session, input: Parameters<typeof SaveFormInput.parse>[0]) => saveForm(s, SaveFormInput.parse(input));

describe('saving forms', () => {
  const tmp = tempDir();
  let site: TestSite;
  let entry: Session;
  let subjectId: string;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    entry = await site.login('data_entry');
  });
  beforeEach(async () => {
    subjectId = (await createSubject(entry, {})).id;
  });
  afterAll(async () => {
    await entry.close();
    tmp.cleanup();
  });

  it('allocates consecutive pseudonyms per site', async () => {
    const a = await createSubject(entry, {});
    const b = await createSubject(entry, {});
    expect(Number(b.id.slice(5)) - Number(a.id.slice(5))).toBe(1);
    expect(a.id).toMatch(/^IT01-\d{4}$/);
  });

  it('never stores a value of the wrong type or outside hard limits, and writes nothing', async () => {
    const before = await countAudit(entry.store.db);
    await expect(save(entry, { subjectId, form: 'dm', data: { height_cm: 300, sex: '7', birth_year: 'abc', dx_date: '2019-13' } })).rejects.toMatchObject({
      code: 'form.invalidValues',
      details: { fields: ['height_cm', 'sex', 'birth_year', 'dx_date'] },
    });
    await expect(save(entry, { subjectId, form: 'dm', data: { weight_kg: 60.25 } })).rejects.toMatchObject({ code: 'form.invalidValues' });
    await expect(save(entry, { subjectId, form: 'dm', data: { dx_date: '2019' } })).rejects.toMatchObject({ code: 'form.invalidValues' });
    await expect(save(entry, { subjectId, form: 'dm', data: { bsa_m2: 2 } })).rejects.toMatchObject({ code: 'form.invalidValues' });
    await expect(save(entry, { subjectId, form: 'dm', data: { nonsense: 1 } })).rejects.toMatchObject({ code: 'form.invalidValues' });
    await expect(save(entry, { subjectId, form: 'dm', data: { site_code: 'IT99' } })).rejects.toMatchObject({ code: 'form.invalidValues' });
    await expect(save(entry, { subjectId, form: 'dm', data: { height_cm: { missing: 'XX' } } })).rejects.toMatchObject({ code: 'form.invalidValues' });
    expect(await countAudit(entry.store.db)).toBe(before);
    expect((await getCasebook(entry, { subjectId })).instances).toEqual([]);
  });

  it('saves a draft with missing items and failing checks, lists them, and refuses to complete it', async () => {
    const result = await save(entry, { subjectId, form: 'dm', data: { sex: '1', dx_date: '2019-03' } });
    expect(result.instance.status).toBe('draft');
    expect(result.instance.missing).toEqual(expect.arrayContaining(['birth_year', 'height_cm', 'weight_kg', 'comorb_any']));
    expect(result.instance.data.site_code).toBe('IT01');
    await expect(save(entry, { subjectId, form: 'dm', data: {}, complete: true })).rejects.toMatchObject({ code: 'form.incomplete' });
  });

  it('accepts a missing-data reason in place of a value for a required item', async () => {
    const result = await save(entry, { subjectId, form: 'dm', data: { ...DM, weight_kg: { missing: 'NK' } }, complete: true });
    expect(result.instance.status).toBe('complete');
    expect(result.instance.data.weight_kg).toEqual({ missing: 'NK' });
  });

  it('computes calculated values on every read (BSA Mosteller, age from birth year or identity birth date)', async () => {
    await save(entry, { subjectId, form: 'dm', data: DM });
    await save(entry, { subjectId, form: 'cyc', data: { cyc_no: 1, cyc_start: '2020-01-10', d1_dose_mg: 1.4 } });
    let dm = await getFormInstance(entry, { subjectId, form: 'dm', instanceNo: 1 });
    expect(dm.calcs.bsa_m2).toBe(1.66);
    expect(dm.calcs.age_first_dose).toBe(54);
    await setIdentity(entry, { subjectId, identity: { sil_birth_date: '1965-12-30' } });
    dm = await getFormInstance(entry, { subjectId, form: 'dm', instanceNo: 1 });
    expect(dm.calcs.age_first_dose).toBe(54);
    await setIdentity(entry, { subjectId, identity: { sil_birth_date: '1965-01-11' } });
    dm = await getFormInstance(entry, { subjectId, form: 'dm', instanceNo: 1 });
    expect(dm.calcs.age_first_dose).toBe(54);
    await setIdentity(entry, { subjectId, identity: { sil_birth_date: '1965-01-09' } });
    dm = await getFormInstance(entry, { subjectId, form: 'dm', instanceNo: 1 });
    expect(dm.calcs.age_first_dose).toBe(55);
    const cyc = await getFormInstance(entry, { subjectId, form: 'cyc', instanceNo: 1 });
    expect(cyc.calcs.cyc_dose_mg_m2).toBe(0.84);
  });

  it('refuses completion on a failing hard check, including a cross-form one', async () => {
    await save(entry, { subjectId, form: 'cyc', data: { cyc_no: 1, cyc_start: '2019-01-10', d1_dose_mg: 1.4 } });
    await expect(save(entry, { subjectId, form: 'dm', data: DM, complete: true })).rejects.toMatchObject({ code: 'form.hardCheckFailed', details: { ids: ['EC01'] } });
    const draft = await save(entry, { subjectId, form: 'dm', data: DM });
    expect(draft.instance.failures.map((f) => f.id)).toEqual(['EC01']);
  });

  it('lets a partial date pass when some compatible full date would', async () => {
    await save(entry, { subjectId, form: 'cyc', data: { cyc_no: 1, cyc_start: '2019-03-15', d1_dose_mg: 1.4 } });
    const result = await save(entry, { subjectId, form: 'dm', data: DM, complete: true });
    expect(result.instance.failures).toEqual([]);
  });

  it('needs a reason to override a soft warning, keeps it, and audits it', async () => {
    const heavy = { ...DM, weight_kg: 130, height_cm: 160 };
    await expect(save(entry, { subjectId, form: 'dm', data: heavy, complete: true })).rejects.toMatchObject({ code: 'form.softCheckNeedsReason', details: { ids: ['EC02'] } });
    await expect(save(entry, { subjectId, form: 'dm', data: heavy, complete: true, overrides: { EC99: 'why not' } })).rejects.toMatchObject({ code: 'form.unknownOverride' });
    const result = await save(entry, { subjectId, form: 'dm', data: heavy, complete: true, overrides: { EC02: 'Obesity confirmed in chart' } });
    expect(result.instance.failures).toEqual([expect.objectContaining({ id: 'EC02', overridden: expect.objectContaining({ reason: 'Obesity confirmed in chart' }) })]);
    const history = await fieldHistory(entry, { subjectId, form: 'dm' });
    expect(history.find((h) => h.action === 'check.override')?.reason).toBe('Obesity confirmed in chart');
  });

  it('treats a value outside soft limits as a warning needing a reason', async () => {
    await expect(save(entry, { subjectId, form: 'dm', data: { ...DM, height_cm: 105, weight_kg: 30 }, complete: true })).rejects.toMatchObject({
      code: 'form.softCheckNeedsReason',
      details: { ids: ['RANGE_DM_HEIGHT_CM'] },
    });
  });

  it('requires a reason for change once completed, and writes one audit entry per changed field', async () => {
    await save(entry, { subjectId, form: 'dm', data: DM, complete: true });
    await expect(save(entry, { subjectId, form: 'dm', data: { height_cm: 166, weight_kg: 61 }, complete: true })).rejects.toMatchObject({ code: 'form.reasonRequired' });
    const result = await save(entry, { subjectId, form: 'dm', data: { height_cm: 166, weight_kg: 61 }, complete: true, reason: 'Transcription error' });
    expect(result.changedFields).toEqual(['height_cm', 'weight_kg']);
    const changes = (await fieldHistory(entry, { subjectId, form: 'dm' })).filter((h) => h.reason === 'Transcription error');
    expect(changes.map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
      ['height_cm', '165', '166'],
      ['weight_kg', '60', '61'],
    ]);
    expect(changes.every((c) => c.user === 'dora')).toBe(true);
  });

  it('clears values of fields a condition hides, and audits the clearing', async () => {
    await save(entry, { subjectId, form: 'dm', data: { ...DM, comorb_any: '1', comorbidities: ['1', '99'], comorb_other: 'Gout' } });
    const result = await save(entry, { subjectId, form: 'dm', data: { comorb_any: '0' } });
    expect(result.clearedHiddenFields.sort()).toEqual(['comorb_other', 'comorbidities']);
    expect(result.instance.data.comorbidities).toBeUndefined();
    const cleared = (await fieldHistory(entry, { subjectId, form: 'dm', field: 'comorb_other' })).at(-1);
    expect(cleared).toMatchObject({ oldValue: 'Gout', newValue: null, reason: 'cleared: hidden by a condition' });
  });

  it('numbers repeating instances, never reuses a number, and removes with a reason kept in the audit', async () => {
    const a = await save(entry, { subjectId, form: 'ae', data: { ae_term: '10002272', ae_grade: '3', ae_onset: '2020-02' } });
    const b = await save(entry, { subjectId, form: 'ae', data: { ae_term: '10002272', ae_grade: '2', ae_onset: '2020-03' } });
    expect([a.instance.instanceNo, b.instance.instanceNo, b.instance.data.ae_seq]).toEqual([1, 2, 2]);
    await removeInstance(entry, { subjectId, form: 'ae', instanceNo: 2, reason: 'Entered for the wrong patient' });
    const c = await save(entry, { subjectId, form: 'ae', data: { ae_term: '10002272', ae_grade: '1', ae_onset: '2020-04' } });
    expect(c.instance.instanceNo).toBe(3);
    const removal = (await fieldHistory(entry, { subjectId, form: 'ae', instanceNo: 2 })).find((h) => h.action === 'form.remove');
    expect(removal?.reason).toBe('Entered for the wrong patient');
    expect(removal?.oldValue).toContain('"ae_grade":"2"');
  });

  it('checks that a CTCAE grade exists for its term (SOS/VOD has no grade 1)', async () => {
    const r = await save(entry, { subjectId, form: 'ae', data: { ae_term: '10063675', ae_grade: '1', ae_onset: '2020-02' } });
    expect(r.instance.failures.map((f) => f.id)).toEqual(['EC04']);
    await expect(save(entry, { subjectId, form: 'ae', instanceNo: r.instance.instanceNo, data: {}, complete: true })).rejects.toMatchObject({ code: 'form.hardCheckFailed' });
  });

  it('refuses a save over a newer version', async () => {
    const first = await save(entry, { subjectId, form: 'dm', data: DM });
    await save(entry, { subjectId, form: 'dm', data: { height_cm: 170 }, expectedVersion: first.instance.version });
    await expect(save(entry, { subjectId, form: 'dm', data: { height_cm: 171 }, expectedVersion: first.instance.version })).rejects.toMatchObject({ code: 'form.versionConflict' });
  });

  it('signs with the password re-checked, voids the signature on change, locks and unlocks', async () => {
    await save(entry, { subjectId, form: 'dm', data: DM, complete: true });
    const investigator = await site.login('investigator');
    const admin = await site.login('admin');
    try {
      await expect(signForm(investigator, { subjectId, form: 'dm', instanceNo: 1, password: 'wrong' })).rejects.toMatchObject({ code: 'auth.wrongPassword' });
      const signed = await signForm(investigator, { subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator });
      expect(signed).toMatchObject({ status: 'signed', signedBy: 'ivo' });
      expect(signed.signMeaning).toContain('accurate');
      const locked = await lockForm(admin, { subjectId, form: 'dm', instanceNo: 1 });
      expect(locked.status).toBe('locked');
      await expect(save(entry, { subjectId, form: 'dm', data: { height_cm: 160 }, reason: 'fix' })).rejects.toMatchObject({ code: 'form.locked' });
      await unlockForm(admin, { subjectId, form: 'dm', instanceNo: 1, reason: 'Query from monitor' });
      const edited = await save(entry, { subjectId, form: 'dm', data: { height_cm: 160 }, reason: 'Source corrected', complete: true });
      expect(edited.instance).toMatchObject({ status: 'complete', signedBy: null });
      const actions = (await fieldHistory(entry, { subjectId, form: 'dm' })).map((h) => h.action);
      expect(actions).toEqual(expect.arrayContaining(['form.sign', 'form.lock', 'form.unlock', 'form.signatureVoided']));
    } finally {
      await investigator.close();
      await admin.close();
    }
  });

  it('keeps the subject list progress in step with saves', async () => {
    await save(entry, { subjectId, form: 'dm', data: { sex: '1' } });
    const row = (await listSubjects(entry, { search: subjectId.slice(5) })).find((s) => s.id === subjectId);
    expect(row).toMatchObject({ instances: 1, complete: 0 });
    expect(row!.missingItems).toBeGreaterThan(2);
    const withMissing = await listSubjects(entry, { filter: 'with_missing' });
    expect(withMissing.map((s) => s.id)).toContain(subjectId);
  });
});
