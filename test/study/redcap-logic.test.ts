// The study's expressions in REDCap's syntax, for constructs ino-all-it does not use: not pushed down to the
// comparisons, dates compared and added as REDCap does, completed years, weeks and years of datediff, and
// the reasons given for what REDCap cannot compute.

import { RedcapTranslator } from '../../src/core/study/redcap/to-redcap-logic';
import { fromRedcapLogic } from '../../src/core/study/redcap/from-redcap-logic';
import { CompiledStudy } from '../../src/shared/study/compile';
import { StudyDefinition, type StudyDefinitionInput } from '../../src/shared/study/definition.schema';

const L = { en: 'x', it: 'x' };
const input: StudyDefinitionInput = {
  id: 'logic',
  version: '1.0.0',
  title: L,
  subjectIdPattern: '^[A-Z0-9]{2,6}-[0-9]{4}$',
  parameters: [
    { name: 'start', type: 'date', scope: 'study', value: '2020-01-01', label: L },
    { name: 'ec_date', type: 'date', scope: 'site', value: null, label: L },
  ],
  codeLists: {},
  forms: [
    {
      key: 'base',
      specId: 'F01',
      title: L,
      repeating: false,
      fields: [
        { name: 'dob', type: 'date', label: L },
        { name: 'visit', type: 'date', label: L },
        { name: 'onset', type: 'partialDate', label: L },
        { name: 'score', type: 'integer', label: L, missingReasons: [] },
        { name: 'flags', type: 'multi', label: L, choices: [{ code: 'a', label: L }, { code: 'b', label: L }] },
        { name: 'age', type: 'calc', valueType: 'number', label: L, calc: 'fullyears([dob], [visit])' },
        { name: 'weeks', type: 'calc', valueType: 'number', label: L, calc: 'datediff([dob], [visit], "w")' },
        { name: 'years', type: 'calc', valueType: 'number', label: L, precision: 1, calc: 'datediff([dob], today(), "y")' },
        { name: 'n_flags', type: 'calc', valueType: 'number', label: L, calc: 'nselected([flags])' },
        { name: 'next', type: 'calc', valueType: 'date', label: L, calc: '[visit] + 28' },
        { name: 'prev', type: 'calc', valueType: 'date', label: L, calc: '[visit] - 7' },
        { name: 'fixed', type: 'calc', valueType: 'date', label: L, calc: 'param("start")' },
        { name: 'band', type: 'calc', valueType: 'code', label: L, calc: 'if([score] > 5, "high", "low")' },
        { name: 'onset_days', type: 'calc', valueType: 'number', label: L, calc: 'datediff([onset], [visit], "d")' },
        { name: 'late', type: 'calc', valueType: 'number', label: L, calc: 'if([age] > 60, 1, 0)' },
      ],
    },
    {
      key: 'visits',
      specId: 'F02',
      title: L,
      repeating: true,
      fields: [{ name: 'v_date', type: 'date', label: L }],
    },
  ],
  checks: [],
  identificationLog: [],
  unitCosts: [],
  references: {},
  signatureMeaning: L,
};

describe('the study’s expressions in REDCap’s syntax', () => {
  const study = new CompiledStudy(StudyDefinition.parse(input));
  const t = new RedcapTranslator(study);
  const condition = (source: string): string => {
    const r = t.condition('base', source);
    return r.ok ? r.text : `NOT: ${r.reasons.join('; ')}`;
  };

  it('pushes not down to the comparisons, as REDCap has no not', () => {
    expect(condition('not ([score] > 3 and [score] <> 9)')).toBe('[score] <= 3 or [score] = 9');
    expect(condition('not isblank([visit])')).toBe('isblankormissingcode([visit]) = false');
    expect(condition('not [score] = ""')).toBe("[score] <> ''");
    expect(condition('not not [flags(a)] = 1')).toBe('[flags(a)] = 1');
  });

  it('compares dates through datediff, with today and fixed study dates, and refuses partial dates', () => {
    expect(condition('[visit] <= today()')).toBe("datediff([visit], 'today', 'd', true) >= 0");
    expect(condition('[visit] > param("start")')).toBe("datediff([visit], '2020-01-01', 'd', true) < 0");
    expect(condition('[visit] >= [dob]')).toBe("datediff([visit], [dob], 'd', true) <= 0");
    expect(condition('[onset] < [visit]')).toBe('NOT: [onset] is a partial date, a text field in REDCap');
    expect(condition('[visit] > param("ec_date")')).toBe('NOT: param("ec_date") has no study-wide value in the definition');
  });

  it('refuses to read a repeating form from another form, whatever the aggregate', () => {
    expect(condition('min([visits:v_date]) > [visit]')).toBe('NOT: min() over the instances of repeating form visits');
  });

  it('writes calculations REDCap can compute, each as the field type REDCap computes it in', () => {
    expect(t.calc('base', 'age')).toEqual({ kind: 'calc', text: 'year([visit]) - year([dob]) - if(month([visit]) < month([dob]) or (month([visit]) = month([dob]) and day([visit]) < day([dob])), 1, 0)' });
    expect(t.calc('base', 'weeks')).toEqual({ kind: 'calc', text: "datediff([dob], [visit], 'd') / 7" });
    expect(t.calc('base', 'years')).toEqual({ kind: 'calc', text: "round(datediff([dob], 'today', 'd') / 365.25, 1)" });
    expect(t.calc('base', 'n_flags')).toEqual({ kind: 'calc', text: '[flags(a)] + [flags(b)]' });
    expect(t.calc('base', 'next')).toEqual({ kind: 'calcdate', text: "[visit], 28, 'd'" });
    expect(t.calc('base', 'prev')).toEqual({ kind: 'calcdate', text: "[visit], -7, 'd'" });
    expect(t.calc('base', 'band')).toEqual({ kind: 'calctext', text: "if([score] > 5, 'high', 'low')" });
    expect(t.calc('base', 'late')).toEqual({ kind: 'calc', text: 'if([age] > 60, 1, 0)' });
  });

  it('gives the reasons of a calculation REDCap cannot compute', () => {
    expect(t.calc('base', 'fixed')).toMatchObject({ kind: 'app', reasons: ["a fixed date (REDCap's @CALCDATE starts from a date field or today)"] });
    expect(t.calc('base', 'onset_days')).toMatchObject({ kind: 'app', reasons: ['[onset] is a partial date, a text field in REDCap'] });
  });
});

describe('REDCap logic in the study’s language', () => {
  const scope = { form: 'visits', formOf: (f: string): string | undefined => ({ dob: 'base', v_date: 'visits' })[f] };

  it('rewrites REDCap’s missing-data functions, datediff’s format and today, and a field of another form', () => {
    expect(fromRedcapLogic("isblankormissingcode([dob]) = false and ismissingcode([v_date])", scope)).toEqual({ ok: true, text: '[base:dob] <> "" and hasmissingcode([v_date])' });
    expect(fromRedcapLogic("datediff([dob], 'today', 'y', 'ymd', true) >= 18", scope)).toEqual({ ok: true, text: 'datediff([base:dob], today(), "d", true) / 365.2425 >= 18' });
    expect(fromRedcapLogic('isblanknotmissingcode([v_date])', scope)).toEqual({ ok: true, text: '[v_date] = "" and not hasmissingcode([v_date])' });
  });

  it('reports what the language has no equivalent for', () => {
    expect(fromRedcapLogic('([a])^(2)')).toEqual({ ok: false, reason: 'an exponent (^)' });
    expect(fromRedcapLogic("[event_1_arm_1][a] = '1'")).toEqual({ ok: false, reason: 'an event, instance or smart-variable reference ([a][b])' });
    expect(fromRedcapLogic("contains([a], 'x')")).toEqual({ ok: false, reason: "REDCap's contains() has no equivalent in the study's expression language" });
    expect(fromRedcapLogic("datediff([a], [b], 'h')")).toEqual({ ok: false, reason: 'datediff() in unit "h" (the study\'s dates have no time)' });
    expect(fromRedcapLogic('[record-name] = 1')).toMatchObject({ ok: false });
  });
});
