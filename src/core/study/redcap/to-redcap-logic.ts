// The study's expressions in REDCap's syntax: branching logic, calculated fields, @CALCTEXT and @CALCDATE.
// The language is REDCap's branching-logic syntax plus extensions; what REDCap writes differently is
// rewritten (not, isblank, hasmissingcode, date comparisons, [form:field]); what REDCap cannot compute at all
// (aggregates over repeating instances, partial dates, reference lists, values the app keeps) is reported
// with its reasons instead of being written as something REDCap would refuse or compute differently.

import type { BinaryOp, Expr } from '../../../shared/expr/ast';
import { parseExpression } from '../../../shared/expr/parser';
import { printExpression } from '../../../shared/expr/print';
import { aggregateForm } from '../../../shared/expr/scope';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field } from '../../../shared/study/definition.schema';

export type LogicTranslation = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reasons: readonly string[] };

/** How REDCap holds a calculated field of the study. */
export type CalcTranslation =
  | { readonly kind: 'calc'; readonly text: string }
  | { readonly kind: 'calctext'; readonly text: string }
  | { readonly kind: 'calcdate'; readonly text: string }
  | { readonly kind: 'app'; readonly expression: string; readonly reasons: readonly string[] }
  | { readonly kind: 'system'; readonly system: string };

type CalcField = Extract<Field, { type: 'calc' }>;

const REDCAP_STYLE = { quote: "'" } as const;

/** Days per datediff unit in the study's language; REDCap's 'y' and 'M' are 365.2425 and 30.44 days, so those are divided out of days. */
const UNIT_DAYS: Readonly<Record<string, number>> = { w: 7, M: 30.4375, y: 365.25 };

const INVERSE: Readonly<Record<string, BinaryOp>> = { '=': '<>', '<>': '=', '<': '>=', '>=': '<', '>': '<=', '<=': '>' };
/** `a OP b` on dates as `datediff(a, b, 'd', true) OP' 0` (datediff is b − a in days). */
const DATE_OP: Readonly<Record<string, BinaryOp>> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

const SPAN = { start: 0, end: 0 };
const num = (value: number): Expr => ({ kind: 'number', value, span: SPAN });
const text = (value: string): Expr => ({ kind: 'string', value, span: SPAN });
const bool = (value: boolean): Expr => ({ kind: 'boolean', value, span: SPAN });
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', name, args, span: SPAN });
const bin = (op: BinaryOp, left: Expr, right: Expr): Expr => ({ kind: 'binary', op, left, right, span: SPAN });
const ref = (field: string, code?: string): Expr => ({ kind: 'ref', field, ...(code !== undefined ? { code } : {}), span: SPAN });

type Kind = 'date' | 'num' | 'str' | 'bool' | 'set' | 'any';

/** One expression being rewritten: the form it belongs to and the reasons it cannot be written for REDCap. */
class Rewrite {
  readonly reasons = new Set<string>();
  constructor(
    private readonly t: RedcapTranslator,
    readonly form: string,
  ) {}

  private fail(reason: string): Expr {
    this.reasons.add(reason);
    return text('');
  }

  private fieldOf(form: string | undefined, name: string): Field | undefined {
    return this.t.study.field(form ?? this.form, name)?.field;
  }

  kindOf(e: Expr): Kind {
    switch (e.kind) {
      case 'number':
        return 'num';
      case 'string':
        return 'str';
      case 'boolean':
        return 'bool';
      case 'not':
        return 'bool';
      case 'negate':
        return 'num';
      case 'ref': {
        if (e.code !== undefined) return 'num';
        const f = this.fieldOf(e.form, e.field);
        if (!f) return 'any';
        if (f.type === 'date' || f.type === 'partialDate' || (f.type === 'calc' && f.valueType === 'date')) return 'date';
        if (f.type === 'multi') return 'set';
        if (f.type === 'integer' || f.type === 'decimal' || (f.type === 'calc' && f.valueType === 'number')) return 'num';
        return 'any';
      }
      case 'binary':
        if (COMPARISONS.has(e.op) || e.op === 'and' || e.op === 'or') return 'bool';
        if (e.op === '+' || e.op === '-') {
          const l = this.kindOf(e.left);
          const r = this.kindOf(e.right);
          if (l === 'date' && r === 'date') return 'num';
          if (l === 'date' || r === 'date') return 'date';
        }
        return 'num';
      case 'call':
        switch (e.name) {
          case 'today':
          case 'impute':
          case 'makedate':
            return 'date';
          case 'min':
          case 'max':
            return e.args.every((a) => this.kindOf(a) === 'date') ? 'date' : 'num';
          case 'if': {
            const a = this.kindOf(e.args[1]!);
            return a === this.kindOf(e.args[2]!) ? a : 'any';
          }
          case 'param':
            return e.args[0]?.kind === 'string' && this.t.param(e.args[0].value)?.type === 'date' ? 'date' : 'any';
          case 'isblank':
          case 'hasmissingcode':
            return 'bool';
          case 'concat':
          case 'ref':
            return 'str';
          default:
            return 'num';
        }
    }
  }

  /** A field reference as REDCap reads it: `[field]`, since field names are unique in a study. */
  private field(e: Extract<Expr, { kind: 'ref' }>): Expr {
    const form = e.form ?? this.form;
    const f = this.fieldOf(form, e.field);
    if (!f) return this.fail(`unknown field [${e.field}]`);
    if (form !== this.form && this.t.study.isRepeating(form)) return this.fail(`[${form}:${e.field}] reads a repeating form from another form`);
    if (e.code !== undefined) return ref(e.field, e.code);
    if (f.type === 'multi') return this.fail(`[${e.field}] is a multiple-choice field read as a whole (REDCap reads one choice: [${e.field}(code)])`);
    if (f.type === 'calc') {
      const c = this.t.calc(form, e.field);
      if (c.kind === 'app' || c.kind === 'system') return this.fail(`reads [${e.field}], which REDCap cannot calculate`);
    }
    return ref(e.field);
  }

  /** A date operand of datediff or a comparison: a full-date field, 'today', or a date literal. */
  date(e: Expr): Expr {
    if (e.kind === 'call' && e.name === 'today') return text('today');
    if (e.kind === 'string') return e;
    if (e.kind === 'call' && e.name === 'param') return this.expr(e);
    if (e.kind === 'ref') {
      const f = this.fieldOf(e.form, e.field);
      if (f?.type === 'partialDate') return this.fail(`[${e.field}] is a partial date, a text field in REDCap`);
      return this.field(e);
    }
    // What makes the date impossible for REDCap is the better reason (an aggregate, a partial date …).
    const before = this.reasons.size;
    this.expr(e);
    if (this.reasons.size === before) this.fail(`${printExpression(e)} is a computed date, which REDCap's date functions do not take`);
    return text('');
  }

  /** `[x] = ""` (or `<>`): blank means empty or carrying a missing-data code, as isblankormissingcode() tests. */
  private blank(e: Expr, positive: boolean): Expr {
    if (e.kind !== 'ref' || e.code !== undefined) return bin(positive ? '=' : '<>', this.expr(e), text(''));
    const f = this.fieldOf(e.form, e.field);
    const field = this.field(e);
    if (this.reasons.size > 0 || !f) return field;
    const mayCarryCode = f.type !== 'calc' && f.missingReasons.length > 0;
    if (!mayCarryCode) return bin(positive ? '=' : '<>', field, text(''));
    const test = call('isblankormissingcode', field);
    return positive ? test : bin('=', test, bool(false));
  }

  private isBlankLiteral(e: Expr): boolean {
    return e.kind === 'string' && e.value === '';
  }

  private compare(op: BinaryOp, left: Expr, right: Expr): Expr {
    if (this.isBlankLiteral(right)) return this.blank(left, op === '=');
    if (this.isBlankLiteral(left)) return this.blank(right, op === '=');
    if (this.kindOf(left) === 'date' || this.kindOf(right) === 'date') {
      return bin(DATE_OP[op]!, call('datediff', this.date(left), this.date(right), text('d'), bool(true)), num(0));
    }
    return bin(op, this.expr(left), this.expr(right));
  }

  /** A condition: comparisons joined by and/or, with `not` pushed down to the comparisons (REDCap has no `not`). */
  condition(e: Expr, negated = false): Expr {
    if (e.kind === 'not') return this.condition(e.operand, !negated);
    if (e.kind === 'boolean') return bool(e.value !== negated);
    if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
      const op: BinaryOp = negated ? (e.op === 'and' ? 'or' : 'and') : e.op;
      return bin(op, this.condition(e.left, negated), this.condition(e.right, negated));
    }
    if (e.kind === 'binary' && COMPARISONS.has(e.op)) return this.compare(negated ? INVERSE[e.op]! : e.op, e.left, e.right);
    if (e.kind === 'call' && e.name === 'isblank') {
      const arg = e.args[0]!;
      if (arg.kind !== 'ref') return this.fail(`isblank() of ${printExpression(arg)} (REDCap tests fields)`);
      return this.blank(arg, !negated);
    }
    if (e.kind === 'call' && e.name === 'hasmissingcode') {
      const test = call('ismissingcode', this.field(e.args[0] as Extract<Expr, { kind: 'ref' }>));
      return negated ? bin('=', test, bool(false)) : test;
    }
    return this.fail(`${printExpression(e)} is not a comparison`);
  }

  expr(e: Expr): Expr {
    switch (e.kind) {
      case 'number':
      case 'string':
      case 'boolean':
        return e;
      case 'ref':
        return this.field(e);
      case 'not':
        return this.condition(e);
      case 'negate':
        return { kind: 'negate', operand: this.expr(e.operand), span: SPAN };
      case 'binary':
        if (e.op === 'and' || e.op === 'or' || COMPARISONS.has(e.op)) return this.condition(e);
        if ((e.op === '+' || e.op === '-') && (this.kindOf(e.left) === 'date' || this.kindOf(e.right) === 'date')) {
          if (e.op === '-' && this.kindOf(e.left) === 'date' && this.kindOf(e.right) === 'date') {
            return call('datediff', this.date(e.right), this.date(e.left), text('d'), bool(true));
          }
          return this.fail('a date plus or minus days (REDCap adds days to a date only in @CALCDATE)');
        }
        return bin(e.op, this.expr(e.left), this.expr(e.right));
      case 'call':
        return this.call(e);
    }
  }

  private call(e: Extract<Expr, { kind: 'call' }>): Expr {
    const args = e.args;
    switch (e.name) {
      case 'if':
        return call('if', this.condition(args[0]!), this.expr(args[1]!), this.expr(args[2]!));
      case 'isblank':
      case 'hasmissingcode':
        return this.condition(e);
      case 'datediff': {
        const unit = args[2]!.kind === 'string' ? args[2]!.value : '';
        const signed = args[3] ? [this.expr(args[3])] : [];
        const days = call('datediff', this.date(args[0]!), this.date(args[1]!), text(unit in UNIT_DAYS ? 'd' : unit), ...signed);
        return unit in UNIT_DAYS ? bin('/', days, num(UNIT_DAYS[unit]!)) : days;
      }
      case 'fullyears': {
        // Completed years, exactly: the difference of the years, less one before the birthday.
        const birth = this.date(args[0]!);
        const at = this.date(args[1]!);
        const beforeBirthday = bin('or', bin('<', call('month', at), call('month', birth)), bin('and', bin('=', call('month', at), call('month', birth)), bin('<', call('day', at), call('day', birth))));
        return bin('-', bin('-', call('year', at), call('year', birth)), call('if', beforeBirthday, num(1), num(0)));
      }
      case 'round':
      case 'roundup':
      case 'rounddown':
        // Always with the decimals: the study's language rounds to 0 places by default, and REDCap's help has not always said the same.
        return call(e.name, this.expr(args[0]!), args[1] ? this.expr(args[1]) : num(0));
      case 'sqrt':
      case 'abs':
      case 'concat':
        return call(e.name, ...args.map((a) => this.expr(a)));
      case 'min':
      case 'max':
      case 'sum':
      case 'mean':
      case 'count': {
        const form = aggregateForm(e, (f) => this.t.study.isRepeating(f), new Set());
        if (form !== undefined) return this.fail(`${e.name}() over the instances of repeating form ${form}`);
        if (e.name === 'count') return this.fail('count() has no REDCap equivalent');
        if (args.some((a) => this.kindOf(a) === 'date')) return this.fail(`${e.name}() of dates (REDCap's ${e.name}() takes numbers)`);
        return call(e.name, ...args.map((a) => this.expr(a)));
      }
      case 'nselected': {
        const arg = args[0]!;
        const f = arg.kind === 'ref' ? this.fieldOf(arg.form, arg.field) : undefined;
        if (arg.kind !== 'ref' || f?.type !== 'multi') return this.fail('nselected() of something other than a multiple-choice field');
        const codes = (this.t.study.choicesOf(f) ?? []).map((c) => ref(arg.field, c.code));
        return codes.reduce((sum, next) => bin('+', sum, next));
      }
      case 'param': {
        const name = args[0]?.kind === 'string' ? args[0].value : '';
        const p = this.t.param(name);
        if (!p || p.scope !== 'study' || p.value === null) return this.fail(`param("${name}") has no study-wide value in the definition`);
        return typeof p.value === 'number' ? num(p.value) : text(p.value);
      }
      case 'today':
        return this.fail('today() outside a date difference');
      case 'impute':
        return this.fail('impute() (dates imputed from partial dates) has no REDCap equivalent');
      case 'makedate':
        return this.fail('makedate() has no REDCap equivalent');
      case 'ref':
        return this.fail('ref() reads a reference list, which a REDCap project does not have');
      case 'system':
        return this.fail(`system(${args[0] ? printExpression(args[0]) : ''}) is a value the application keeps`);
      default:
        return this.fail(`${e.name}() has no REDCap equivalent`);
    }
  }
}

/** A value REDCap's calc field can hold: a number. Text results (non-empty strings, concat) need @CALCTEXT. */
function hasTextResult(e: Expr): boolean {
  if (e.kind === 'string') return e.value !== '';
  if (e.kind === 'call' && e.name === 'if') return hasTextResult(e.args[1]!) || hasTextResult(e.args[2]!);
  return e.kind === 'call' && e.name === 'concat';
}

export class RedcapTranslator {
  private readonly calcs = new Map<string, CalcTranslation>();
  private readonly pending = new Set<string>();

  constructor(readonly study: CompiledStudy) {}

  param(name: string): { type: string; scope: string; value: string | number | null } | undefined {
    return this.study.definition.parameters.find((p) => p.name === name);
  }

  /** A branching logic or a required-when condition in REDCap's syntax. */
  condition(form: string, source: string): LogicTranslation {
    const rw = new Rewrite(this, form);
    const out = rw.condition(parseExpression(source));
    return rw.reasons.size > 0 ? { ok: false, reasons: [...rw.reasons] } : { ok: true, text: printExpression(out, REDCAP_STYLE) };
  }

  /** How REDCap computes a calculated field, or why it cannot (memoised; calculations read each other). */
  calc(form: string, name: string): CalcTranslation {
    const key = `${form}:${name}`;
    const known = this.calcs.get(key);
    if (known) return known;
    const field = this.study.field(form, name)?.field as CalcField;
    if (this.pending.has(key)) return { kind: 'app', expression: field.calc ?? '', reasons: ['reads itself through other calculations'] };
    this.pending.add(key);
    const result = this.translateCalc(form, field);
    this.pending.delete(key);
    this.calcs.set(key, result);
    return result;
  }

  private translateCalc(form: string, field: CalcField): CalcTranslation {
    if (field.calc === undefined) return { kind: 'system', system: field.system ?? '' };
    const source = parseExpression(field.calc);
    const rw = new Rewrite(this, form);
    const app = (): CalcTranslation => ({ kind: 'app', expression: field.calc!, reasons: [...rw.reasons] });
    if (field.valueType === 'date') {
      const text = this.calcDate(rw, source);
      return rw.reasons.size > 0 || text === undefined ? app() : { kind: 'calcdate', text };
    }
    let out = rw.expr(source);
    if (rw.reasons.size > 0) return app();
    if (field.valueType === 'text' || hasTextResult(out)) return { kind: 'calctext', text: printExpression(out, REDCAP_STYLE) };
    // The app rounds a calculation to its precision; REDCap does what the formula says.
    const rounded = out.kind === 'call' && out.name === 'round' && out.args[1]?.kind === 'number' && out.args[1].value === field.precision;
    if (field.precision !== undefined && !rounded) out = call('round', out, num(field.precision));
    return { kind: 'calc', text: printExpression(out, REDCAP_STYLE) };
  }

  /** @CALCDATE(date, days, 'd'): a date, or a date plus or minus a number of days. */
  private calcDate(rw: Rewrite, e: Expr): string | undefined {
    let dateSide = e;
    let days: Expr = num(0);
    if (e.kind === 'binary' && (e.op === '+' || e.op === '-')) {
      const leftIsDate = rw.kindOf(e.left) === 'date';
      dateSide = leftIsDate ? e.left : e.right;
      const offset = leftIsDate ? e.right : e.left;
      if (e.op === '-' && !leftIsDate) {
        rw.reasons.add('a number minus a date');
        return undefined;
      }
      days = e.op === '-' ? { kind: 'negate', operand: rw.expr(offset), span: SPAN } : rw.expr(offset);
    }
    if (rw.kindOf(dateSide) !== 'date') {
      rw.reasons.add('a date calculation that does not give a date');
      return undefined;
    }
    const source = dateSide.kind === 'call' && dateSide.name === 'if' ? call('if', rw.condition(dateSide.args[0]!), rw.date(dateSide.args[1]!), rw.date(dateSide.args[2]!)) : rw.date(dateSide);
    if (source.kind === 'string' && source.value !== 'today') {
      rw.reasons.add("a fixed date (REDCap's @CALCDATE starts from a date field or today)");
      return undefined;
    }
    // @CALCDATE takes today unquoted as its source.
    const sourceText = source.kind === 'string' && source.value === 'today' ? 'today' : printExpression(source, REDCAP_STYLE);
    return `${sourceText}, ${printExpression(days, REDCAP_STYLE)}, 'd'`;
  }
}
