// REDCap dictionary: 18 columns, record_id first, each field once, choices, calculations and branching logic in
// REDCap's syntax (what REDCap cannot compute in the annotation), and no break of REDCap's dictionary rules.

import { parse } from 'csv-parse/sync';
import { REDCAP_COLUMNS } from '../../src/core/study/redcap/redcap-columns';
import { formatChoices as redcapChoices } from '../../src/core/study/redcap/redcap-choices';
import { redcapDictionary, studyToRedcapDictionary } from '../../src/core/exports/dictionary/redcap-dictionary';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import type { Field } from '../../src/shared/study/definition.schema';
import { checkDictionary } from './redcap/redcap-rules';

const EXPECTED_HEADER =
  'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation';

type Row = Record<(typeof REDCAP_COLUMNS)[number], string>;

/** REDCap's reading of a choices cell: `code, label` pairs split on ` | `, code up to the first comma. */
function parseChoices(cell: string): { code: string; label: string }[] {
  return cell.split(' | ').map((pair) => {
    const comma = pair.indexOf(',');
    return { code: pair.slice(0, comma).trim(), label: pair.slice(comma + 1).trim() };
  });
}

describe('REDCap data dictionary of ino-all-it', () => {
  const study = loadBuiltInStudy('ino-all-it');
  const fields = study.definition.forms.flatMap((form) => form.fields.map((field) => ({ form: form.key, field })));
  const dictionary = redcapDictionary(study.definition);
  const csv = dictionary.csv;
  const records = parse(csv, { bom: true }) as string[][];
  const rows = parse(csv, { columns: true }) as Row[];
  const byName = new Map(rows.map((r) => [r['Variable / Field Name'], r]));
  const find = (name: string): Row => {
    const row = byName.get(name);
    if (!row) throw new Error(`no row for ${name}`);
    return row;
  };
  const fieldOf = (name: string): Field => fields.find((f) => f.field.name === name)!.field;

  it("has exactly REDCap's 18 columns in REDCap's spelling, RFC 4180 records", () => {
    expect(csv.split('\r\n')[0]).toBe(EXPECTED_HEADER);
    expect(records[0]).toEqual([...REDCAP_COLUMNS]);
    expect(REDCAP_COLUMNS).toHaveLength(18);
    for (const record of records) expect(record).toHaveLength(18);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('starts with record_id in the first form, then every field exactly once, in its form', () => {
    expect(rows[0]).toMatchObject({ 'Variable / Field Name': 'record_id', 'Form Name': 'elig', 'Field Type': 'text' });
    expect(rows).toHaveLength(258 + 1);
    expect(fields).toHaveLength(258);
    expect(rows.slice(1).map((r) => [r['Form Name'], r['Variable / Field Name']])).toEqual(fields.map((f) => [f.form, f.field.name]));
    expect(new Set(rows.map((r) => r['Variable / Field Name'])).size).toBe(rows.length);
  });

  it('maps every field type to a REDCap field type and validation', () => {
    const seen = new Set<string>();
    for (const { field } of fields) {
      const row = find(field.name);
      seen.add(`${field.type}→${row['Field Type']}/${row['Text Validation Type OR Show Slider Number']}`);
      expect(row['Identifier?']).toBe('');
      expect(row['Field Annotation']).not.toContain('@HIDDEN');
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining(['text→text/', 'integer→text/integer', 'decimal→text/number', 'date→text/date_ymd', 'partialDate→text/', 'single→radio/', 'single→dropdown/autocomplete', 'multi→checkbox/', 'ynu→radio/', 'calc→calc/']),
    );
    expect(find('birth_year')).toMatchObject({ 'Text Validation Min': '1915', 'Required Field?': 'y' });
    expect(find('height_cm')['Field Note']).toMatch(/^cm\b/);
    expect(find('height_cm')['Field Annotation']).toContain('Soft range');
    expect(find('registration_date')['Text Validation Max']).toBe('today');
    expect(find('dx_date')['Field Note']).toMatch(/^YYYY, YYYY-MM or YYYY-MM-DD/);
  });

  it('writes choices that parse back to the definition codes, for radio, dropdown and checkbox fields', () => {
    let checked = 0;
    for (const { field } of fields) {
      if (field.type !== 'single' && field.type !== 'multi' && field.type !== 'ynu') continue;
      const codes = (study.compiled.choicesOf(field) ?? []).map((c) => c.code);
      expect(parseChoices(find(field.name)['Choices, Calculations, OR Slider Labels']).map((c) => c.code)).toEqual(codes);
      checked += 1;
    }
    expect(checked).toBe(70 + 17 + 39);
    expect(find('ae_term')['Choices, Calculations, OR Slider Labels'].split(' | ')).toHaveLength(837);
    expect(parseChoices(find('comorb_any')['Choices, Calculations, OR Slider Labels'])).toEqual([
      { code: '1', label: 'Yes' },
      { code: '0', label: 'No' },
      { code: '9', label: 'Unknown' },
    ]);
  });

  it('writes calculations in REDCap’s syntax: no not, isblank, hasmissingcode, [form:field] or exponent numbers', () => {
    const bsa = fieldOf('bsa_m2');
    expect(find('bsa_m2')).toMatchObject({ 'Field Type': 'calc', 'Choices, Calculations, OR Slider Labels': bsa.type === 'calc' ? bsa.calc : '' });
    expect(find('eligible')['Choices, Calculations, OR Slider Labels']).toMatch(/^if\(ismissingcode\(\[incl_age18\]\) = false and \[incl_age18\] = 1 and /);
    expect(find('cyc_bsa_m2')['Choices, Calculations, OR Slider Labels']).toBe('round(sqrt([height_cm] * if(isblankormissingcode([cyc_weight_kg]), [weight_kg], [cyc_weight_kg]) / 3600), 2)');
    expect(find('cyc_rdi')['Choices, Calculations, OR Slider Labels']).toBe('round([cyc_dose_mg_m2] / if([cyc_planned] = 1, 1.8, if([cyc_planned] = 2, 1.5, [cyc_planned_other])) * 100, 1)');
    expect(find('mrd_neg_1e4')['Choices, Calculations, OR Slider Labels']).toContain('[mrd_sensitivity] <= 0.0001');
    for (const row of rows.filter((r) => r['Field Type'] === 'calc')) {
      expect(row['Choices, Calculations, OR Slider Labels']).not.toMatch(/\bnot |\bisblank\(|\bhasmissingcode\(|\[[a-z_0-9]+:|\d[eE]-?\d/);
    }
  });

  it('makes a calculation REDCap cannot compute a read-only text field with the expression and the reasons in its annotation', () => {
    const age = fieldOf('age_first_dose');
    const row = find('age_first_dose');
    expect(row['Field Type']).toBe('text');
    expect(row['Field Annotation']).toContain('@READONLY');
    expect(row['Field Annotation']).toContain(`EDC calculation (number): ${age.type === 'calc' ? age.calc : ''}`);
    expect(row['Field Annotation']).toMatch(/REDCap cannot compute it: .*min\(\) over the instances of repeating form ino/);
    expect(dictionary.gaps.calculations.map((c) => c.field)).toEqual(['age_first_dose', 'ae_soc', 'last_contact_date', 'data_cutoff']);
    expect(dictionary.gaps.appValues).toEqual(['forms_complete', 'open_queries', 'pi_signoff_date']);
    expect(find('pi_signoff_date')).toMatchObject({ 'Field Type': 'text', 'Text Validation Type OR Show Slider Number': 'date_ymd' });
  });

  it('writes branching logic in REDCap’s syntax, blank tests counting missing-data codes as blank', () => {
    expect(find('comorbidities')['Branching Logic (Show field only if...)']).toBe('[comorb_any] = 1');
    expect(find('bm_blasts_date')['Branching Logic (Show field only if...)']).toBe('isblankormissingcode([bm_blasts_pct]) = false');
    expect(find('hsct_engraft_date')['Branching Logic (Show field only if...)']).toBe('([st_type] = 1 or [st_type] = 2) and (isblankormissingcode([hsct_graft_fail]) or [hsct_graft_fail] <> 1)');
    expect(find('ru_item_other')['Branching Logic (Show field only if...)']).toBe("[ru_item] = 'OTHER'");
    for (const { field } of fields) {
      if (field.type === 'calc') continue;
      expect(find(field.name)['Branching Logic (Show field only if...)'] !== '').toBe(field.showIf !== undefined);
      expect(find(field.name)['Required Field?']).toBe(field.required ? 'y' : '');
    }
    expect(find('cyc_tki')['Field Annotation']).toContain('Required when: [ph_status] = 1');
    const cr1 = fieldOf('cr1_date');
    expect(find('cr1_date')['Field Annotation']).toContain(`Required when (EDC expression, not REDCap syntax): ${cr1.type === 'calc' ? '' : cr1.requiredIf}`);
  });

  it('writes limits as plain decimals (mrd_sensitivity’s minimum 1e-7 as 0.0000001)', () => {
    expect(find('mrd_sensitivity')).toMatchObject({ 'Text Validation Min': '0.0000001', 'Text Validation Max': '0.01' });
  });

  it('breaks none of REDCap’s dictionary rules, in either language, annotations with line breaks kept in their record', () => {
    expect(checkDictionary(csv).violations).toEqual([]);
    expect(checkDictionary(studyToRedcapDictionary(study.definition, { lang: 'it' })).violations).toEqual([]);
    expect(find('weight_kg')['Field Annotation']).toContain('\n');
  });

  it('notes missing-data codes and unconfirmed facts in the Field Annotation', () => {
    expect(find('weight_kg')['Field Annotation']).toContain('Missing-data codes: ND = Not done, NK = Not known (not in source), NA = Not applicable.');
    const unconfirmed = fields.filter((f) => f.field.unconfirmed);
    expect(unconfirmed.length).toBeGreaterThan(0);
    for (const { field } of unconfirmed) expect(find(field.name)['Field Annotation']).toContain(`UNCONFIRMED: ${field.unconfirmed}`);
  });

  it('writes labels in Italian on request', () => {
    const italian = parse(studyToRedcapDictionary(study.definition, { lang: 'it' }), { columns: true }) as Row[];
    const row = (name: string): Row => italian.find((r) => r['Variable / Field Name'] === name)!;
    expect(row('comorb_any')['Choices, Calculations, OR Slider Labels']).toBe('1, Sì | 0, No | 9, Non noto');
    expect(row('dx_date')['Field Label']).toBe(fieldOf('dx_date').label.it);
  });

  it('keeps a label with a bar or a line break inside one choice', () => {
    expect(redcapChoices([{ code: 'A', label: { en: 'x | y\r\nz', it: 'i' } }], 'en')).toBe('A, x / y z');
  });
});
