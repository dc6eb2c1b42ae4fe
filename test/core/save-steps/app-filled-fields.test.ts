// Fields the app fills (the casebook's subject id, the user's site): filled in when absent, and a patch that
// names another subject or site is refused before anything is written.

import { validatePatch } from '../../../src/core/forms/apply-patch';
import { planData } from '../../../src/core/forms/save-plan';
import { loadBuiltInStudy } from '../../../src/core/study/built-in';

const study = loadBuiltInStudy('ino-all-it').compiled;
const elig = study.form('elig')!;
const context = { role: 'data_entry' as const, siteId: 'IT01', subjectId: 'IT01-0001', today: 20_000, instanceNo: 1 };

describe('fields the app fills from the casebook and the site', () => {
  it('refuses a subject id other than the casebook’s, naming the field', () => {
    expect(() => validatePatch(study, elig, { subject_id: 'IT01-0002' }, context)).toThrow(expect.objectContaining({ code: 'form.invalidValues', details: expect.objectContaining({ fields: ['subject_id'] }) }));
  });

  it('refuses a site other than the user’s', () => {
    expect(() => validatePatch(study, elig, { site_code: 'IT02' }, context)).toThrow(expect.objectContaining({ code: 'form.invalidValues' }));
  });

  it('accepts the casebook’s own subject id and site echoed back', () => {
    expect(validatePatch(study, elig, { subject_id: 'IT01-0001', site_code: 'IT01' }, context).entries.get('subject_id')).toBe('IT01-0001');
  });

  it('fills the subject id and the site into a form saved without them', () => {
    const data = planData(elig, {}, { entries: new Map([['incl_age18', '1']]) }, { instanceNo: 1, siteId: 'IT01', subjectId: 'IT01-0001' });
    expect(data).toMatchObject({ subject_id: 'IT01-0001', site_code: 'IT01', incl_age18: '1' });
  });
});
