// Cohort plausibility over 300 generated plans (no database), with facts cross-checked against the form data.

import { finalInstances } from '../../src/core/modules/patient-plan';
import { createRng } from '../../src/core/stats/random';
import { generatePatient, summarizePlans, type InoPatientPlan } from '../../src/studies/ino-all-it/synthetic';

const plans: InoPatientPlan[] = Array.from({ length: 300 }, (_, i) => generatePatient(createRng(`cohort-${i}`)));
const summary = summarizePlans(plans);

describe('distributions over 300 plans', () => {
  it('response, MRD and transplant rates are plausible (INO-VATE-like)', () => {
    expect(summary.crCri).toBeGreaterThanOrEqual(0.55);
    expect(summary.crCri).toBeLessThanOrEqual(0.85);
    expect(summary.mrdNegAmongResponders).toBeGreaterThanOrEqual(0.5);
    expect(summary.mrdNegAmongResponders).toBeLessThanOrEqual(0.85);
    expect(summary.hsctAmongResponders).toBeGreaterThanOrEqual(0.25);
    expect(summary.hsctAmongResponders).toBeLessThanOrEqual(0.55);
  });

  it('SOS/VOD in 5–25%, more frequent after HSCT', () => {
    expect(summary.sos).toBeGreaterThanOrEqual(0.05);
    expect(summary.sos).toBeLessThanOrEqual(0.25);
    expect(summary.sosAfterHsct).toBeGreaterThan(summary.sosWithoutHsct);
  });

  it('Ph+ 15–40%, median age 35–60, salvage lines 1–3, prior allo-HSCT 10–25%', () => {
    expect(summary.phPositive).toBeGreaterThanOrEqual(0.15);
    expect(summary.phPositive).toBeLessThanOrEqual(0.4);
    expect(summary.medianAge).toBeGreaterThanOrEqual(35);
    expect(summary.medianAge).toBeLessThanOrEqual(60);
    expect(Object.keys(summary.salvageLine).sort()).toEqual(['1', '2', '3']);
    expect(summary.priorAlloHsct).toBeGreaterThanOrEqual(0.1);
    expect(summary.priorAlloHsct).toBeLessThanOrEqual(0.25);
    expect(summary.medianCycles).toBeGreaterThanOrEqual(2);
    expect(summary.medianCycles).toBeLessThanOrEqual(3);
  });

  it('median OS from the first dose is a few months to a year', () => {
    expect(summary.medianOsMonths).not.toBeNull();
    expect(summary.medianOsMonths!).toBeGreaterThanOrEqual(5);
    expect(summary.medianOsMonths!).toBeLessThanOrEqual(11);
  });

  it('overrides, partial dates and edits stay at their configured shares', () => {
    expect(summary.patientsWithOverrides).toBeGreaterThanOrEqual(0.02);
    expect(summary.patientsWithOverrides).toBeLessThanOrEqual(0.12);
    expect(summary.partialDateShare).toBeGreaterThanOrEqual(0.02);
    expect(summary.partialDateShare).toBeLessThanOrEqual(0.06);
    expect(summary.missingShareOfEligible).toBeGreaterThanOrEqual(0.02);
    expect(summary.missingShareOfEligible).toBeLessThanOrEqual(0.06);
    expect(summary.editsPerPatient).toBeGreaterThan(0.1);
    expect(summary.instancesPerPatient).toBeGreaterThan(25);
    expect(summary.instancesPerPatient).toBeLessThan(50);
  });

  it('facts match the forms that carry them', () => {
    for (const plan of plans) {
      const forms = finalInstances(plan);
      const dx = forms.find((x) => x.form === 'dx')!.data;
      expect(dx.ph_status).toBe(plan.facts.ph === 'pos' ? '1' : plan.facts.ph === 'neg' ? '2' : '9');
      const cats = forms.filter((x) => x.form === 'resp').map((x) => x.data.resp_cat);
      expect(cats.includes('1') || cats.includes('2')).toBe(plan.facts.bestResponse === 'CR' || plan.facts.bestResponse === 'CRi');
      expect(forms.filter((x) => x.form === 'ino').length).toBe(plan.facts.cycles);
      expect(forms.some((x) => x.form === 'st' && x.data.st_type === '1')).toBe(plan.facts.hsctAfterIno);
      expect(forms.find((x) => x.form === 'fu')!.data.vital_status).toBe(plan.facts.dead ? '2' : plan.facts.lostToFollowUp ? '3' : '1');
    }
  });
});
