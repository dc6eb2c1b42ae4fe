// Evaluator of the expression language over a subject's data: Kleene three-valued logic, interval
// arithmetic for partial dates, aggregates over repeating forms. Pure; never uses eval.

import { completedYears, dayNumber, imputeDay, parsePartialDate } from '../dates/partial-date';
import type { Expr } from './ast';
import type { ExpressionHost, InstanceView, RawEntry } from './host';
import { aggregateForm } from './scope';
import {
  asNum,
  bool,
  date,
  dateRange,
  num,
  numRange,
  str,
  truth,
  type DateVal,
  type NumVal,
  type Val,
} from './values';

/** Where an expression is evaluated: the form it belongs to and, when entered, the current instance. */
export interface EvalScope {
  readonly form: string;
  readonly instance?: InstanceView;
}

interface Env {
  readonly host: ExpressionHost;
  readonly form: string;
  readonly current: InstanceView | undefined;
  readonly bound: ReadonlyMap<string, InstanceView>;
}

// Shared by every top-level evaluation: `bound` is only read (an aggregate binds into a map of its own).
const NO_BOUND: ReadonlyMap<string, InstanceView> = new Map();
const NO_FORMS: ReadonlySet<string> = new Set();

export function evaluate(expr: Expr, host: ExpressionHost, scope: EvalScope): Val {
  return ev(expr, { host, form: scope.form, current: scope.instance, bound: NO_BOUND });
}

/** Truth of a condition: true, false, or null when it cannot be decided (blank fields, partial dates). */
export function evaluateCondition(expr: Expr, host: ExpressionHost, scope: EvalScope): boolean | null {
  return truth(evaluate(expr, host, scope));
}

function ev(expr: Expr, env: Env): Val {
  switch (expr.kind) {
    case 'number':
      return num(expr.value);
    case 'string':
      return expr.value === '' ? null : str(expr.value);
    case 'boolean':
      return bool(expr.value);
    case 'ref':
      return readRef(expr, env);
    case 'not': {
      const t = truth(ev(expr.operand, env));
      return t === null ? null : bool(!t);
    }
    case 'negate': {
      const n = asNum(ev(expr.operand, env));
      return n ? numRange(-n.hi, -n.lo) : null;
    }
    case 'binary':
      return binary(expr, env);
    case 'call':
      return call(expr, env);
  }
}

function instanceFor(form: string | undefined, env: Env): InstanceView | undefined {
  if (form === undefined || form === env.form) {
    const bound = form === undefined ? undefined : env.bound.get(form);
    return bound ?? env.current;
  }
  const bound = env.bound.get(form);
  if (bound) return bound;
  return env.host.isRepeating(form) ? undefined : env.host.single(form);
}

function rawOf(expr: Extract<Expr, { kind: 'ref' }>, env: Env): RawEntry {
  return instanceFor(expr.form, env)?.get(expr.field);
}

function readRef(expr: Extract<Expr, { kind: 'ref' }>, env: Env): Val {
  const form = expr.form ?? env.form;
  const kind = env.host.fieldKind(form, expr.field);
  const raw = rawOf(expr, env);
  if (expr.code !== undefined) {
    if (!Array.isArray(raw)) return null;
    return num((raw as readonly string[]).includes(expr.code) ? 1 : 0);
  }
  return toVal(raw, kind);
}

// Stored dates are parsed on every reference; a bounded cache keeps that off the hot path.
const dateCache = new Map<string, Val>();

function dateVal(text: string): Val {
  let v = dateCache.get(text);
  if (v === undefined) {
    const range = parsePartialDate(text);
    v = range ? dateRange(range.lo, range.hi) : null;
    if (dateCache.size > 50_000) dateCache.clear();
    dateCache.set(text, v);
  }
  return v;
}

export function toVal(raw: RawEntry, kind: ReturnType<ExpressionHost['fieldKind']>): Val {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'object' && !Array.isArray(raw)) return null; // a missing-data reason is blank here
  if (Array.isArray(raw)) return raw.length === 0 ? null : { t: 'set', v: raw as readonly string[] };
  if (typeof raw === 'number') return kind === 'date' ? date(raw) : num(raw);
  const text = raw as string;
  if (text === '') return null;
  if (kind === 'date') return dateVal(text);
  if (kind === 'number') {
    const n = Number(text);
    return Number.isFinite(n) ? num(n) : null;
  }
  return str(text);
}

// ---------------------------------------------------------------- operators

function binary(expr: Extract<Expr, { kind: 'binary' }>, env: Env): Val {
  const { op } = expr;
  if (op === 'and' || op === 'or') {
    const l = truth(ev(expr.left, env));
    // Short-circuit only on a decided operand, so unknowns stay unknown (Kleene logic).
    if (op === 'and' && l === false) return bool(false);
    if (op === 'or' && l === true) return bool(true);
    const r = truth(ev(expr.right, env));
    if (op === 'and') return r === false ? bool(false) : l === true && r === true ? bool(true) : null;
    return r === true ? bool(true) : l === false && r === false ? bool(false) : null;
  }
  if (op === '=' || op === '<>') {
    const blankSide = isBlankLiteral(expr.left) ? expr.right : isBlankLiteral(expr.right) ? expr.left : undefined;
    if (blankSide) {
      const blank = ev(blankSide, env) === null;
      return bool(op === '=' ? blank : !blank);
    }
  }
  const left = ev(expr.left, env);
  const right = ev(expr.right, env);
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '/':
      return arithmetic(op, left, right);
    default:
      return compare(op, left, right);
  }
}

function isBlankLiteral(expr: Expr): boolean {
  return expr.kind === 'string' && expr.value === '';
}

function arithmetic(op: '+' | '-' | '*' | '/', left: Val, right: Val): Val {
  if (left === null || right === null) return null;
  if (left.t === 'date' && right.t === 'date' && op === '-') return numRange(left.lo - right.hi, left.hi - right.lo);
  if (left.t === 'date' && (op === '+' || op === '-')) {
    const n = asNum(right);
    if (!n) return null;
    return op === '+' ? dateRange(left.lo + n.lo, left.hi + n.hi) : dateRange(left.lo - n.hi, left.hi - n.lo);
  }
  if (right.t === 'date' && op === '+') return arithmetic('+', right, left);
  const a = asNum(left);
  const b = asNum(right);
  if (!a || !b) return null;
  switch (op) {
    case '+':
      return numRange(a.lo + b.lo, a.hi + b.hi);
    case '-':
      return numRange(a.lo - b.hi, a.hi - b.lo);
    case '*': {
      const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
      return numRange(Math.min(...p), Math.max(...p));
    }
    case '/': {
      if (b.lo <= 0 && b.hi >= 0) return null;
      const p = [a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi];
      return numRange(Math.min(...p), Math.max(...p));
    }
  }
}

type Range = { lo: number; hi: number };

function comparable(left: Val, right: Val): [Range, Range] | 'strings' | undefined {
  if (left === null || right === null) return undefined;
  if (left.t === 'date' || right.t === 'date') {
    const l = asDate(left);
    const r = asDate(right);
    return l && r ? [l, r] : undefined;
  }
  const l = asNum(left);
  const r = asNum(right);
  if (l && r) return [l, r];
  return left.t === 'str' && right.t === 'str' ? 'strings' : undefined;
}

function asDate(value: Val): DateVal | undefined {
  if (value === null) return undefined;
  if (value.t === 'date') return value;
  if (value.t === 'str') {
    const v = dateVal(value.v);
    return v !== null && v.t === 'date' ? v : undefined;
  }
  return undefined;
}

/** Possibilistic comparison: true only if every compatible value satisfies it, false only if none does. */
function compare(op: '=' | '<>' | '<' | '<=' | '>' | '>=', left: Val, right: Val): Val {
  const pair = comparable(left, right);
  if (pair === undefined) {
    if (left === null || right === null) return null;
    // A number against a word (e.g. a code "CR"): never equal.
    return op === '=' ? bool(false) : op === '<>' ? bool(true) : null;
  }
  if (pair === 'strings') {
    const a = (left as { v: string }).v;
    const b = (right as { v: string }).v;
    if (op === '=') return bool(a === b);
    if (op === '<>') return bool(a !== b);
    return null;
  }
  const [a, b] = pair;
  switch (op) {
    case '<':
      return a.hi < b.lo ? bool(true) : a.lo >= b.hi ? bool(false) : null;
    case '<=':
      return a.hi <= b.lo ? bool(true) : a.lo > b.hi ? bool(false) : null;
    case '>':
      return compare('<', right, left);
    case '>=':
      return compare('<=', right, left);
    case '=':
      if (a.hi < b.lo || b.hi < a.lo) return bool(false);
      return a.lo === a.hi && b.lo === b.hi ? bool(true) : null;
    case '<>': {
      const eq = truth(compare('=', left, right));
      return eq === null ? null : bool(!eq);
    }
  }
}

// ---------------------------------------------------------------- functions

function call(expr: Extract<Expr, { kind: 'call' }>, env: Env): Val {
  const { name, args } = expr;
  switch (name) {
    case 'if': {
      const t = truth(ev(args[0]!, env));
      return t === null ? null : ev(args[t ? 1 : 2]!, env);
    }
    case 'isblank':
      return bool(ev(args[0]!, env) === null);
    case 'hasmissingcode': {
      const arg = args[0]!;
      if (arg.kind !== 'ref') return bool(false);
      const raw = rawOf(arg, env);
      return bool(raw !== null && typeof raw === 'object' && !Array.isArray(raw));
    }
    case 'nselected': {
      const v = ev(args[0]!, env);
      return v?.t === 'set' ? num(v.v.length) : v === null ? null : num(1);
    }
    case 'today':
      return date(env.host.today());
    case 'concat':
      return str(args.map((a) => literal(a, env)).join(''));
    case 'param':
      return env.host.param(literal(args[0]!, env));
    case 'system':
      return env.host.system(literal(args[0]!, env), { form: env.form, instance: env.current });
    case 'ref': {
      const key = ev(args[1]!, env);
      if (key === null) return null;
      const keyText = key.t === 'num' ? String(key.lo) : key.t === 'str' ? key.v : '';
      return env.host.reference(literal(args[0]!, env), keyText, literal(args[2]!, env));
    }
    case 'datediff':
      return datediff(args, env);
    case 'fullyears': {
      const birth = asDate(ev(args[0]!, env));
      const at = asDate(ev(args[1]!, env));
      if (!birth || !at) return null;
      return numRange(completedYears(birth.hi, at.lo), completedYears(birth.lo, at.hi));
    }
    case 'impute': {
      const d = asDate(ev(args[0]!, env));
      return d ? date(imputeDay(d)) : null;
    }
    case 'makedate': {
      const [y, m, d] = args.map((a) => asNum(ev(a, env)));
      if (!y || !m || !d || y.lo !== y.hi || m.lo !== m.hi || d.lo !== d.hi) return null;
      const day = dayNumber(y.lo, m.lo, d.lo);
      return day === undefined ? null : date(day);
    }
    case 'round':
    case 'roundup':
    case 'rounddown':
      return rounding(name, args, env);
    case 'sqrt':
      return monotone(ev(args[0]!, env), (x) => (x < 0 ? NaN : Math.sqrt(x)));
    case 'abs': {
      const n = asNum(ev(args[0]!, env));
      if (!n) return null;
      if (n.lo >= 0) return n;
      if (n.hi <= 0) return numRange(-n.hi, -n.lo);
      return numRange(0, Math.max(-n.lo, n.hi));
    }
    case 'min':
    case 'max':
    case 'sum':
    case 'mean':
    case 'count': {
      const form = aggregateForm(expr, (f) => env.host.isRepeating(f), env.bound.size === 0 ? NO_FORMS : new Set(env.bound.keys()));
      return form === undefined ? nary(name, args, env) : aggregate(name, form, args, env);
    }
    default:
      return null;
  }
}

function literal(expr: Expr, env: Env): string {
  const v = ev(expr, env);
  return v === null ? '' : v.t === 'str' ? v.v : v.t === 'num' ? String(v.lo) : '';
}

const UNIT_DAYS: Readonly<Record<string, number>> = { d: 1, w: 7, M: 30.4375, y: 365.25 };

function datediff(args: readonly Expr[], env: Env): Val {
  const a = asDate(ev(args[0]!, env));
  const b = asDate(ev(args[1]!, env));
  const unitName = literal(args[2]!, env);
  const unit = Object.hasOwn(UNIT_DAYS, unitName) ? UNIT_DAYS[unitName] : undefined;
  if (!a || !b || unit === undefined) return null;
  const signed = args[3] ? truth(ev(args[3], env)) === true : false;
  const diff = numRange((b.lo - a.hi) / unit, (b.hi - a.lo) / unit);
  if (signed || diff.lo >= 0) return diff;
  if (diff.hi <= 0) return numRange(-diff.hi, -diff.lo);
  return numRange(0, Math.max(-diff.lo, diff.hi));
}

function rounding(name: 'round' | 'roundup' | 'rounddown', args: readonly Expr[], env: Env): Val {
  const places = args[1] ? asNum(ev(args[1], env)) : num(0);
  if (!places || places.lo !== places.hi) return null;
  const f = 10 ** places.lo;
  const op = name === 'round' ? Math.round : name === 'roundup' ? Math.ceil : Math.floor;
  // Correct for binary floating point (1.005 * 100 = 100.49999…) before rounding.
  return monotone(ev(args[0]!, env), (x) => op(Number((x * f).toPrecision(12))) / f);
}

function monotone(value: Val, f: (x: number) => number): Val {
  const n = asNum(value);
  if (!n) return null;
  const lo = f(n.lo);
  const hi = f(n.hi);
  return Number.isFinite(lo) && Number.isFinite(hi) ? numRange(Math.min(lo, hi), Math.max(lo, hi)) : null;
}

/** REDCap's n-ary min/max/sum/mean: blanks are ignored; blank if every argument is. */
function nary(name: string, args: readonly Expr[], env: Env): Val {
  const values = args.map((a) => ev(a, env)).filter((v): v is Exclude<Val, null> => v !== null);
  if (name === 'count') return num(values.length);
  return combine(name, values);
}

function combine(name: string, values: readonly Exclude<Val, null>[]): Val {
  if (values.length === 0) return null;
  const dates = values.every((v) => v.t === 'date' || (v.t === 'str' && parsePartialDate(v.v)));
  const ranges: Range[] = [];
  for (const v of values) {
    const r = dates ? asDate(v) : asNum(v);
    if (r) ranges.push(r);
  }
  if (ranges.length === 0) return null;
  const make = (lo: number, hi: number): Val => (dates ? dateRange(lo, hi) : numRange(lo, hi));
  switch (name) {
    case 'min':
      return make(Math.min(...ranges.map((r) => r.lo)), Math.min(...ranges.map((r) => r.hi)));
    case 'max':
      return make(Math.max(...ranges.map((r) => r.lo)), Math.max(...ranges.map((r) => r.hi)));
    case 'sum':
      return dates ? null : numRange(sumOf(ranges.map((r) => r.lo)), sumOf(ranges.map((r) => r.hi)));
    case 'mean':
      return dates ? null : numRange(sumOf(ranges.map((r) => r.lo)) / ranges.length, sumOf(ranges.map((r) => r.hi)) / ranges.length);
    default:
      return null;
  }
}

function sumOf(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

/** An aggregate over the instances of `form`; an undecidable filter widens the result instead of guessing. */
function aggregate(name: string, form: string, args: readonly Expr[], env: Env): Val {
  const certain: Exclude<Val, null>[] = [];
  const possible: Exclude<Val, null>[] = [];
  let countCertain = 0;
  let countPossible = 0;
  // One binding map and one environment per aggregate, rebound per instance: evaluation is synchronous and
  // nothing keeps an environment once its expression is evaluated (a nested aggregate copies the map).
  const bound = new Map(env.bound);
  const inner: Env = { ...env, bound };
  for (const instance of env.host.instances(form)) {
    bound.set(form, instance);
    const included = args[1] ? truth(ev(args[1], inner)) : true;
    if (included === false) continue;
    const value = ev(args[0]!, inner);
    if (name === 'count') {
      const t = value?.t === 'bool' ? value.v : value === null ? false : true;
      const decided = value === null && args[0]!.kind !== 'ref' ? null : t;
      if (decided === true && included === true) countCertain += 1;
      else if (decided !== false) countPossible += 1;
      continue;
    }
    if (value === null) continue;
    (included === true ? certain : possible).push(value);
  }
  if (name === 'count') return numRange(countCertain, countCertain + countPossible);
  const result = combine(name, certain);
  if (result === null || possible.length === 0 || (result.t !== 'num' && result.t !== 'date')) return result;
  const widened = combine(name === 'mean' ? 'min' : name, [result, ...possible]);
  if (name === 'min' && widened && (widened.t === 'num' || widened.t === 'date')) {
    return { ...result, lo: Math.min(result.lo, widened.lo) } as NumVal | DateVal;
  }
  if (name === 'max' && widened && (widened.t === 'num' || widened.t === 'date')) {
    return { ...result, hi: Math.max(result.hi, widened.hi) } as NumVal | DateVal;
  }
  return result;
}
