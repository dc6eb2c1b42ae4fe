// The REDCap rule checker finds what REDCap refuses (the faults issue 14 found in the old export) and
// accepts a small project written by hand from REDCap's documentation.

import { checkDictionary, checkImport, checkRepeating, logicProblems, readmeMissingCodes, type Dictionary } from './redcap-rules';

const HEADER =
  'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation\r\n';

/** One dictionary row from its non-empty cells by column number. */
function row(cells: Record<number, string>): string {
  const all = Array.from({ length: 18 }, (_, i) => cells[i] ?? '');
  return `${all.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\r\n`;
}

const VALID =
  HEADER +
  row({ 0: 'record_id', 1: 'baseline', 3: 'text', 4: 'Record ID' }) +
  row({ 0: 'weight', 1: 'baseline', 3: 'text', 4: 'Weight', 7: 'number', 8: '0.0000001', 9: '250' }) +
  row({ 0: 'visit_date', 1: 'baseline', 3: 'text', 4: 'Visit', 7: 'date_ymd', 9: 'today' }) +
  row({ 0: 'symptoms', 1: 'baseline', 3: 'checkbox', 4: 'Symptoms', 5: '1, Fever | 2, Cough | NA-x, Other' }) +
  row({ 0: 'other', 1: 'baseline', 3: 'text', 4: 'Other', 11: "[symptoms(NA-x)] = '1' and isblankormissingcode([weight]) = false" }) +
  row({ 0: 'bmi', 1: 'baseline', 3: 'calc', 4: 'BMI', 5: "round(if([weight] = '', '', [weight] / 3), 1)" }) +
  row({ 0: 'label', 1: 'baseline', 3: 'text', 4: 'Label', 17: "@CALCTEXT(if([weight] > 100, 'heavy', 'light'))" }) +
  row({ 0: 'next_visit', 1: 'baseline', 3: 'text', 4: 'Next visit', 7: 'date_ymd', 17: "@CALCDATE([visit_date], 30, 'd')" }) +
  row({ 0: 'dose', 1: 'cycles', 3: 'text', 4: 'Dose', 7: 'integer', 8: '0', 9: '10' }) +
  row({ 0: 'response', 1: 'cycles', 3: 'radio', 4: 'Response', 5: '1, CR | 2, PR' });

function dictionary(): Dictionary {
  const { violations, dictionary: d } = checkDictionary(VALID);
  expect(violations).toEqual([]);
  return d;
}

describe('REDCap rule checker: data dictionary', () => {
  it('accepts a dictionary written by hand from REDCap’s documentation', () => {
    expect(dictionary().fields.map((f) => f.name)).toEqual(['record_id', 'weight', 'visit_date', 'symptoms', 'other', 'bmi', 'label', 'next_visit', 'dose', 'response']);
  });

  it('finds a record split by a line break written outside quotes', () => {
    const split = `${HEADER}record_id,baseline,,text,Record ID,,,,,,,,,,,,,\r\nweight,baseline,,text,Weight,,,,,,,,,,,,,first line\nsecond line\r\n`;
    expect(checkDictionary(split).violations.map((v) => v.rule)).toContain('columns');
  });

  it('finds a number limit in scientific notation and a limit without a numeric validation', () => {
    const rules = checkDictionary(HEADER + row({ 0: 'record_id', 1: 'f', 3: 'text', 4: 'ID' }) + row({ 0: 'x', 1: 'f', 3: 'text', 4: 'X', 7: 'number', 8: '1e-7' }) + row({ 0: 'y', 1: 'f', 3: 'text', 4: 'Y', 8: '3' })).violations;
    expect(rules.map((v) => [v.where, v.rule])).toEqual([
      ['row 3 (x)', 'limit'],
      ['row 4 (y)', 'limit'],
    ]);
  });

  it('finds unknown types and validations, bad names, choices without labels and forms split apart', () => {
    const text =
      HEADER +
      row({ 0: 'record_id', 1: 'a', 3: 'text', 4: 'ID' }) +
      row({ 0: 'Bad', 1: 'a', 3: 'text', 4: 'X' }) +
      row({ 0: 'p', 1: 'b', 3: 'partial_date', 4: 'P' }) +
      row({ 0: 'q', 1: 'a', 3: 'text', 4: 'Q', 7: 'decimal' }) +
      row({ 0: 'r', 1: 'a', 3: 'radio', 4: 'R', 5: '1 | 2, Two' });
    expect(new Set(checkDictionary(text).violations.map((v) => v.rule))).toEqual(new Set(['name', 'type', 'form', 'validation', 'choices']));
  });

  it('refuses in calculations and branching logic what the study language has and REDCap lacks', () => {
    const d = dictionary();
    expect(logicProblems('not isblank([weight])', 'branching', d).length).toBeGreaterThan(0);
    expect(logicProblems('fullyears([visit_date], [visit_date])', 'calc', d)).toEqual(['fullyears() is not a REDCap function']);
    expect(logicProblems('[baseline:weight] > 1', 'branching', d)).toEqual(['[baseline:weight] is not a REDCap field reference']);
    expect(logicProblems('[weight] <= 1E-4', 'branching', d)).toEqual(['number 1e… in scientific notation']);
    expect(logicProblems("if([weight] > 1, 'heavy', 'light')", 'calc', d)).toEqual(['a text value as the result of a numeric calculation']);
    expect(logicProblems('[height] > 1', 'branching', d)).toEqual(['[height] is not a field of the dictionary']);
    expect(logicProblems('[symptoms(3)] = 1', 'branching', d)).toEqual(['[symptoms(3)] is not a checkbox choice']);
    expect(logicProblems("datediff([visit_date], 'today', 'd', true) >= 0 and ismissingcode([weight]) = false", 'branching', d)).toEqual([]);
  });

  it('refuses @CALCDATE on a field without date validation and @CALCTEXT on a calc field', () => {
    const text = HEADER + row({ 0: 'record_id', 1: 'a', 3: 'text', 4: 'ID' }) + row({ 0: 'd', 1: 'a', 3: 'text', 4: 'D', 17: "@CALCDATE([d], 1, 'd')" }) + row({ 0: 'c', 1: 'a', 3: 'calc', 4: 'C', 5: '1', 17: '@CALCTEXT(1)' });
    expect(checkDictionary(text).violations.map((v) => v.rule)).toEqual(['@CALCDATE', '@CALCTEXT']);
  });
});

describe('REDCap rule checker: repeating instruments and data import', () => {
  const header = 'record_id,redcap_repeat_instrument,redcap_repeat_instance,weight,visit_date,symptoms___1,symptoms___2,symptoms___na_x,symptoms___nk,other,baseline_complete,dose,response,cycles_complete\r\n';

  it('accepts records in rows with repeating instances, checkbox columns and Missing Data Codes', () => {
    const d = dictionary();
    expect(checkRepeating('form_name,custom_form_label\r\ncycles,[dose]\r\n', d).violations).toEqual([]);
    const data = `${header}IT01-0001,,,0.0000001,2024-02-29,,,,1,,2,,,\r\nIT01-0001,cycles,1,,,,,,,,,NK,1,0\r\nIT01-0001,cycles,3,,,,,,,,,4,,1\r\n`;
    expect(checkImport(data, d, ['cycles'], ['ND', 'NK', 'NA']).violations).toEqual([]);
  });

  it('finds the faults of the old CSV files: subject_id first, extra and calculated columns, no repeat columns', () => {
    const d = dictionary();
    const old = 'subject_id,site_id,instance,dose,bmi,cycles_status\r\nIT01-0001,IT01,1,4,22.1,complete\r\n';
    const rules = checkImport(old, d, ['cycles'], []).violations.map((v) => `${v.rule}: ${v.detail}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'record id: first column subject_id is not the record ID record_id',
        'repeating: redcap_repeat_instrument and redcap_repeat_instance do not follow the record ID',
        'calculated: bmi is a calculated field',
        'columns: cycles_status is not a field of the dictionary',
      ]),
    );
  });

  it('finds values REDCap refuses: a missing-data code not set up, a date, a choice, a value in another form’s row', () => {
    const d = dictionary();
    const data = `${header}IT01-0001,,,NK,29/02/2024,,,,,,,,,\r\nIT01-0001,cycles,1,80,,,,,,,,11,3,\r\n`;
    const details = checkImport(data, d, ['cycles'], []).violations.map((v) => v.detail);
    expect(details).toEqual(
      expect.arrayContaining([
        'weight: "NK" is not a number REDCap reads',
        'visit_date: "29/02/2024" is not a YYYY-MM-DD date',
        'symptoms___nk is not a field of the dictionary',
        'weight (form baseline) has a value in a row of cycles',
        'dose: 11 above the maximum 10',
        'response: "3" is not a choice',
      ]),
    );
  });

  it('reads the Missing Data Codes to paste from a README and refuses a line that is not "code, label"', () => {
    expect(readmeMissingCodes('## Missing Data Codes\n\ntext\n\n```\nND, Not done\nNK, Not known\n```\n').codes).toEqual(['ND', 'NK']);
    expect(readmeMissingCodes('## Missing Data Codes\n\n```\nND = Not done\n```\n').violations).toHaveLength(1);
  });
});
