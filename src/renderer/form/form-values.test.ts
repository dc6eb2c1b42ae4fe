// Form values ↔ stored entries: display formats, the save patch, exclusive choices, parsing through the schema.

import { loadBuiltInStudy } from '../../core/study/built-in';
import { dayNumber } from '../../shared/dates/partial-date';
import { buildFormSchema } from '../../shared/study/form-schema';
import { changedEntries, initialUiValues, isAppFilled, parseUiValues, toCandidate, toUiValue } from './form-values';
import { toggleChoice } from './widgets/MultiWidget';

const study = loadBuiltInStudy('ino-all-it').compiled;
const dm = study.form('dm')!;
const elig = study.form('elig')!;
const field = (form: string, name: string) => study.field(form, name)!.field;

describe('form values', () => {
  it('shows stored numbers with a decimal comma and dates dd/mm/yyyy in Italian, as stored in English', () => {
    expect(toUiValue(field('dm', 'hb'), 9.8, 'it')).toBe('9,8');
    expect(toUiValue(field('dm', 'hb'), 9.8, 'en')).toBe('9.8');
    expect(toUiValue(field('dm', 'baseline_date'), '2020-03-01', 'it')).toBe('01/03/2020');
    expect(toUiValue(field('dx', 'dx_date'), '2018-05', 'it')).toBe('05/2018');
    expect(toUiValue(field('dm', 'hb'), { missing: 'NK' }, 'it')).toEqual({ missing: 'NK' });
    expect(toUiValue(field('dm', 'comorbidities'), undefined, 'it')).toEqual([]);
  });

  it('turns typed dates into ISO for the schema, leaving unreadable text for it to refuse', () => {
    expect(toCandidate(field('dm', 'baseline_date'), '1/3/2020')).toBe('2020-03-01');
    expect(toCandidate(field('dm', 'baseline_date'), ' ')).toBeNull();
    expect(toCandidate(field('dm', 'baseline_date'), 'ieri')).toBe('ieri');
  });

  it('prefills the site and the casebook’s subject id, and proposes today on a new form only', () => {
    const fresh = initialUiValues(elig, {}, 'it', { siteId: 'IT01', subjectId: 'IT01-0007', today: '2026-11-25', isNew: true });
    expect(fresh.site_code).toBe('IT01');
    expect(fresh.subject_id).toBe('IT01-0007');
    expect(fresh.registration_date).toBe('25/11/2026');
    const saved = initialUiValues(elig, { subject_id: 'IT01-0001' }, 'it', { siteId: 'IT01', subjectId: 'IT01-0001', today: '2026-11-25', isNew: false });
    expect(saved.registration_date).toBe('');
  });

  it('marks the site and subject-id fields as filled by the app, and no field the user types', () => {
    expect(isAppFilled(field('elig', 'subject_id'))).toBe(true);
    expect(isAppFilled(field('elig', 'site_code'))).toBe(true);
    expect(isAppFilled(field('elig', 'registration_date'))).toBe(false);
    expect(isAppFilled(field('dm', 'hb'))).toBe(false);
  });

  it('parses what was typed; a bad value is reported and left out of the entries', () => {
    const schema = buildFormSchema(study, dm, { today: dayNumber(2026, 11, 25)! });
    const { entries, issues } = parseUiValues(schema, dm, { height_cm: '170', weight_kg: '70,5', hb: '99', baseline_date: '01/03/2020', comorbidities: [] });
    expect(entries).toEqual({ height_cm: 170, weight_kg: 70.5, baseline_date: '2020-03-01' });
    expect(issues.get('hb')).toEqual({ field: 'hb', code: 'value.outOfRange', detail: '3–20' });
  });

  it('sends only what changed, with null for a cleared field, and only writable fields', () => {
    expect(changedEntries({ hb: 9.8, wbc: 3.2, sdv_done: '1' }, { hb: 9.6, sdv_done: '2' }, ['hb', 'wbc', 'plt'])).toEqual({ hb: 9.6, wbc: null });
    expect(changedEntries({ comorbidities: ['1', '2'] }, { comorbidities: ['2', '1'] }, ['comorbidities'])).toEqual({});
  });

  it('unticks the others when an exclusive choice (None) is ticked, and None when another is', () => {
    expect(toggleChoice(['1', '3'], '0', true, ['0'])).toEqual(['0']);
    expect(toggleChoice(['0'], '2', true, ['0'])).toEqual(['2']);
    expect(toggleChoice(['1', '2'], '1', false, ['0'])).toEqual(['2']);
  });
});
