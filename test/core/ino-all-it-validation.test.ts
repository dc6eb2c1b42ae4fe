// Validation on the real ino-all-it definition, through the save use-case: each field type, each
// condition kind (show-if, required-if), each check kind (hard, soft with override, cross-form,
// cross-instance, reference list), with good and bad records.

import { saveForm } from '../../src/core/forms/save-form';
import { getFormInstance } from '../../src/core/forms/instance-actions';
import type { Session } from '../../src/core/store/session';
import { setSiteParam } from '../../src/core/store/site-settings';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createTestSite, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const save = (s: Session, input: Parameters<typeof SaveFormInput.parse>[0]) => saveForm(s, SaveFormInput.parse(input));
const bad = (field: string) => ({ code: 'form.invalidValues', details: expect.objectContaining({ fields: [field] }) as unknown });

describe('validation on the built-in ino-all-it definition', () => {
  const tmp = tempDir();
  let site: TestSite;
  let s: Session;
  let subjectId: string;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir, { study: loadBuiltInStudy('ino-all-it') });
    const admin = await site.login('admin');
    await setSiteParam(admin, 'site_ec_approval_date', '2016-01-01');
    await admin.close();
    s = await site.login('data_entry');
  });
  beforeEach(async () => {
    subjectId = (await createSubject(s, {})).id;
  });
  afterAll(async () => {
    await s.close();
    tmp.cleanup();
  });

  it('refuses each field type with a value of the wrong shape or outside its hard limits', async () => {
    await expect(save(s, { subjectId, form: 'elig', data: { consent_version: 'x'.repeat(41) } })).rejects.toMatchObject(bad('consent_version'));
    await expect(save(s, { subjectId, form: 'elig', data: { registration_date: '2026-02-30' } })).rejects.toMatchObject(bad('registration_date'));
    await expect(save(s, { subjectId, form: 'elig', data: { registration_date: '2027-01-01' } })).rejects.toMatchObject(bad('registration_date'));
    await expect(save(s, { subjectId, form: 'dm', data: { birth_year: 'nineteen' } })).rejects.toMatchObject(bad('birth_year'));
    await expect(save(s, { subjectId, form: 'dm', data: { height_cm: 99 } })).rejects.toMatchObject(bad('height_cm'));
    await expect(save(s, { subjectId, form: 'dm', data: { sex: '3' } })).rejects.toMatchObject(bad('sex'));
    await expect(save(s, { subjectId, form: 'dm', data: { comorb_any: '2' } })).rejects.toMatchObject(bad('comorb_any'));
    await expect(save(s, { subjectId, form: 'dm', data: { comorbidities: ['1', '77'] } })).rejects.toMatchObject(bad('comorbidities'));
    await expect(save(s, { subjectId, form: 'dm', data: { bsa_m2: 1.8 } })).rejects.toMatchObject(bad('bsa_m2'));
    await expect(save(s, { subjectId, form: 'dx', data: { dx_date: '2019' } })).rejects.toMatchObject(bad('dx_date'));
    await expect(save(s, { subjectId, form: 'ino', data: { cyc_modif: ['0', '3'] } })).rejects.toMatchObject(bad('cyc_modif'));
    await expect(save(s, { subjectId, form: 'ae', data: { ae_term: '99999999' } })).rejects.toMatchObject(bad('ae_term'));
  });

  it('accepts good values of every type, a missing-data reason, and computes the derived values', async () => {
    await save(s, { subjectId, form: 'elig', data: { registration_date: '2020-02-01', consent_version: 'v2 2019-06-01' } });
    const dm = await save(s, { subjectId, form: 'dm', data: { sex: '2', birth_year: 1970, height_cm: 165.5, weight_kg: 62.4, ecog: { missing: 'NK' }, comorb_any: '1', comorbidities: ['1', '99'], comorb_other: 'Gout' } });
    expect(dm.instance.calcs.bsa_m2).toBe(1.69);
    expect(dm.instance.data.ecog).toEqual({ missing: 'NK' });
    await save(s, { subjectId, form: 'dx', data: { dx_date: '2019-04', ph_status: '2' } });
    await save(s, { subjectId, form: 'ino', data: { cyc_no: 1, cyc_start: '2020-02-10', cyc_planned: '1', d1_dose_mg: 1.35, d8_dose_mg: 0.85, d8_date: '2020-02-17', d15_dose_mg: 0.85, d15_date: '2020-02-24' } });
    const cycle = await getFormInstance(s, { subjectId, form: 'ino', instanceNo: 1 });
    expect(cycle.calcs.cyc_dose_mg).toBe(3.05);
    expect(cycle.calcs.cyc_bsa_m2).toBe(1.69);
    const withAge = await getFormInstance(s, { subjectId, form: 'dm', instanceNo: 1 });
    expect(withAge.calcs.age_first_dose).toBe(49);
  });

  it('applies show-if (values cleared when hidden) and required-if (from another form)', async () => {
    await save(s, { subjectId, form: 'dm', data: { comorb_any: '1', comorbidities: ['99'], comorb_other: 'Gout' } });
    const hidden = await save(s, { subjectId, form: 'dm', data: { comorb_any: '0' } });
    expect(hidden.clearedHiddenFields.sort()).toEqual(['comorb_other', 'comorbidities']);
    await save(s, { subjectId, form: 'dx', data: { ph_status: '1' } });
    const ph = await save(s, { subjectId, form: 'ino', data: { cyc_no: 1, cyc_start: '2020-02-10', cyc_planned: '1', d1_dose_mg: 1.3, d8_dose_mg: 0, d15_dose_mg: 0 } });
    expect(ph.instance.missing).toContain('cyc_tki');
    await save(s, { subjectId, form: 'dx', data: { ph_status: '2' } });
    const noPh = await getFormInstance(s, { subjectId, form: 'ino', instanceNo: ph.instance.instanceNo });
    expect(noPh.missing).not.toContain('cyc_tki');
  });

  it('reports hard, soft, cross-form, cross-instance and reference-list checks', async () => {
    await save(s, { subjectId, form: 'dm', data: { birth_year: 1970 } });
    await save(s, { subjectId, form: 'ino', data: { cyc_no: 1, cyc_start: '2019-03-01', cyc_planned: '1', d1_dose_mg: 1.3, d8_dose_mg: 0, d15_dose_mg: 0 } });
    const dx = await save(s, { subjectId, form: 'dx', data: { dx_date: '2019-05', ph_status: '2', ph_like: '1', cd22_pct: 12 } });
    const ids = dx.instance.failures.map((f) => `${f.id}:${f.severity}`);
    expect(ids).toEqual(expect.arrayContaining(['EC06:hard', 'EC10:soft']));
    await save(s, { subjectId, form: 'dx', data: { ph_status: '1' } });
    expect((await getFormInstance(s, { subjectId, form: 'dx', instanceNo: 1 })).failures.map((f) => f.id)).toContain('EC11');
    const second = await save(s, { subjectId, form: 'ino', data: { cyc_no: 2, cyc_start: '2019-02-01', cyc_planned: '2', d1_dose_mg: 0.9, d8_dose_mg: 0, d15_dose_mg: 0 } });
    expect(second.instance.failures.map((f) => f.id)).toContain('EC21b');
    const sos = await save(s, { subjectId, form: 'ae', data: { ae_term: '10063675', ae_grade: '1' } });
    expect(sos.instance.failures.map((f) => f.id)).toContain('EC42');
    expect(sos.instance.calcs.ae_sos_flag).toBe('1');
    const ok = await save(s, { subjectId, form: 'ae', instanceNo: sos.instance.instanceNo, data: { ae_grade: '3' } });
    expect(ok.instance.failures.map((f) => f.id)).not.toContain('EC42');
  });
});
