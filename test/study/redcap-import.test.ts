// A study definition from a REDCap data dictionary: every REDCap field type the study can hold, branching
// logic, identifiers into the identification log, HTML reduced to text, a report of what was not taken,
// never an invalid definition; and ino-all-it's own dictionary read back as the same study.

import fc from 'fast-check';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redcapDictionary } from '../../src/core/exports/dictionary/redcap-dictionary';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { checkDefinitionObject, checkDefinitionSource } from '../../src/core/study/load-definition';
import { importRedcapDictionary, studyIdFromFile } from '../../src/core/study/redcap/import-dictionary';
import { writeDefinitionFolder } from '../../src/core/study/redcap/write-definition-folder';
import { CompiledStudy } from '../../src/shared/study/compile';
import type { Field, StudyDefinition } from '../../src/shared/study/definition.schema';
import type { FormData, StoredEntry } from '../../src/shared/study/entries';
import { evaluateSubject, type SubjectInstance } from '../../src/shared/study/evaluate-subject';
import { edc } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

const HEADER =
  'Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"Choices, Calculations, OR Slider Labels",Field Note,Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation\r\n';

function row(cells: Record<number, string>): string {
  const all = Array.from({ length: 18 }, (_, i) => cells[i] ?? '');
  return `${all.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\r\n`;
}

const DICTIONARY =
  HEADER +
  row({ 0: 'study_id', 1: 'enrolment', 3: 'text', 4: 'Study ID' }) +
  row({ 0: 'surname', 1: 'enrolment', 3: 'text', 4: 'Surname', 10: 'y', 17: '@CHARLIMIT=80' }) +
  row({ 0: 'dob', 1: 'enrolment', 3: 'text', 4: 'Date of birth', 7: 'date_ymd', 10: 'y' }) +
  row({ 0: 'enrol_date', 1: 'enrolment', 3: 'text', 4: '<b>Enrolment</b> date &amp; time', 7: 'date_ymd', 9: 'today', 12: 'y', 17: '@TODAY' }) +
  row({ 0: 'age', 1: 'enrolment', 3: 'text', 4: 'Age', 7: 'integer', 8: '18', 9: '99', 12: 'y' }) +
  row({ 0: 'weight', 1: 'enrolment', 3: 'text', 4: 'Weight', 6: 'kg', 7: 'number_1dp', 8: '20', 9: '250' }) +
  row({ 0: 'email', 1: 'enrolment', 3: 'text', 4: 'E-mail', 7: 'email' }) +
  row({ 0: 'phone', 1: 'enrolment', 3: 'text', 4: 'Phone', 7: 'phone' }) +
  row({ 0: 'seen_at', 1: 'enrolment', 3: 'text', 4: 'Seen at', 7: 'datetime_ymd' }) +
  row({ 0: 'history', 1: 'enrolment', 3: 'notes', 4: 'History' }) +
  row({ 0: 'intro', 1: 'enrolment', 3: 'descriptive', 4: '<p>Ask about <i>all</i> symptoms.</p>' }) +
  row({ 0: 'symptoms', 1: 'enrolment', 2: 'Symptoms', 3: 'checkbox', 4: 'Symptoms', 5: '1, Fever | 2, Cough | 0, None', 17: "@NONEOFTHEABOVE='0'" }) +
  row({ 0: 'other_symptom', 1: 'enrolment', 3: 'text', 4: 'Other symptom', 11: "[symptoms(2)] = '1' and [age] >= 18" }) +
  row({ 0: 'smoker', 1: 'enrolment', 3: 'yesno', 4: 'Smoker' }) +
  row({ 0: 'consent', 1: 'enrolment', 3: 'truefalse', 4: 'Consent given' }) +
  row({ 0: 'site', 1: 'enrolment', 3: 'dropdown', 4: 'Site', 5: '10, Milano | 20, Roma' }) +
  row({ 0: 'pain', 1: 'enrolment', 3: 'slider', 4: 'Pain', 5: 'None | | Worst' }) +
  row({ 0: 'bmi', 1: 'enrolment', 3: 'calc', 4: 'BMI', 5: 'round([weight] / 3, 1)' }) +
  row({ 0: 'parity', 1: 'enrolment', 3: 'calc', 4: 'Parity', 5: 'mod([age], 2)' }) +
  row({ 0: 'scan', 1: 'enrolment', 3: 'file', 4: 'Scan' }) +
  row({ 0: 'visit_no', 1: 'visits', 3: 'text', 4: 'Visit', 7: 'integer' }) +
  row({ 0: 'visit_date', 1: 'visits', 3: 'text', 4: 'Visit date', 7: 'date_ymd', 11: "datediff([enrol_date], [visit_date], 'd', true) > 0" }) +
  row({ 0: 'response', 1: 'visits', 3: 'radio', 4: 'Response', 5: '1, CR | 2, PR | 3, SD' }) +
  row({ 0: 'response_note', 1: 'visits', 3: 'text', 4: 'Note', 11: '[visit_1_arm_1][response] = 1' }) +
  row({ 0: 'adult_at_visit', 1: 'visits', 3: 'text', 4: 'Adult at visit', 17: "@CALCTEXT(if(datediff([enrol_date], 'today', 'y') >= 18, 'adult', 'minor'))" }) +
  row({ 0: 'next_visit', 1: 'visits', 3: 'text', 4: 'Next visit', 7: 'date_ymd', 17: "@CALCDATE([visit_date], 28, 'd')" }) +
  row({ 0: 'parity_note', 1: 'visits', 3: 'text', 4: 'Parity note', 11: '[parity] = 1' }) +
  ',,,,,,,,,,,,,,,,,\r\n,,,,,,,,,,,,,,,,,\r\n';

describe('import of a REDCap data dictionary', () => {
  const imported = importRedcapDictionary(DICTIONARY, '/data/Trial_DataDictionary_2025-03-01.csv', { repeating: ['visits'] });
  const def = imported.definition;
  const field = (name: string): Field => {
    const found = def.forms.flatMap((f) => f.fields).find((f) => f.name === name);
    if (!found) throw new Error(`no field ${name}`);
    return found;
  };
  const reported = (key: string): Record<string, string | number>[] => imported.report.filter((r) => r.key === key).map((r) => r.params);

  it('makes a definition the app loads, named after the file, with the forms in order and the repeating ones marked', () => {
    expect(checkDefinitionObject(def).problems).toEqual([]);
    expect(def.id).toBe('trial');
    expect(def.forms.map((f) => [f.key, f.specId, f.repeating])).toEqual([
      ['enrolment', 'F01', false],
      ['visits', 'F02', true],
    ]);
  });

  it('leaves out the record identifier and moves identifier fields to the identification log', () => {
    expect(reported('recordId')).toEqual([{ field: 'study_id' }]);
    expect(def.identificationLog).toEqual([
      { name: 'sil_surname', label: { en: 'Surname', it: 'Surname' }, type: 'text', maxLength: 80, required: false },
      { name: 'sil_dob', label: { en: 'Date of birth', it: 'Date of birth' }, type: 'date', required: false },
    ]);
    expect(def.forms.flatMap((f) => f.fields).map((f) => f.name)).not.toEqual(expect.arrayContaining(['study_id', 'surname', 'dob']));
  });

  it('maps text validations: dates (today as the limit, @TODAY), integers and decimals with limits, patterns', () => {
    expect(field('enrol_date')).toMatchObject({ type: 'date', notFuture: true, prefill: 'today', required: true, label: { en: 'Enrolment date & time' } });
    expect(field('age')).toMatchObject({ type: 'integer', min: 18, max: 99, required: true });
    expect(field('weight')).toMatchObject({ type: 'decimal', precision: 1, min: 20, max: 250, help: { en: 'kg' } });
    expect(field('email')).toMatchObject({ type: 'text', maxLength: 500, pattern: expect.any(String) });
    expect(field('history')).toMatchObject({ type: 'text', maxLength: 5000 });
    expect(field('seen_at')).toMatchObject({ type: 'text', pattern: '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$' });
    expect(reported('validation')).toEqual([{ field: 'phone', validation: 'phone', detail: 'no equivalent' }]);
  });

  it('maps choice fields: checkbox with its exclusive choice, yes/no, true/false, dropdown, and a slider as a whole number', () => {
    expect(field('symptoms')).toMatchObject({ type: 'multi', exclusive: ['0'], choices: [{ code: '1' }, { code: '2' }, { code: '0' }] });
    expect(field('smoker')).toMatchObject({ type: 'single', choices: [{ code: '1', label: { en: 'Yes', it: 'Sì' } }, { code: '0', label: { en: 'No', it: 'No' } }] });
    expect(field('consent')).toMatchObject({ type: 'single', choices: [{ code: '1', label: { en: 'True', it: 'Vero' } }, { code: '0', label: { en: 'False', it: 'Falso' } }] });
    expect(field('site')).toMatchObject({ type: 'single', choices: [{ code: '10', label: { en: 'Milano' } }, { code: '20', label: { en: 'Roma' } }] });
    expect(field('pain')).toMatchObject({ type: 'integer', min: 0, max: 100, help: { en: 'None … Worst' } });
  });

  it('keeps descriptive text and section headers as the help of the next field, HTML reduced to text', () => {
    expect(field('symptoms').help).toEqual({ en: 'Ask about all symptoms. — Symptoms', it: 'Ask about all symptoms. — Symptoms' });
    expect(reported('descriptive')).toEqual([{ field: 'intro', target: 'symptoms' }]);
  });

  it('writes branching logic in the study’s language, a field of another form as [form:field]', () => {
    expect(field('other_symptom')).toMatchObject({ showIf: '[symptoms(2)] = "1" and [age] >= 18' });
    expect(field('visit_date')).toMatchObject({ showIf: 'datediff([enrolment:enrol_date], [visit_date], "d", true) > 0' });
  });

  it('maps calculations, @CALCTEXT and @CALCDATE, REDCap’s years kept as 365.2425 days', () => {
    expect(field('bmi')).toMatchObject({ type: 'calc', valueType: 'number', calc: 'round([weight] / 3, 1)', precision: 1 });
    expect(field('adult_at_visit')).toMatchObject({ type: 'calc', valueType: 'text', calc: 'if(datediff([enrolment:enrol_date], today(), "d") / 365.2425 >= 18, "adult", "minor")' });
    expect(field('next_visit')).toMatchObject({ type: 'calc', valueType: 'date', calc: '[visit_date] + 28' });
  });

  it('reports what it could not take, and drops a condition that reads a field it left out', () => {
    expect(reported('unsupportedType')).toEqual([{ field: 'scan', type: 'file' }]);
    expect(reported('calculation')).toEqual([{ field: 'parity', reason: "REDCap's mod() has no equivalent in the study's expression language", expression: 'mod([age], 2)' }]);
    expect(reported('showIf').map((p) => p.field)).toEqual(['response_note', 'parity_note']);
    expect(field('response_note')).not.toHaveProperty('showIf');
    expect(field('parity_note')).not.toHaveProperty('showIf');
    expect(reported('slider')).toEqual([{ field: 'pain', min: 0, max: 100 }]);
  });

  it('refuses a file that is not a REDCap dictionary and a row that lost columns', () => {
    expect(() => importRedcapDictionary('name,form\r\nx,y\r\n', 'x.csv')).toThrow(expect.objectContaining({ code: 'input.redcapDictionary' }));
    expect(() => importRedcapDictionary(`${HEADER}record_id,f,,text\r\n`, 'x.csv')).toThrow(expect.objectContaining({ code: 'input.redcapDictionary' }));
    expect(() => importRedcapDictionary(HEADER + row({ 0: 'record_id', 1: 'f', 3: 'text', 4: 'ID' }), 'x.csv')).toThrow(expect.objectContaining({ code: 'study.importEmpty' }));
  });

  it('takes the study id from REDCap’s download name', () => {
    expect(studyIdFromFile('/x/MyProject_DataDictionary_2024-05-01.csv')).toBe('myproject');
    expect(studyIdFromFile('2024 trial.csv')).toBe('study-2024-trial');
  });
});

/** A random entry for a field: blank, a missing-data code it allows, or a value of its type. */
function entryOf(study: CompiledStudy, field: Field): fc.Arbitrary<StoredEntry | undefined> {
  const value = ((): fc.Arbitrary<StoredEntry> => {
    const day = fc.integer({ min: Date.UTC(2010, 0, 1) / 864e5, max: Date.UTC(2025, 11, 31) / 864e5 }).map((d) => new Date(d * 864e5).toISOString().slice(0, 10));
    switch (field.type) {
      case 'integer':
        return fc.integer({ min: field.min ?? 0, max: field.max ?? (field.min ?? 0) + 100 });
      case 'decimal':
        return fc.double({ min: field.min ?? 0, max: field.max ?? (field.min ?? 0) + 100, noNaN: true }).map((x) => Number(x.toFixed(field.precision)));
      case 'date':
        return day;
      case 'partialDate':
        return fc.tuple(day, fc.constantFrom(4, 7, 10)).map(([d, n]) => d.slice(0, n));
      case 'multi':
        return fc.subarray((study.choicesOf(field) ?? []).map((c) => c.code));
      case 'single':
      case 'ynu':
        return fc.constantFrom(...(study.choicesOf(field) ?? []).map((c) => c.code));
      default:
        return fc.constantFrom('a', 'OTHER', 'x y');
    }
  })();
  const missing = field.type === 'calc' ? [] : field.missingReasons.map((r) => ({ missing: r }));
  return fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, ...(missing.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...missing) }] : []), { weight: 6, arbitrary: value });
}

function subjectOf(study: CompiledStudy): fc.Arbitrary<SubjectInstance[]> {
  const forms = study.definition.forms.map((form) => {
    const data = fc.record(Object.fromEntries(form.fields.filter((f) => f.type !== 'calc').map((f) => [f.name, entryOf(study, f)]))).map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined)) as FormData);
    return fc.array(data, { minLength: 1, maxLength: form.repeating ? 2 : 1 }).map((list) => list.map((d, i): SubjectInstance => ({ form: form.key, instanceNo: i + 1, data: d })));
  });
  return fc.tuple(...forms).map((lists) => lists.flat());
}

describe('round trip of ino-all-it through its REDCap dictionary', () => {
  const original = loadBuiltInStudy('ino-all-it');
  const imported = importRedcapDictionary(redcapDictionary(original.definition).csv, 'ino-all-it.csv', { id: 'ino-all-it' });
  const def: StudyDefinition = imported.definition;
  const dropped = imported.report.filter((r) => r.key === 'calculation').map((r) => String(r.params.field));

  it('gives the same forms, with the same fields in the same order, less the calculations a REDCap project cannot hold', () => {
    expect(def.forms.map((f) => [f.key, f.specId, f.title.en, f.repeating])).toEqual(original.definition.forms.map((f) => [f.key, f.specId, f.title.en, f.repeating]));
    expect(dropped).toEqual(['data_cutoff', 'ae_soc']);
    for (const [i, form] of original.definition.forms.entries()) {
      expect(def.forms[i]!.fields.map((f) => [f.name, f.type])).toEqual(form.fields.filter((f) => !dropped.includes(f.name)).map((f) => [f.name, f.type]));
    }
  });

  it('gives the same choices, required flags and conditions', () => {
    const imp = new CompiledStudy(def);
    for (const [i, form] of original.definition.forms.entries()) {
      for (const f of form.fields) {
        if (dropped.includes(f.name)) continue;
        const g = def.forms[i]!.fields.find((x) => x.name === f.name)!;
        expect([f.name, imp.choicesOf(g)?.map((c) => [c.code, c.label.en])]).toEqual([f.name, original.compiled.choicesOf(f)?.map((c) => [c.code, c.label.en])]);
        if (f.type === 'calc' || g.type === 'calc') continue;
        expect([f.name, g.showIf, g.requiredIf, g.required, g.missingReasons]).toEqual([f.name, f.showIf, f.requiredIf, f.required, f.missingReasons]);
      }
    }
  });

  it('computes every calculation it kept as the original does, and hides the same fields, for random subjects', () => {
    const imp = new CompiledStudy(def);
    const env = { today: Date.UTC(2026, 0, 1) / 864e5, params: {} };
    fc.assert(
      fc.property(subjectOf(original.compiled), (instances) => {
        const a = evaluateSubject(original.compiled, instances, env);
        const b = evaluateSubject(imp, instances, env);
        for (const x of a.instances) {
          const y = b.get(x.form, x.instanceNo)!;
          // Edit checks are not in a REDCap dictionary, so the imported study counts no open queries.
          const kept = Object.fromEntries(Object.entries(x.calcs).filter(([k]) => !dropped.includes(k) && k !== 'open_queries'));
          expect(Object.fromEntries(Object.entries(y.calcs).filter(([k]) => k !== 'open_queries'))).toEqual(kept);
          expect(y.hidden).toEqual(x.hidden);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes a definition folder that `edc study validate` accepts, and only into an empty folder', async () => {
    const tmp = tempDir();
    try {
      const dir = join(tmp.dir, 'ino-copy');
      writeDefinitionFolder(def, dir);
      expect(checkDefinitionSource(dir).problems).toEqual([]);
      const validate = await edc(['study', 'validate', dir]);
      expect(validate.code).toBe(0);
      expect(readdirSync(join(dir, 'forms'))).toHaveLength(13);
      expect(() => writeDefinitionFolder(def, dir)).toThrow(expect.objectContaining({ code: 'input.folderNotEmpty' }));
    } finally {
      tmp.cleanup();
    }
  });
});

describe('edc study import-redcap', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('writes the definition, prints what it did not take, and the result validates', async () => {
    const file = join(tmp.dir, 'Trial_DataDictionary_2025-03-01.csv');
    writeFileSync(file, DICTIONARY);
    const r = await edc(['study', 'import-redcap', file, '--out', join(tmp.dir, 'trial'), '--repeating', 'visits']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Study definition trial written to');
    expect(r.out).toContain("parity: calculation not kept (REDCap's mod() has no equivalent in the study's expression language), field left out: mod([age], 2)");
    expect((await edc(['study', 'validate', join(tmp.dir, 'trial')])).code).toBe(0);
    const again = await edc(['study', 'import-redcap', file, '--out', join(tmp.dir, 'trial')]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('input.folderNotEmpty');
  });
});
