// A checker of REDCap's documented rules for the files of a project, written from REDCap's documentation
// and source (not from this app's exporter), so the export is judged by what REDCap accepts:
// - data dictionary: REDCap's 18 columns; field types; validation names (Online Designer list, REDCap's
//   TextValidationType); `code, label | …` choices; variable names (lower-case letters, digits, _, starting
//   with a letter); branching logic and calculations in REDCap's logic syntax with REDCap's special
//   functions (Design::renderSpecialFunctionInstructions); @CALCTEXT on text fields, @CALCDATE(source,
//   offset, unit) on date-validated text fields (REDCap help: action tags);
// - repeating instruments: `form_name,custom_form_label` for a classic project;
// - data import (flat, records in rows): record ID first, redcap_repeat_instrument/_instance for repeating
//   instruments, one `field___code` column per checkbox choice (code lower-cased, - and . as _:
//   Project::getExtendedCheckboxCodeFormatted), `<form>_complete` 0/1/2, no calculated field, values of
//   the field's type, Missing Data Codes (`code, label`, codes of letters, digits, . - _) in any field.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

export interface Violation {
  readonly file: string;
  readonly where: string;
  readonly rule: string;
  readonly detail: string;
}

const COLUMNS = [
  'Variable / Field Name',
  'Form Name',
  'Section Header',
  'Field Type',
  'Field Label',
  'Choices, Calculations, OR Slider Labels',
  'Field Note',
  'Text Validation Type OR Show Slider Number',
  'Text Validation Min',
  'Text Validation Max',
  'Identifier?',
  'Branching Logic (Show field only if...)',
  'Required Field?',
  'Custom Alignment',
  'Question Number (surveys only)',
  'Matrix Group Name',
  'Matrix Ranking?',
  'Field Annotation',
];

const FIELD_TYPES = new Set(['text', 'notes', 'dropdown', 'radio', 'checkbox', 'yesno', 'truefalse', 'calc', 'file', 'slider', 'descriptive', 'sql']);
const VALIDATIONS = new Set([
  'date_ymd', 'date_mdy', 'date_dmy', 'datetime_ymd', 'datetime_mdy', 'datetime_dmy', 'datetime_seconds_ymd', 'datetime_seconds_mdy', 'datetime_seconds_dmy',
  'time', 'time_mm_ss', 'integer', 'number', 'number_1dp', 'number_2dp', 'number_3dp', 'number_4dp', 'number_comma_decimal', 'number_1dp_comma_decimal',
  'number_2dp_comma_decimal', 'number_3dp_comma_decimal', 'number_4dp_comma_decimal', 'email', 'phone', 'zipcode', 'alpha_only', 'postalcode_canada', 'ssn', 'mrn_10d', 'vmrn', 'signature',
]);
const RESERVED = new Set(['redcap_event_name', 'redcap_repeat_instrument', 'redcap_repeat_instance', 'redcap_data_access_group', 'redcap_survey_identifier']);
/** REDCap's special functions with the number of arguments each takes. */
const FUNCTIONS: Readonly<Record<string, [number, number]>> = {
  if: [3, 3], datediff: [3, 5], isblankormissingcode: [1, 1], isblanknotmissingcode: [1, 1], ismissingcode: [1, 1], hasmissingcode: [2, 2],
  round: [1, 2], roundup: [1, 2], rounddown: [1, 2], sqrt: [1, 1], abs: [1, 1], exponential: [1, 1], min: [1, 99], max: [1, 99], mean: [1, 99], median: [1, 99],
  mod: [2, 2], sum: [1, 99], stdev: [1, 99], log: [1, 2], isnumber: [1, 1], isinteger: [1, 1], year: [1, 1], month: [1, 1], day: [1, 1],
  contains: [2, 2], not_contain: [2, 2], starts_with: [2, 2], ends_with: [2, 2], left: [2, 2], right: [2, 2], length: [1, 1], find: [2, 2],
  replace_text: [3, 3], mid: [3, 3], concat: [1, 99], concat_ws: [2, 99], upper: [1, 1], lower: [1, 1], trim: [1, 1],
};
const NAME = /^[a-z][a-z0-9_]*$/;
/** REDCap reads CSV with PHP's fgetcsv: any line ending outside quotes ends a record. */
const AS_REDCAP_READS = { relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'] };
const CODE = /^[A-Za-z0-9_.-]+$/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface DictField {
  readonly name: string;
  readonly form: string;
  readonly type: string;
  readonly validation: string;
  readonly min: string;
  readonly max: string;
  readonly codes: readonly string[];
  readonly annotation: string;
  readonly choices: string;
  readonly branching: string;
}

export interface Dictionary {
  readonly fields: readonly DictField[];
  readonly byName: ReadonlyMap<string, DictField>;
  readonly forms: readonly string[];
}

export function checkboxColumnOf(field: string, code: string): string {
  return `${field}___${code.replace(/[-.]/g, '_').toLowerCase().replace(/[^a-z_0-9]/g, '')}`;
}

function choiceCodes(cell: string): { codes: string[]; problems: string[] } {
  const problems: string[] = [];
  const codes: string[] = [];
  for (const pair of cell.split('|')) {
    const comma = pair.indexOf(',');
    if (comma < 0) {
      problems.push(`"${pair.trim()}" has no comma between code and label`);
      continue;
    }
    const code = pair.slice(0, comma).trim();
    if (!CODE.test(code)) problems.push(`code "${code}"`);
    if (pair.slice(comma + 1).trim() === '') problems.push(`code ${code} has no label`);
    codes.push(code);
  }
  if (new Set(codes).size !== codes.length) problems.push('a code given twice');
  return { codes, problems };
}

// ------------------------------------------------------------------------------------------- logic syntax

type Token = { t: 'ref'; field: string; code?: string } | { t: 'num' } | { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: 'end' };

function tokens(source: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '[') {
      const close = source.indexOf(']', i);
      if (close < 0) throw new Error('unclosed [');
      const inner = source.slice(i + 1, close);
      const m = /^([a-z][a-z0-9_]*)(?:\(([A-Za-z0-9_.-]+)\))?$/.exec(inner);
      if (!m) throw new Error(`[${inner}] is not a REDCap field reference`);
      out.push(m[2] !== undefined ? { t: 'ref', field: m[1]!, code: m[2] } : { t: 'ref', field: m[1]! });
      i = close + 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = source.indexOf(ch, i + 1);
      if (close < 0) throw new Error('unterminated string');
      out.push({ t: 'str', v: source.slice(i + 1, close) });
      i = close + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (num) {
      if (/^[eE]/.test(source.slice(i + num[0].length))) throw new Error(`number ${num[0]}e… in scientific notation`);
      out.push({ t: 'num' });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (word) {
      out.push({ t: 'word', v: word[0].toLowerCase() });
      i += word[0].length;
      continue;
    }
    const op = ['<>', '!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '/', '^', '(', ')', ','].find((o) => source.startsWith(o, i));
    if (!op) throw new Error(`unexpected "${ch}"`);
    out.push({ t: 'op', v: op });
    i += op.length;
  }
  out.push({ t: 'end' });
  return out;
}

export type LogicMode = 'branching' | 'calc' | 'text';

/** Problems of one expression in REDCap's logic syntax; `dict` resolves field references. */
export function logicProblems(source: string, mode: LogicMode, dict: Dictionary): string[] {
  const problems: string[] = [];
  let ts: Token[];
  try {
    ts = tokens(source);
  } catch (error) {
    return [(error as Error).message];
  }
  let pos = 0;
  const peek = (): Token => ts[pos]!;
  const isOp = (v: string): boolean => peek().t === 'op' && (peek() as { v: string }).v === v;
  const isWord = (v: string): boolean => peek().t === 'word' && (peek() as { v: string }).v === v;
  const expect = (v: string): void => {
    if (!isOp(v)) throw new Error(`expected "${v}"`);
    pos += 1;
  };
  /** Returns whether the operand is a bare text literal (allowed in a calc only next to a comparison). */
  function primary(): boolean {
    const t = ts[pos++]!;
    switch (t.t) {
      case 'num':
        return false;
      case 'str':
        return t.v !== '';
      case 'ref': {
        const f = dict.byName.get(t.field);
        if (!f) problems.push(`[${t.field}] is not a field of the dictionary`);
        else if (t.code !== undefined && (f.type !== 'checkbox' || !f.codes.includes(t.code))) problems.push(`[${t.field}(${t.code})] is not a checkbox choice`);
        return false;
      }
      case 'word': {
        if (t.v === 'true' || t.v === 'false') return false;
        if (!isOp('(')) throw new Error(`unknown word "${t.v}"`);
        const arity = FUNCTIONS[t.v];
        if (!arity) problems.push(`${t.v}() is not a REDCap function`);
        if (mode === 'calc' && (t.v === 'concat' || t.v === 'concat_ws')) problems.push(`${t.v}() gives text in a numeric calculation`);
        pos += 1;
        let n = 0;
        let textResult = false;
        if (!isOp(')')) {
          for (;;) {
            const isText = or();
            if (t.v === 'if' && n > 0 && isText) textResult = true;
            n += 1;
            if (!isOp(',')) break;
            pos += 1;
          }
        }
        expect(')');
        if (arity && (n < arity[0] || n > arity[1])) problems.push(`${t.v}() with ${n} arguments`);
        return textResult;
      }
      case 'op':
        if (t.v === '(') {
          const inner = or();
          expect(')');
          return inner;
        }
        throw new Error(`unexpected "${t.v}"`);
      case 'end':
        throw new Error('ends too early');
    }
  }
  function unary(): boolean {
    if (isOp('-')) {
      pos += 1;
      unary();
      return false;
    }
    const text = primary();
    if (isOp('^')) {
      pos += 1;
      primary();
      return false;
    }
    return text;
  }
  function term(): boolean {
    let text = unary();
    while (isOp('*') || isOp('/')) {
      pos += 1;
      unary();
      text = false;
    }
    return text;
  }
  function sum(): boolean {
    let text = term();
    while (isOp('+') || isOp('-')) {
      pos += 1;
      term();
      text = false;
    }
    return text;
  }
  function comparison(): boolean {
    const text = sum();
    if (['=', '<>', '!=', '<', '>', '<=', '>='].some(isOp)) {
      pos += 1;
      sum();
      return false;
    }
    return text;
  }
  function and(): boolean {
    let text = comparison();
    while (isWord('and')) {
      pos += 1;
      comparison();
      text = false;
    }
    return text;
  }
  function or(): boolean {
    let text = and();
    while (isWord('or')) {
      pos += 1;
      and();
      text = false;
    }
    return text;
  }
  try {
    const text = or();
    if (peek().t !== 'end') throw new Error('text after the end of the expression');
    if (mode === 'calc' && text) problems.push('a text value as the result of a numeric calculation');
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

/** The argument of an action tag, parentheses balanced (quotes respected). */
function tagArgument(annotation: string, tag: string): string | undefined {
  const start = annotation.indexOf(`${tag}(`);
  if (start < 0) return undefined;
  let depth = 0;
  let quote: string | undefined;
  for (let i = start + tag.length; i < annotation.length; i += 1) {
    const ch = annotation[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')' && --depth === 0) return annotation.slice(start + tag.length + 1, i);
  }
  return '';
}

/** Splits at top-level commas. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let last = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth += 1;
    else if (ch === ')') depth -= 1;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(last, i).trim());
      last = i + 1;
    }
  }
  out.push(text.slice(last).trim());
  return out;
}

// --------------------------------------------------------------------------------------------- dictionary

export function checkDictionary(csv: string, file = 'redcap_dictionary.csv'): { violations: Violation[]; dictionary: Dictionary } {
  const violations: Violation[] = [];
  const v = (where: string, rule: string, detail: string): void => {
    violations.push({ file, where, rule, detail });
  };
  const records = parse(csv, AS_REDCAP_READS) as string[][];
  const header = records[0] ?? [];
  if (header.join('\u0000') !== COLUMNS.join('\u0000')) v('header', 'columns', `not REDCap's 18 columns: ${header.join(' | ')}`);
  const fields: DictField[] = [];
  const byName = new Map<string, DictField>();
  const forms: string[] = [];
  const rows = records.slice(1).map((r, i) => ({ r, where: `row ${i + 2}` }));
  for (const { r, where } of rows) {
    if (r.length !== COLUMNS.length) {
      v(where, 'columns', `${r.length} cells instead of 18 (a line break outside quotes splits a record): ${r.join(' | ').slice(0, 80)}`);
      continue;
    }
    const [name, form, , type, label, choices, , validation, min, max, identifier, branching, required, alignment, , , ranking, annotation] = r as string[] as [string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string, string];
    const at = `${where} (${name})`;
    if (!NAME.test(name) || name.length > 100) v(at, 'name', 'variable names are lower-case letters, digits and _, starting with a letter');
    if (name.includes('___')) v(at, 'name', 'a triple underscore is kept for checkbox columns');
    if (RESERVED.has(name)) v(at, 'name', 'a name REDCap reserves');
    if (byName.has(name)) v(at, 'name', 'variable given twice');
    if (!NAME.test(form)) v(at, 'form', `form name "${form}"`);
    if (forms.length > 0 && forms.at(-1) !== form && forms.includes(form)) v(at, 'form', `the fields of form ${form} are not together`);
    if (forms.at(-1) !== form) forms.push(form);
    if (!FIELD_TYPES.has(type)) v(at, 'type', `field type "${type}"`);
    if (label.trim() === '') v(at, 'label', 'no field label');
    if (!['', 'y'].includes(identifier)) v(at, 'identifier', identifier);
    if (!['', 'y'].includes(required)) v(at, 'required', required);
    if (!['', 'LV', 'LH', 'RV', 'RH'].includes(alignment)) v(at, 'alignment', alignment);
    if (!['', 'y'].includes(ranking)) v(at, 'ranking', ranking);
    const validationOk = type === 'text' ? validation === '' || VALIDATIONS.has(validation) : type === 'dropdown' ? ['', 'autocomplete'].includes(validation) : type === 'slider' ? ['', 'number'].includes(validation) : validation === '';
    if (!validationOk) v(at, 'validation', `"${validation}" on a ${type} field`);
    for (const [which, limit] of [['min', min], ['max', max]] as const) {
      if (limit === '') continue;
      const numeric = /^(integer|number)/.test(validation) || type === 'slider';
      const dated = validation.startsWith('date');
      if (numeric && !PLAIN_NUMBER.test(limit)) v(at, 'limit', `${which} ${limit} is not a plain number`);
      else if (dated && !(DATE.test(limit) || limit === 'today' || limit === 'now')) v(at, 'limit', `${which} ${limit} is not a date`);
      else if (!numeric && !dated) v(at, 'limit', `${which} on a field with validation "${validation}"`);
    }
    if (PLAIN_NUMBER.test(min) && PLAIN_NUMBER.test(max) && Number(min) > Number(max)) v(at, 'limit', 'min above max');
    let codes: string[] = [];
    if (['dropdown', 'radio', 'checkbox'].includes(type)) {
      const parsed = choiceCodes(choices);
      codes = parsed.codes;
      for (const p of parsed.problems) v(at, 'choices', p);
      if (type === 'checkbox') {
        const cols = codes.map((c) => checkboxColumnOf(name, c));
        if (new Set(cols).size !== cols.length) v(at, 'choices', 'two checkbox codes give the same column');
      }
    } else if (type === 'calc') {
      if (choices.trim() === '') v(at, 'calc', 'a calculated field without a calculation');
    } else if (type !== 'slider' && type !== 'sql' && choices !== '') v(at, 'choices', `choices on a ${type} field`);
    const field: DictField = { name, form, type, validation, min, max, codes, annotation, choices, branching };
    fields.push(field);
    byName.set(name, field);
  }
  if (fields[0] && fields[0].type !== 'text') v('row 2', 'record id', 'the first variable (the record ID) is not a text field');
  const dictionary: Dictionary = { fields, byName, forms };
  // Expressions, once every field is known.
  for (const f of fields) {
    const at = `field ${f.name}`;
    if (f.branching) for (const p of logicProblems(f.branching, 'branching', dictionary)) v(at, 'branching', p);
    if (f.type === 'calc') for (const p of logicProblems(f.choices, 'calc', dictionary)) v(at, 'calc', p);
    const calctext = tagArgument(f.annotation, '@CALCTEXT');
    if (calctext !== undefined) {
      if (f.type !== 'text') v(at, '@CALCTEXT', `on a ${f.type} field`);
      for (const p of logicProblems(calctext, 'text', dictionary)) v(at, '@CALCTEXT', p);
    }
    const calcdate = tagArgument(f.annotation, '@CALCDATE');
    if (calcdate !== undefined) {
      if (f.type !== 'text' || !f.validation.startsWith('date')) v(at, '@CALCDATE', 'not on a date-validated text field');
      const args = splitArgs(calcdate);
      if (args.length !== 3) v(at, '@CALCDATE', `${args.length} arguments instead of 3`);
      else {
        if (!/^['"]?[yMdhms]['"]?$/.test(args[2]!)) v(at, '@CALCDATE', `unit ${args[2]}`);
        if (args[0] !== 'today' && args[0] !== 'now') for (const p of logicProblems(args[0]!, 'text', dictionary)) v(at, '@CALCDATE', p);
        for (const p of logicProblems(args[1]!, 'calc', dictionary)) v(at, '@CALCDATE', p);
      }
    }
  }
  return { violations, dictionary };
}

/** Calculated in REDCap: calc fields and text fields with @CALCTEXT or @CALCDATE (REDCap computes them on import). */
export function isCalculated(f: DictField): boolean {
  return f.type === 'calc' || /@CALC(TEXT|DATE)\(/.test(f.annotation);
}

// ------------------------------------------------------------------------------------ repeating instruments

export function checkRepeating(csv: string, dict: Dictionary, file = 'redcap_repeating.csv'): { violations: Violation[]; forms: string[] } {
  const violations: Violation[] = [];
  const records = parse(csv, AS_REDCAP_READS) as string[][];
  if ((records[0] ?? []).join(',') !== 'form_name,custom_form_label') violations.push({ file, where: 'header', rule: 'columns', detail: (records[0] ?? []).join(',') });
  const forms: string[] = [];
  records.slice(1).forEach((r, i) => {
    const where = `row ${i + 2}`;
    if (r.length !== 2) violations.push({ file, where, rule: 'columns', detail: `${r.length} cells` });
    const [form = '', label = ''] = r;
    if (!dict.forms.includes(form)) violations.push({ file, where, rule: 'form', detail: `${form} is not a form of the dictionary` });
    if (forms.includes(form)) violations.push({ file, where, rule: 'form', detail: `${form} twice` });
    forms.push(form);
    for (const m of label.matchAll(/\[([^\]]*)\]/g)) if (dict.byName.get(m[1]!)?.form !== form) violations.push({ file, where, rule: 'label', detail: `[${m[1]}] is not a field of ${form}` });
  });
  return { violations, forms };
}

// --------------------------------------------------------------------------------------------- data import

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function valueProblem(f: DictField, cell: string): string | undefined {
  switch (f.type) {
    case 'dropdown':
    case 'radio':
      return f.codes.includes(cell) ? undefined : `"${cell}" is not a choice`;
    case 'yesno':
    case 'truefalse':
      return cell === '0' || cell === '1' ? undefined : `"${cell}" is not 0 or 1`;
    case 'slider':
      return /^\d+$/.test(cell) ? undefined : `"${cell}" is not a slider value`;
    case 'text': {
      const val = f.validation;
      if (val === 'integer' && !/^-?\d+$/.test(cell)) return `"${cell}" is not an integer`;
      if (val.startsWith('number') && !PLAIN_NUMBER.test(cell)) return `"${cell}" is not a number REDCap reads`;
      if (val === 'date_ymd' && !validDate(cell)) return `"${cell}" is not a YYYY-MM-DD date`;
      if ((val === 'integer' || val.startsWith('number')) && PLAIN_NUMBER.test(cell)) {
        if (f.min !== '' && Number(cell) < Number(f.min)) return `${cell} below the minimum ${f.min}`;
        if (f.max !== '' && Number(cell) > Number(f.max)) return `${cell} above the maximum ${f.max}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

export function checkImport(csv: string, dict: Dictionary, repeating: readonly string[], missingCodes: readonly string[], file = 'redcap_import.csv'): { violations: Violation[]; rows: Record<string, string>[] } {
  const violations: Violation[] = [];
  const v = (where: string, rule: string, detail: string): void => {
    violations.push({ file, where, rule, detail });
  };
  const records = parse(csv, AS_REDCAP_READS) as string[][];
  const header = records[0] ?? [];
  const recordId = dict.fields[0]?.name ?? '';
  if (header[0] !== recordId) v('header', 'record id', `first column ${header[0]} is not the record ID ${recordId}`);
  if (repeating.length > 0 && (header[1] !== 'redcap_repeat_instrument' || header[2] !== 'redcap_repeat_instance')) v('header', 'repeating', 'redcap_repeat_instrument and redcap_repeat_instance do not follow the record ID');
  // What each column may be, from the dictionary.
  const allowed = new Map<string, { field?: DictField; form: string; kind: 'value' | 'choice' | 'complete' }>();
  for (const f of dict.fields.slice(1)) {
    if (f.type === 'descriptive' || f.type === 'file' || isCalculated(f)) continue;
    if (f.type === 'checkbox') for (const code of [...f.codes, ...missingCodes]) allowed.set(checkboxColumnOf(f.name, code), { field: f, form: f.form, kind: 'choice' });
    else allowed.set(f.name, { field: f, form: f.form, kind: 'value' });
  }
  for (const form of dict.forms) allowed.set(`${form}_complete`, { form, kind: 'complete' });
  const columns = header.slice(repeating.length > 0 ? 3 : 1);
  if (new Set(header).size !== header.length) v('header', 'columns', 'a column given twice');
  for (const c of columns) {
    const f = dict.byName.get(c);
    if (f && isCalculated(f)) v('header', 'calculated', `${c} is a calculated field`);
    else if (!allowed.has(c)) v('header', 'columns', `${c} is not a field of the dictionary`);
  }
  for (const f of dict.fields) {
    if (f.type !== 'checkbox') continue;
    const present = f.codes.filter((c) => header.includes(checkboxColumnOf(f.name, c)));
    if (present.length > 0 && present.length < f.codes.length) v('header', 'checkbox', `${f.name} lacks some of its choice columns`);
  }
  const rows: Record<string, string>[] = [];
  const keys = new Set<string>();
  records.slice(1).forEach((r, i) => {
    const where = `row ${i + 2}`;
    if (r.length !== header.length) {
      v(where, 'columns', `${r.length} cells instead of ${header.length}`);
      return;
    }
    const row = Object.fromEntries(header.map((h, j) => [h, r[j]!]));
    rows.push(row);
    const instrument = repeating.length > 0 ? row.redcap_repeat_instrument! : '';
    const instance = repeating.length > 0 ? row.redcap_repeat_instance! : '';
    if (row[recordId] === '') v(where, 'record id', 'no record ID');
    if (instrument !== '' && !repeating.includes(instrument)) v(where, 'repeating', `${instrument} is not a repeating instrument`);
    if ((instrument === '') !== (instance === '')) v(where, 'repeating', 'instrument and instance go together');
    if (instance !== '' && !/^[1-9]\d*$/.test(instance)) v(where, 'repeating', `instance ${instance}`);
    const key = `${row[recordId]}|${instrument}|${instance}`;
    if (keys.has(key)) v(where, 'repeating', `${key} twice`);
    keys.add(key);
    for (const c of columns) {
      const cell = row[c]!;
      const spec = allowed.get(c);
      if (cell === '' || !spec) continue;
      if (instrument !== '' ? spec.form !== instrument : repeating.includes(spec.form)) v(where, 'repeating', `${c} (form ${spec.form}) has a value in a row of ${instrument || 'the non-repeating forms'}`);
      if (spec.kind === 'complete') {
        if (!['0', '1', '2'].includes(cell)) v(where, 'complete', `${c} = ${cell}`);
      } else if (spec.kind === 'choice') {
        if (cell !== '0' && cell !== '1') v(where, 'checkbox', `${c} = ${cell}`);
      } else if (!missingCodes.includes(cell)) {
        const problem = valueProblem(spec.field!, cell);
        if (problem) v(where, 'value', `${c}: ${problem}`);
      }
    }
  });
  return { violations, rows };
}

/** The Missing Data Codes lines of a README: `code, label` in the first fenced block after the heading. */
export function readmeMissingCodes(readme: string): { codes: string[]; violations: Violation[] } {
  const block = /## Missing Data Codes[\s\S]*?```\n([\s\S]*?)```/.exec(readme);
  const violations: Violation[] = [];
  if (!block) return { codes: [], violations: [{ file: 'README.md', where: 'Missing Data Codes', rule: 'missing codes', detail: 'no block of codes to paste' }] };
  const codes: string[] = [];
  for (const line of block[1]!.split('\n').filter((l) => l.trim() !== '')) {
    const m = /^([A-Za-z0-9._-]+), (.+)$/.exec(line);
    if (!m) violations.push({ file: 'README.md', where: 'Missing Data Codes', rule: 'missing codes', detail: `"${line}" is not "code, label"` });
    else codes.push(m[1]!);
  }
  return { codes, violations };
}

export interface ProjectCheck {
  readonly violations: Violation[];
  readonly dictionary: Dictionary;
  readonly repeating: string[];
  readonly missingCodes: string[];
  readonly rows: Record<string, string>[];
}

/** Every rule over the four files of an export folder. */
export function checkRedcapFolder(dir: string): ProjectCheck {
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  const { violations, dictionary } = checkDictionary(read('redcap_dictionary.csv'));
  const repeating = checkRepeating(read('redcap_repeating.csv'), dictionary);
  const missing = readmeMissingCodes(read('README.md'));
  const data = checkImport(read('redcap_import.csv'), dictionary, repeating.forms, missing.codes);
  return { violations: [...violations, ...repeating.violations, ...missing.violations, ...data.violations], dictionary, repeating: repeating.forms, missingCodes: missing.codes, rows: data.rows };
}
