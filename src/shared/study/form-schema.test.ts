// The form schema generated from a definition: per-type parsing, hard limits, missing reasons, no requiredness,
// and, on random input for every field of ino-all-it, the same answer as the save's validate-value.

import fc from 'fast-check';
import { loadBuiltInStudy } from '../../core/study/built-in';
import { dayNumber } from '../dates/partial-date';
import type { CompiledStudy } from './compile';
import { Field, type Form } from './definition.schema';
import { buildFormSchema, entrySchema, fieldIssues } from './form-schema';
import { validateValue } from './validate-value';

const TODAY = dayNumber(2026, 11, 25)!;
let study: CompiledStudy;

beforeAll(() => {
  study = loadBuiltInStudy('ino-all-it').compiled;
});

function form(key: string): Form {
  return study.form(key)!;
}

function parse(formKey: string, data: Record<string, unknown>) {
  return buildFormSchema(study, form(formKey), { today: TODAY }).safeParse(data);
}

describe('buildFormSchema', () => {
  it('accepts an empty draft: requiredness is not the schema’s business', () => {
    const result = parse('dm', {});
    expect(result.success).toBe(true);
  });

  it('has one entry per enterable field and none for calculated fields', () => {
    const schema = buildFormSchema(study, form('dm'), { today: TODAY });
    expect(Object.keys(schema.shape)).toContain('height_cm');
    expect(Object.keys(schema.shape)).not.toContain('bsa_m2');
  });

  it('parses decimals typed with a point or an Italian comma, and enforces hard limits and precision', () => {
    expect(parse('dm', { height_cm: '170,5', weight_kg: '70.2' })).toMatchObject({ success: true, data: { height_cm: 170.5, weight_kg: 70.2 } });
    const out = parse('dm', { height_cm: '99', weight_kg: '70.25', wbc: 'abc' });
    expect(out.success).toBe(false);
    if (out.success) return;
    expect(fieldIssues(out.error)).toEqual(
      expect.arrayContaining([
        { field: 'height_cm', code: 'value.outOfRange', detail: '100–230' },
        { field: 'weight_kg', code: 'value.tooPrecise', detail: '1' },
        { field: 'wbc', code: 'value.type', detail: 'decimal' },
      ]),
    );
  });

  it('refuses a decimal in an integer field', () => {
    const out = parse('dm', { birth_year: '1970.5' });
    expect(out.success).toBe(false);
  });

  it('checks dates: full date required where the type is date, coarsest precision of a partial date, not in the future', () => {
    expect(parse('dx', { dx_date: '2018-05' }).success).toBe(true);
    const year = parse('dx', { dx_date: '2018' });
    expect(year.success ? [] : fieldIssues(year.error)).toEqual([{ field: 'dx_date', code: 'value.datePrecision', detail: 'month' }]);
    const partialInDate = parse('dm', { baseline_date: '2020-03' });
    expect(partialInDate.success ? [] : fieldIssues(partialInDate.error)[0]?.code).toBe('value.datePrecision');
    const future = parse('dm', { baseline_date: '2027-01-01' });
    expect(future.success ? [] : fieldIssues(future.error)[0]?.code).toBe('value.future');
    const invalid = parse('dm', { baseline_date: '2020-02-30' });
    expect(invalid.success ? [] : fieldIssues(invalid.error)[0]?.code).toBe('value.invalidDate');
  });

  it('accepts a missing-data reason only where the field allows it', () => {
    expect(parse('dm', { hb: { missing: 'NK' } })).toMatchObject({ success: true, data: { hb: { missing: 'NK' } } });
    const field = Field.parse({ name: 'relapse_date', type: 'date', label: { it: 'Data', en: 'Date' }, missingReasons: ['NK'] });
    const schema = entrySchema(field, undefined, { today: TODAY })!;
    expect(schema.parse({ missing: 'NK' })).toEqual({ missing: 'NK' });
    const refused = schema.safeParse({ missing: 'NA' });
    expect(refused.success ? [] : fieldIssues(refused.error)).toEqual([{ field: '', code: 'value.missingReasonNotAllowed', detail: 'NA' }]);
  });

  it('checks choice codes, and that an exclusive choice (None) is never ticked with another', () => {
    expect(parse('dm', { sex: '3' }).success).toBe(false);
    expect(parse('dm', { sex: 1 })).toMatchObject({ success: true, data: { sex: '1' } });
    expect(parse('ino', { cyc_modif: ['3', '1'] })).toMatchObject({ success: true, data: { cyc_modif: ['1', '3'] } });
    const both = parse('ino', { cyc_modif: ['0', '1'] });
    expect(both.success ? [] : fieldIssues(both.error)).toEqual([{ field: 'cyc_modif', code: 'value.exclusiveChoice', detail: '0' }]);
  });

  it('checks text length, pattern and the codice fiscale format', () => {
    expect(parse('elig', { subject_id: 'IT01-0001' }).success).toBe(true);
    const bad = parse('elig', { subject_id: 'it01-1' });
    expect(bad.success ? [] : fieldIssues(bad.error)[0]?.code).toBe('value.pattern');
    expect(parse('elig', { consent_version: 'x'.repeat(41) }).success).toBe(false);
  });

  it('turns blanks (empty text, empty list, null) into null', () => {
    expect(parse('dm', { height_cm: '  ', comorbidities: [], hb: null })).toMatchObject({ success: true, data: { height_cm: null, comorbidities: null, hb: null } });
  });
});

describe('the form and the save accept and refuse the same values', () => {
  const typed = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 20 }),
    fc.constantFrom('1,5', ' 70.2 ', '-3', '1E-4', '0,0001', '12.345', '1.', '1,', ' ', '', '1e999', '1,5,3'),
    fc.integer({ min: -10, max: 3000 }),
    fc.double({ min: -100, max: 3000, noNaN: true }),
    fc.constantFrom('2020-03-02', '2020-03', '2020', '2027-01-01', '2020-02-30', ' 2020-03-02 ', '1', '0', '9', '99', 'INO_VIAL_CU', '10063675'),
    fc.array(fc.constantFrom('0', '1', '2', '3', '99'), { maxLength: 3 }),
    fc.record({ missing: fc.constantFrom('ND', 'NK', 'NA') }),
  );
  const fields = (): { form: string; field: Field }[] => study.definition.forms.flatMap((f) => f.fields.filter((x) => x.type !== 'calc').map((x) => ({ form: f.key, field: x })));
  const runs = { numRuns: 3000, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) };

  it('stores unchanged what the form accepted: the save takes the entry the form produced as it is', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields()), typed, ({ form: formKey, field }, value) => {
        const choices = study.field(formKey, field.name)?.choices;
        const ours = entrySchema(field, choices, { today: TODAY })!.safeParse(value);
        fc.pre(ours.success);
        if (!ours.success) return;
        expect(validateValue(field, ours.data, choices, TODAY)).toEqual({ ok: true, entry: ours.data });
      }),
      runs,
    );
  });

  it('refuses with the issue the save reports for the same value, and takes what the save takes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...fields()), typed, ({ form: formKey, field }, value) => {
        // A value as a save receives it (the CLI's JSON, the API): no comma typed for a point, no blank text.
        fc.pre(!(typeof value === 'string' && (value.includes(',') || value.trim() === '')));
        const choices = study.field(formKey, field.name)?.choices;
        const ours = entrySchema(field, choices, { today: TODAY })!.safeParse(value);
        const save = validateValue(field, value, choices, TODAY);
        if (ours.success) expect(save).toEqual({ ok: true, entry: ours.data });
        else expect(save).toEqual({ ok: false, issue: { ...fieldIssues(ours.error)[0]!, field: field.name } });
      }),
      runs,
    );
  });
});
