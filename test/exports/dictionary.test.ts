// REDCap dictionary: 18 columns, record_id first, each field once, choices/calcs/branching logic verbatim.

import { parse } from 'csv-parse/sync';
import { REDCAP_COLUMNS } from '../../src/core/exports/dictionary/redcap-columns';
import { redcapChoices } from '../../src/core/exports/dictionary/redcap-field';
import { studyToRedcapDictionary } from '../../src/core/exports/dictionary/redcap-dictionary';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import type { Field } from '../../src/shared/study/definition.schema';

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
  const csv = studyToRedcapDictionary(study.definition);
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

  it('carries calculations and branching logic verbatim, and marks the extensions REDCap lacks', () => {
    const bsa = fieldOf('bsa_m2');
    expect(find('bsa_m2')).toMatchObject({ 'Field Type': 'calc', 'Choices, Calculations, OR Slider Labels': bsa.type === 'calc' ? bsa.calc : '' });
    expect(find('bsa_m2')['Field Annotation']).not.toContain('EDC extension');
    const age = find('age_first_dose');
    expect(age['Field Annotation']).toMatch(/EDC extension in the calculation.*\[ino:cyc_start\].*min\(\) over the instances of repeating form ino/s);
    for (const { field } of fields) {
      if (field.type === 'calc') continue;
      expect(find(field.name)['Branching Logic (Show field only if...)']).toBe(field.showIf ?? '');
      expect(find(field.name)['Required Field?']).toBe(field.required ? 'y' : '');
    }
    expect(find('comorbidities')['Branching Logic (Show field only if...)']).toBe('[comorb_any] = 1');
    expect(find('cyc_tki')['Field Annotation']).toContain('Required when: [dx:ph_status] = 1');
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
