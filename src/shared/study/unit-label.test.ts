// Units shown in the reader's language: words translated by the definition, symbols as they are.

import { loadBuiltInStudy } from '../../core/study/built-in';
import { unitLabel } from './unit-label';

const study = loadBuiltInStudy('ino-all-it').compiled;
const field = (form: string, name: string) => study.field(form, name)!.field;

describe('units in the reader’s language', () => {
  it('shows a unit written in words in Italian on an Italian form and in English on an English one', () => {
    expect(unitLabel(field('dm', 'age_first_dose'), 'it')).toBe('anni');
    expect(unitLabel(field('dm', 'age_first_dose'), 'en')).toBe('years');
    expect(unitLabel(field('dm', 'birth_year'), 'it')).toBe('anno');
  });

  it('shows a symbol unit as it is in both languages, and nothing for a field without a unit', () => {
    expect(unitLabel(field('dm', 'weight_kg'), 'it')).toBe('kg');
    expect(unitLabel(field('dm', 'sex'), 'it')).toBeUndefined();
  });

  it('leaves no English word as a unit on the study’s Italian forms', () => {
    const words = /^(years?|days?|vials?|fraction|ratio|% of blasts|mg\/kg\/day|× ULN|months?|weeks?|hours?|cycles?|doses?|units?)$/;
    const english = study.definition.forms.flatMap((f) => f.fields.filter((x) => words.test(unitLabel(x, 'it') ?? '')).map((x) => `${f.key}.${x.name}`));
    expect(english).toEqual([]);
  });
});
