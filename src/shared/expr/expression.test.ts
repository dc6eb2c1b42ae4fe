// The expression language on its own: parsing, REDCap semantics, three-valued logic, partial dates, aggregates.

import { dayNumber } from '../dates/partial-date';
import { analyze, type AnalyzeContext } from './analyze';
import { evaluate, evaluateCondition } from './evaluate';
import type { ExpressionHost, FieldKind, InstanceView, RawEntry } from './host';
import { ExpressionError } from './parse-error';
import { parseExpression } from './parser';
import { num, str, truth, type Val } from './values';

type Data = Record<string, RawEntry>;

const KINDS: Record<string, Record<string, FieldKind>> = {
  dm: { height: 'number', weight: 'number', sex: 'code', comorb: 'set', base_date: 'date', birth_year: 'number' },
  dx: { dx_date: 'date', ph: 'code' },
  ino: { cyc_no: 'number', cyc_start: 'date', dose: 'number' },
  ae: { ae_seq: 'number', ae_term: 'code', ae_grade: 'code', sos: 'code' },
  vod: { vod_ae_seq: 'number' },
};

function host(forms: Record<string, Data[]>, extra: Partial<ExpressionHost> = {}): ExpressionHost {
  const view = (d: Data): InstanceView => ({ get: (f) => d[f] });
  return {
    fieldKind: (form, field) => KINDS[form]?.[field],
    isRepeating: (form) => ['ino', 'ae', 'vod'].includes(form),
    instances: (form) => (forms[form] ?? []).map(view),
    single: (form) => (forms[form]?.[0] ? view(forms[form][0]) : undefined),
    param: (name) => (name === 'cu_start' ? { t: 'date', lo: dayNumber(2014, 1, 1)!, hi: dayNumber(2014, 1, 1)! } : null),
    reference: (_list, key, attr) => (key === '10063675' && attr === 'grade1' ? null : key === '10063675' ? str('text') : null),
    system: () => null,
    today: () => dayNumber(2026, 11, 25)!,
    ...extra,
  };
}

function run(source: string, forms: Record<string, Data[]>, form = 'dm', instance?: Data): Val {
  return evaluate(parseExpression(source), host(forms), instance ? { form, instance: { get: (f) => instance[f] } } : { form, instance: forms[form]?.[0] ? { get: (f) => forms[form]![0]![f] } : undefined });
}

const cond = (source: string, forms: Record<string, Data[]>, form = 'dm', instance?: Data): boolean | null => truth(run(source, forms, form, instance));

describe('expression parser', () => {
  it('parses REDCap branching logic with and, or, not and parentheses', () => {
    const e = parseExpression('[sex] = 1 and ([height] > 150 or not [weight] <> "")');
    expect(e.kind).toBe('binary');
  });

  it('reports the offset of a syntax error', () => {
    expect(() => parseExpression('[sex] = = 1')).toThrow(ExpressionError);
    // The stray ')' is at offset 13.
    expect(() => parseExpression('[height] > 1 )')).toThrow(expect.objectContaining({ name: 'ExpressionError', offset: 13 }));
  });

  it('refuses chained comparisons, unknown words and malformed references', () => {
    expect(() => parseExpression('1 < [height] < 3')).toThrow(/chained/);
    expect(() => parseExpression('height > 3')).toThrow(/brackets/);
    expect(() => parseExpression('[Height] > 3')).toThrow(/malformed/);
  });

  it('never evaluates JavaScript: a function name outside the language is an analysis error', () => {
    const ctx = analyzeCtx('dm');
    expect(() => analyze(parseExpression('constructor("x")'), ctx)).toThrow(/unknown function/);
  });
});

function analyzeCtx(form: string): AnalyzeContext {
  return {
    form,
    hasForm: (f) => f in KINDS,
    isRepeating: (f) => ['ino', 'ae', 'vod'].includes(f),
    fieldKind: (f, field) => KINDS[f]?.[field],
    choiceCodes: (f, field) => (field === 'comorb' ? ['1', '2', '99'] : undefined),
    hasParam: (n) => n === 'cu_start',
    hasReference: (l) => l === 'ctcae',
    hasSystem: () => false,
  };
}

describe('expression analysis', () => {
  it('refuses a repeating form read without an aggregate, pointing at the reference', () => {
    try {
      analyze(parseExpression('[base_date] <= [ino:cyc_start]'), analyzeCtx('dm'));
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).offset).toBe(15);
    }
  });

  it('accepts an aggregate over a repeating form and unknown fields are named', () => {
    expect(analyze(parseExpression('[dx:dx_date] <= min([ino:cyc_start])'), analyzeCtx('dm'))).toBe('bool');
    expect(() => analyze(parseExpression('[nope] = 1'), analyzeCtx('dm'))).toThrow(/unknown field \[nope\]/);
    expect(() => analyze(parseExpression('[comorb(7)] = 1'), analyzeCtx('dm'))).toThrow(/no choice '7'/);
    expect(() => analyze(parseExpression('param("nope") = 1'), analyzeCtx('dm'))).toThrow(/unknown parameter/);
  });

  it('refuses an aggregate that would iterate two repeating forms at once', () => {
    expect(() => analyze(parseExpression('count([ae:ae_seq] = [vod:vod_ae_seq])'), analyzeCtx('dm'))).toThrow(/one repeating form/);
  });
});

describe('expression evaluation', () => {
  const dm = { height: 170, weight: 70, sex: '1', comorb: ['1', '99'], base_date: '2020-03-01', birth_year: 1970 };

  it('compares codes with numbers as REDCap does', () => {
    expect(cond('[sex] = 1', { dm: [dm] })).toBe(true);
    expect(cond('[sex] <> 2', { dm: [dm] })).toBe(true);
  });

  it('reads a ticked choice of a multiple-choice field as 1 or 0', () => {
    expect(cond('[comorb(99)] = 1', { dm: [dm] })).toBe(true);
    expect(cond('[comorb(2)] = 1', { dm: [dm] })).toBe(false);
  });

  it('computes BSA (Mosteller) with rounding', () => {
    expect(run('round(sqrt([height] * [weight] / 3600), 2)', { dm: [dm] })).toEqual(num(1.82));
  });

  it('treats blank as unknown: comparisons with a blank field are undecided, blank tests are not', () => {
    const blank = { ...dm, height: undefined };
    expect(cond('[height] > 100', { dm: [blank] })).toBeNull();
    expect(cond('[height] = ""', { dm: [blank] })).toBe(true);
    expect(cond('[height] <> ""', { dm: [dm] })).toBe(true);
    expect(cond('isblank([height])', { dm: [blank] })).toBe(true);
  });

  it('uses Kleene logic: false and unknown is false, true or unknown is true', () => {
    const blank = { ...dm, height: undefined };
    expect(cond('[sex] = 2 and [height] > 100', { dm: [blank] })).toBe(false);
    expect(cond('[sex] = 1 or [height] > 100', { dm: [blank] })).toBe(true);
    expect(cond('[sex] = 1 and [height] > 100', { dm: [blank] })).toBeNull();
    expect(cond('not ([height] > 100)', { dm: [blank] })).toBeNull();
  });

  it('reads a missing-data reason as blank, and hasmissingcode sees it', () => {
    const nk = { ...dm, height: { missing: 'NK' } };
    expect(cond('[height] = ""', { dm: [nk] })).toBe(true);
    expect(cond('hasmissingcode([height])', { dm: [nk] })).toBe(true);
    expect(cond('hasmissingcode([weight])', { dm: [nk] })).toBe(false);
  });

  it('lets a partial date pass a comparison when some compatible full date would (crf-spec §3)', () => {
    const forms = { dx: [{ dx_date: '2020-03' }], dm: [dm] };
    expect(cond('[dx:dx_date] <= [base_date]', forms)).toBeNull(); // March 2020 vs 1 March: undecidable
    expect(cond('[dx:dx_date] <= "2020-04-01"', forms)).toBe(true);
    expect(cond('[dx:dx_date] > "2020-04-01"', forms)).toBe(false);
    expect(cond('[dx:dx_date] <= "2020-02-15"', forms)).toBe(false);
  });

  it('computes datediff like REDCap: absolute unless signed', () => {
    const forms = { dm: [{ ...dm, base_date: '2020-03-01' }], dx: [{ dx_date: '2020-03-11' }] };
    expect(run('datediff([dx:dx_date], [base_date], "d")', forms)).toEqual(num(10));
    expect(run('datediff([dx:dx_date], [base_date], "d", true)', forms)).toEqual(num(-10));
  });

  it('computes completed years and imputes partial dates as crf-spec §4 says', () => {
    const forms = { dm: [dm], dx: [{ dx_date: '2020' }] };
    expect(run('fullyears(makedate([birth_year], 7, 1), impute([dx:dx_date]))', forms)).toEqual(num(50));
    expect(run('fullyears("1970-07-02", "2020-07-01")', forms)).toEqual(num(49));
  });

  it('aggregates over instances of a repeating form, with a filter', () => {
    const ino = [
      { cyc_no: 1, cyc_start: '2020-03-05', dose: 1.5 },
      { cyc_no: 2, cyc_start: '2020-04-02', dose: 1.2 },
      { cyc_no: 3, cyc_start: '2020-05-01', dose: 0 },
    ];
    const forms = { dm: [dm], ino };
    expect(cond('[base_date] <= min([ino:cyc_start])', forms)).toBe(true);
    expect(run('sum([ino:dose])', forms)).toEqual({ t: 'num', lo: 2.7, hi: 2.7 });
    expect(run('count([ino:dose] > 0)', forms)).toEqual(num(2));
    expect(run('max([ino:cyc_no], [ino:dose] > 0)', forms)).toEqual(num(2));
    expect(run('min([ino:cyc_start])', { dm: [dm] })).toBeNull();
  });

  it('binds the current instance for plain references and iterates others inside aggregates', () => {
    const ino = [
      { cyc_no: 1, cyc_start: '2020-03-05' },
      { cyc_no: 2, cyc_start: '2020-03-01' },
    ];
    const rule = 'count([ino:cyc_no] < [cyc_no] and [ino:cyc_start] >= [cyc_start]) = 0';
    expect(cond(rule, { ino }, 'ino', ino[0])).toBe(true);
    expect(cond(rule, { ino }, 'ino', ino[1])).toBe(false);
  });

  it('links instances of two repeating forms (every SOS AE has exactly one SOS/VOD record)', () => {
    const ae = [{ ae_seq: 1, sos: '1' }, { ae_seq: 2, sos: '0' }];
    const rule = '[sos] <> 1 or count([vod:vod_ae_seq] = [ae_seq]) = 1';
    expect(cond(rule, { ae, vod: [] }, 'ae', ae[0])).toBe(false);
    expect(cond(rule, { ae, vod: [{ vod_ae_seq: 1 }] }, 'ae', ae[0])).toBe(true);
    expect(cond(rule, { ae, vod: [{ vod_ae_seq: 1 }, { vod_ae_seq: 1 }] }, 'ae', ae[0])).toBe(false);
  });

  it('reads parameters and reference lists (a grade must exist for the CTCAE term)', () => {
    const forms = { ae: [{ ae_term: '10063675', ae_grade: '1' }] };
    expect(cond('min([ino:cyc_start]) >= param("cu_start")', { ino: [{ cyc_start: '2013-12-31' }] }, 'dm', {})).toBe(false);
    expect(cond('not isblank(ref("ctcae", [ae_term], concat("grade", [ae_grade])))', forms, 'ae', forms.ae[0])).toBe(false);
    expect(cond('not isblank(ref("ctcae", [ae_term], concat("grade", 3)))', forms, 'ae', forms.ae[0])).toBe(true);
  });

  it('keeps n-ary min and max REDCap-like: blanks ignored', () => {
    expect(run('max(1, "", 3)', { dm: [dm] })).toEqual(num(3));
    expect(run('min(2, [height])', { dm: [{ ...dm, height: undefined }] })).toEqual(num(2));
  });

  it('evaluates if() lazily and returns blank when the condition is unknown', () => {
    expect(run('if([sex] = 1, "M", "F")', { dm: [dm] })).toEqual(str('M'));
    expect(run('if([height] > 1, 1, 0)', { dm: [{ ...dm, height: undefined }] })).toBeNull();
  });

  it('evaluateCondition mirrors truth()', () => {
    const expr = parseExpression('[sex] = 1');
    expect(evaluateCondition(expr, host({ dm: [dm] }), { form: 'dm', instance: { get: (f) => (dm as Data)[f] } })).toBe(true);
  });
});
