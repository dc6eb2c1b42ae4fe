// The Review grid's model: columns from the definition without calculated fields, display texts as labels or
// codes, missing-data reasons, sort keys, and where failed checks and missing items are highlighted.

import { loadBuiltInStudy } from '../../../core/study/built-in';
import type { ReviewRow } from '../../../shared/contract/review';
import { checkIndex, compareKeys, gridRows, presentCodes, reviewColumns } from './review-model';

const study = loadBuiltInStudy('ino-all-it').compiled;
const dm = study.form('dm')!;
const dx = study.form('dx')!;

function row(data: Record<string, unknown>, more: Partial<ReviewRow> = {}): ReviewRow {
  return { subjectId: 'IT01-0001', instanceNo: 1, status: 'draft', version: 1, updatedAt: '2026-01-01T00:00:00Z', updatedBy: 'dora', data, failed: [], overridden: [], missing: [], ...more };
}

describe('review model', () => {
  it('takes every field but the calculated ones, in the order of the form', () => {
    const columns = reviewColumns(study, dm, 'it');
    expect(columns.map((c) => c.name)).toEqual(dm.fields.filter((f) => f.type !== 'calc').map((f) => f.name));
    expect(columns.find((c) => c.name === 'sex')).toMatchObject({ label: 'Sesso', coded: true, numeric: false });
    expect(columns.find((c) => c.name === 'height_cm')).toMatchObject({ coded: false, numeric: true });
  });

  it('shows coded values as labels or codes, multiple choices joined, dates and numbers as people read them', () => {
    const columns = reviewColumns(study, dx, 'it');
    const lesions = study.field('dx', 'other_lesions')!.choices!;
    const data = { dx_date: '2018-05', other_lesions: [lesions[1]!.code, lesions[2]!.code], cd22_pct: 85.5, ph_status: '2' };
    const [labels] = gridRows([row(data)], columns, new Map(), 'it');
    expect(labels!.text.dx_date).toBe('05/2018');
    expect(labels!.text.cd22_pct).toBe('85,5');
    expect(labels!.text.other_lesions).toBe(`${lesions[1]!.label.it}; ${lesions[2]!.label.it}`);
    expect(labels!.codes.other_lesions).toEqual([lesions[1]!.code, lesions[2]!.code]);
    expect(labels!.codeText.other_lesions).toBe(`${lesions[1]!.code},${lesions[2]!.code}`);
    expect(labels!.codeText.ph_status).toBe('2');
    const [codes] = gridRows([row(data)], columns, new Map(), 'en');
    expect(codes!.text.cd22_pct).toBe('85.5');
    expect(codes!.sort.cd22_pct).toBe(85.5);
  });

  it('shows a missing-data reason as such, sorted with the blanks', () => {
    const [r] = gridRows([row({ ecog: { missing: 'NK' } })], reviewColumns(study, dm, 'it'), new Map(), 'it');
    expect(r!.reasons.ecog).toBe('NK');
    expect(r!.text.ecog).toBe('NK');
    expect(r!.sort.ecog).toBeNull();
  });

  it('puts failed checks on the fields they concern, confirmed warnings apart, and missing items on theirs', () => {
    const checks = checkIndex(study, 'dm');
    expect(checks.get('R_BIRTH_YEAR')).toMatchObject({ severity: 'hard', fields: ['birth_year'] });
    expect(checks.get('RANGE_DM_HEIGHT_CM')).toMatchObject({ severity: 'soft', fields: ['height_cm'] });
    const [r] = gridRows(
      [row({ birth_year: 2010, bsa_chart_m2: 2.05, height_cm: 99 }, { failed: ['R_BIRTH_YEAR', 'EC08', 'RANGE_DM_HEIGHT_CM', 'EC02'], overridden: ['RANGE_DM_HEIGHT_CM'], missing: ['ecog'] })],
      reviewColumns(study, dm, 'it'),
      checks,
      'it',
    );
    expect(r!.flags).toMatchObject({ birth_year: 'hard', bsa_chart_m2: 'soft', height_cm: 'overridden', ecog: 'missing' });
    expect(r!.flagChecks.birth_year).toEqual(['R_BIRTH_YEAR']);
    // EC02 concerns no field of the form: counted on the row only.
    expect(r!.counts).toEqual({ hard: 2, soft: 1, overridden: 1, missing: 1 });
  });

  it('sorts numbers as numbers and text naturally, blanks last; lists the codes present for a filter', () => {
    expect([10, null, 9, 100].sort(compareKeys)).toEqual([9, 10, 100, null]);
    expect(['it01-0010', 'it01-0002'].sort(compareKeys)).toEqual(['it01-0002', 'it01-0010']);
    const columns = reviewColumns(study, dm, 'it');
    const rows = gridRows([row({ sex: '2' }), row({ sex: '1' }), row({})], columns, new Map(), 'it');
    expect(presentCodes(rows, columns.find((c) => c.name === 'sex')!)).toEqual([
      { code: '1', label: 'Maschio' },
      { code: '2', label: 'Femmina' },
    ]);
  });

  it('finds a row by any text shown in it', () => {
    const [r] = gridRows([row({ sex: '2', birth_year: 1970 })], reviewColumns(study, dm, 'it'), new Map(), 'it');
    expect(r!.search).toContain('femmina');
    expect(r!.search).toContain('\u00012\u0001');
    expect(r!.search).toContain('1970');
    expect(r!.search).toContain('it01-0001');
  });
});
