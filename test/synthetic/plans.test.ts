// Generated plans: deterministic per seed, valid against every check, realistic identities and CTCAE coding, partly entered patients.

import { checkCharacter, codiceFiscale, isValidCodiceFiscale } from '../../src/shared/study/codice-fiscale';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { finalInstances, isMissingEntry } from '../../src/core/modules/patient-plan';
import { createRng } from '../../src/core/stats/random';
import { generatePatient } from '../../src/studies/ino-all-it/synthetic';
import { sitePlans, validatePlan } from '../../src/tools/synthetic';

const study = loadBuiltInStudy('ino-all-it');
/** The study and site parameters a plan is checked under: the cut-off and the site's EC approval date. */
const envOf = (dataCutoff: string, ecApprovalDate: string) => ({ params: { data_cutoff: dataCutoff, site_ec_approval_date: ecApprovalDate }, today: new Date('2026-11-25T10:00:00Z') });
const ENV = envOf('2026-06-30', '2024-01-15');

describe('synthetic patient plans', () => {
  it('same seed → same plans; different seed → different plans', () => {
    const a = sitePlans({ seed: 42, patients: 15 });
    const b = sitePlans({ seed: 42, patients: 15 });
    const c = sitePlans({ seed: 43, patients: 15 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(JSON.stringify(c.map((p) => p.facts))).not.toEqual(JSON.stringify(a.map((p) => p.facts)));
    expect(generatePatient(createRng('x'))).toEqual(generatePatient(createRng('x')));
    expect(sitePlans({ seed: 42, patients: 3, siteId: 'IT02' })).not.toEqual(a.slice(0, 3));
  });

  it('every form a plan completes passes all hard checks, has no missing item, and soft failures are overridden', () => {
    for (let i = 0; i < 120; i += 1) {
      const plan = generatePatient(createRng(`validate-${i}`));
      expect({ i, problems: validatePlan(study.compiled, plan, ENV) }).toEqual({ i, problems: [] });
      // Also with the age imputed from the birth year (central evaluation, no identification log).
      expect({ i, problems: validatePlan(study.compiled, plan, { ...ENV, withIdentity: false }) }).toEqual({ i, problems: [] });
    }
  });

  it('keeps a different cut-off and EC approval date', () => {
    for (let i = 0; i < 20; i += 1) {
      const plan = generatePatient(createRng(`cutoff-${i}`), { dataCutoff: '2024-12-31', ecApprovalDate: '2023-05-02' });
      expect(validatePlan(study.compiled, plan, envOf('2024-12-31', '2023-05-02'))).toEqual([]);
      const dates = finalInstances(plan).flatMap((x) => Object.values(x.data)).filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v));
      expect(dates.every((d) => d <= '2024-12-31')).toBe(true);
    }
  });

  it('writes a valid identification log consistent with sex and birth year', () => {
    for (let i = 0; i < 60; i += 1) {
      const plan = generatePatient(createRng(`id-${i}`));
      const id = plan.identity;
      const cf = id.sil_codice_fiscale as string;
      expect(isValidCodiceFiscale(cf)).toBe(true);
      const birth = id.sil_birth_date as string;
      const dm = finalInstances(plan).find((x) => x.form === 'dm')!.data;
      expect(Number(birth.slice(0, 4))).toBe(dm.birth_year);
      expect(cf.slice(6, 8)).toBe(birth.slice(2, 4));
      const dayCode = Number(cf.slice(9, 11));
      expect(dm.sex === '2' ? dayCode - 40 : dayCode).toBe(Number(birth.slice(8, 10)));
      expect((id.sil_hospital_record_no as string[]).length).toBeGreaterThan(0);
      expect(id.sil_registration_date).toBe(finalInstances(plan).find((x) => x.form === 'elig')!.data.registration_date);
    }
    expect(codiceFiscale('Rossi', 'Mario', '1980-01-01', false, 'H501')).toBe(`RSSMRA80A01H501${checkCharacter('RSSMRA80A01H501')}`);
  });

  it('codes adverse events with CTCAE v5.0 MedDRA codes and grades that exist for the term', () => {
    const terms = new Map(study.definition.references.ctcae!.entries.map((e) => [e.key, e.attributes]));
    let sos = 0;
    for (let i = 0; i < 150; i += 1) {
      const plan = generatePatient(createRng(`ae-${i}`));
      for (const ae of finalInstances(plan).filter((x) => x.form === 'ae')) {
        const attrs = terms.get(ae.data.ae_term as string);
        expect(attrs).toBeDefined();
        expect(attrs![`grade${ae.data.ae_grade as string}`]).toBeTruthy();
        if (ae.data.ae_term === '10063675') sos += 1;
      }
      const vod = finalInstances(plan).filter((x) => x.form === 'vod');
      expect(vod.length).toBe(plan.facts.sos ? 1 : 0);
    }
    expect(sos).toBeGreaterThan(0);
  });

  it('leaves a partly entered patient with drafts and missing items, and no end-of-study form', () => {
    const plan = generatePatient(createRng('incomplete'), { incomplete: true });
    const drafts = plan.saves.filter((s) => !s.complete);
    expect(drafts.map((s) => s.form)).toEqual(expect.arrayContaining(['fu', 'ru']));
    expect(plan.saves.some((s) => s.form === 'eos')).toBe(false);
    const problems = validatePlan(study.compiled, plan, ENV);
    expect(problems).toEqual([]);
    expect(plan.facts.incomplete).toBe(true);
  });

  it('uses partial dates and missing-data reasons at about the configured share', () => {
    let partial = 0;
    let missing = 0;
    for (const share of [0, 0.2]) {
      partial = 0;
      missing = 0;
      for (let i = 0; i < 40; i += 1) {
        const plan = generatePatient(createRng(`q-${i}`), { partialDateShare: share, missingShare: share });
        for (const x of finalInstances(plan)) {
          for (const v of Object.values(x.data)) {
            if (isMissingEntry(v)) missing += 1;
            if (typeof v === 'string' && /^\d{4}(-\d{2})?$/.test(v) && x.form !== 'ru') partial += 1;
          }
        }
        if (share > 0) expect(validatePlan(study.compiled, plan, ENV)).toEqual([]);
      }
      if (share === 0) {
        expect(missing).toBe(0);
        expect(partial).toBe(0);
      }
    }
    expect(missing).toBeGreaterThan(100);
    expect(partial).toBeGreaterThan(30);
  });
});
