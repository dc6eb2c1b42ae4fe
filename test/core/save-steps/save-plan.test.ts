// Planning a save: the patch applied to the stored data, the instance number and the site id filled in,
// and the fields the save changes.

import { changedFields, planData } from '../../../src/core/forms/save-plan';
import type { ValidatedPatch } from '../../../src/core/forms/apply-patch';
import type { FormData, StoredEntry } from '../../../src/shared/study/entries';
import { miniStudyDefinition } from '../../helpers/site';

const study = miniStudyDefinition().compiled;
const patch = (entries: Record<string, StoredEntry | null>): ValidatedPatch => ({ entries: new Map(Object.entries(entries)) });

describe('planning the data a save writes', () => {
  it('sets the patched values, removes the cleared ones and leaves the stored data as it was', () => {
    const stored: FormData = { site_code: 'IT01', sex: '1', birth_year: 1970, height_cm: 170 };
    const data = planData(study.form('dm')!, stored, patch({ birth_year: 1971, height_cm: null, weight_kg: 70 }), { instanceNo: 1, siteId: 'IT01', subjectId: 'IT01-0001' });
    expect(data).toEqual({ site_code: 'IT01', sex: '1', birth_year: 1971, weight_kg: 70 });
    expect(stored).toEqual({ site_code: 'IT01', sex: '1', birth_year: 1970, height_cm: 170 });
  });

  it('fills the site id into an empty prefilled field, never over a stored one', () => {
    expect(planData(study.form('dm')!, {}, patch({ sex: '2' }), { instanceNo: 1, siteId: 'IT02', subjectId: 'IT02-0001' }).site_code).toBe('IT02');
    expect(planData(study.form('dm')!, { site_code: 'IT01' }, patch({ sex: '2' }), { instanceNo: 1, siteId: 'IT02', subjectId: 'IT02-0001' }).site_code).toBe('IT01');
  });

  it('writes the instance number into the sequence field of a repeating form', () => {
    expect(planData(study.form('ae')!, {}, patch({ ae_grade: '2' }), { instanceNo: 4, siteId: 'IT01', subjectId: 'IT01-0001' })).toEqual({ ae_grade: '2', ae_seq: 4 });
  });
});

describe('the fields a save changes', () => {
  it('lists added, changed and removed fields in name order', () => {
    expect(changedFields({ sex: '1', height_cm: 170, weight_kg: 70 }, { weight_kg: 71, birth_year: 1970, sex: '1' })).toEqual(['birth_year', 'height_cm', 'weight_kg']);
  });

  it('does not count a multiple choice ticked in another order as a change', () => {
    expect(changedFields({ comorbidities: ['1', '99'] }, { comorbidities: ['99', '1'] })).toEqual([]);
  });

  it('counts a value replaced by a missing-data reason as a change', () => {
    expect(changedFields({ weight_kg: 70 }, { weight_kg: { missing: 'NK' } })).toEqual(['weight_kg']);
  });
});
