// The generic synthetic generator on studies without a module: deterministic per seed, and every form it
// completes passes the study's checks with no missing item and nothing filled that a condition hides.

import { finalInstances, isMissingEntry, type PatientPlan } from '../../src/core/modules/patient-plan';
import { createRng } from '../../src/core/stats/random';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import type { LoadedStudy } from '../../src/core/study/load-definition';
import { genericGenerator, validatePlan } from '../../src/tools/synthetic';
import { miniStudyDefinition } from '../helpers/site';

const RUN = { dataCutoff: '2026-06-30', settings: {} };
const ENV = { params: {}, today: new Date('2026-11-25T10:00:00Z') };

function plans(study: LoadedStudy, n: number, seed: string, incomplete = false): PatientPlan[] {
  const generator = genericGenerator(study.compiled);
  return Array.from({ length: n }, (_, i) => generator.patient(createRng(`${seed}-${i}`), { ...RUN, incomplete }));
}

describe.each([
  ['htn-registry', () => loadBuiltInStudy('htn-registry')],
  ['the mini test study', () => miniStudyDefinition()],
])('generic generator on %s', (_name, load) => {
  const study = load();

  it('gives the same plans for the same seed and other plans for another', () => {
    expect(plans(study, 5, 'a')).toEqual(plans(study, 5, 'a'));
    expect(plans(study, 5, 'b')).not.toEqual(plans(study, 5, 'a'));
  });

  it('completes forms that pass every hard check, have no missing item, and override the soft failures left', () => {
    const all = plans(study, 60, 'valid');
    for (const [i, plan] of all.entries()) {
      const params = Object.fromEntries(study.definition.parameters.map((p) => [p.name, p.value]));
      expect({ i, problems: validatePlan(study.compiled, plan, { ...ENV, params }) }).toEqual({ i, problems: [] });
      for (const save of plan.saves.filter((s) => s.overrides)) expect(Object.values(save.overrides!).every((reason) => reason.length > 10)).toBe(true);
    }
    const completed = all.flatMap((p) => p.saves).filter((s) => s.complete).length;
    expect(completed / all.flatMap((p) => p.saves).length).toBeGreaterThan(0.9);
  });

  it('draws every value within the field’s hard range and among its choices', () => {
    for (const plan of plans(study, 30, 'range')) {
      for (const instance of finalInstances(plan)) {
        for (const [name, value] of Object.entries(instance.data)) {
          const field = study.compiled.field(instance.form, name)!.field;
          if (isMissingEntry(value)) continue;
          if ((field.type === 'integer' || field.type === 'decimal') && typeof value === 'number') {
            expect(value).toBeGreaterThanOrEqual(field.min ?? -Infinity);
            expect(value).toBeLessThanOrEqual(field.max ?? Infinity);
          }
          const codes = study.compiled.choicesOf(field)?.map((c) => c.code);
          if (codes && field.type !== 'calc') for (const code of Array.isArray(value) ? value : [value]) expect(codes).toContain(String(code));
        }
      }
    }
  });

  it('leaves a partly entered patient with drafts', () => {
    const [plan] = plans(study, 1, 'incomplete', true);
    expect(plan!.facts.incomplete).toBe(true);
    expect(plan!.saves.some((s) => !s.complete)).toBe(true);
  });
});

describe('generic generator on htn-registry', () => {
  const study = loadBuiltInStudy('htn-registry');

  it('fills a field only when its show-if condition holds (CKD stage only with chronic kidney disease)', () => {
    for (const plan of plans(study, 80, 'shown')) {
      const base = finalInstances(plan).find((i) => i.form === 'base')!.data;
      const ckd = Array.isArray(base.comorbidities) && base.comorbidities.includes('1');
      expect({ ckd, stage: base.ckd_stage !== undefined }).toEqual({ ckd, stage: ckd });
    }
  });

  it('keeps every date on or before the cut-off and fills the subject-id field at entry, not in the plan', () => {
    for (const plan of plans(study, 30, 'dates')) {
      const dates = finalInstances(plan).flatMap((i) => Object.values(i.data)).filter((v): v is string => typeof v === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(v));
      expect(dates.every((d) => d.slice(0, 10) <= '2026-06-30')).toBe(true);
      expect(plan.saves.find((s) => s.form === 'enrol')).toMatchObject({ subjectIdField: 'subject_id' });
      expect(finalInstances(plan).find((i) => i.form === 'enrol')!.data.subject_id).toBeUndefined();
    }
  });
});
