// Re-evaluating a save: values in fields a condition hides are cleared, again and again while clearing
// hides more.

import { clearHiddenValues } from '../../../src/core/forms/clear-hidden';
import type { FormData } from '../../../src/shared/study/entries';
import { evaluateSubject, type InstanceEvaluation, type SubjectEvaluation } from '../../../src/shared/study/evaluate-subject';
import { miniStudyDefinition } from '../../helpers/site';

const study = miniStudyDefinition().compiled;
const env = { today: 20_000, params: {}, identityBirthDate: null };
const target = { form: 'dm', instanceNo: 1 };
const evaluateDm = (data: FormData): SubjectEvaluation => evaluateSubject(study, [{ form: 'dm', instanceNo: 1, data }], env);

/** An evaluation of one instance that hides the given fields. */
function hiding(hidden: string[]): SubjectEvaluation {
  const own: InstanceEvaluation = { form: 'dm', instanceNo: 1, calcs: {}, hidden, missing: [], failures: [] };
  return { instances: [own], get: () => own, openQueries: 0, formsComplete: false };
}

describe('clearing values hidden by a condition', () => {
  it('clears the comorbidity details when the answer to "any comorbidity" becomes no, and keeps the rest', () => {
    const result = clearHiddenValues({ sex: '1', comorb_any: '0', comorbidities: ['1', '99'], comorb_other: 'Gout' }, evaluateDm, target);
    expect(result.data).toEqual({ sex: '1', comorb_any: '0' });
    expect([...result.cleared].sort()).toEqual(['comorb_other', 'comorbidities']);
    expect(result.own.hidden).toEqual(expect.arrayContaining(['comorbidities', 'comorb_other']));
  });

  it('clears nothing and evaluates once when no value is hidden', () => {
    let evaluations = 0;
    const result = clearHiddenValues({ sex: '1', comorb_any: '1', comorbidities: ['99'], comorb_other: 'Gout' }, (data) => {
      evaluations += 1;
      return evaluateDm(data);
    }, target);
    expect(result.cleared).toEqual([]);
    expect(result.data.comorb_other).toBe('Gout');
    expect(evaluations).toBe(1);
  });

  it('evaluates again after clearing, and clears what the cleared values were keeping visible', () => {
    // `b` is hidden once `a` is gone: the second round finds it.
    const result = clearHiddenValues({ a: '1', b: '2', c: '3' }, (data) => hiding(data.a === undefined ? ['a', 'b'] : ['a']), target);
    expect(result.cleared).toEqual(['a', 'b']);
    expect(result.data).toEqual({ c: '3' });
  });
});
