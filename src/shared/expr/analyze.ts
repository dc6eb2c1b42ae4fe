// Static analysis of an expression against a study definition: unknown fields and forms, repeating
// forms read without an aggregate, wrong arity, unknown parameters; reports the offending offset.

import type { Expr } from './ast';
import { functionSpec } from './functions';
import type { FieldKind } from './host';
import { ExpressionError } from './parse-error';
import { aggregateForm, freeRepeatingForms } from './scope';

export interface AnalyzeContext {
  /** The form the expression belongs to (unqualified references read it). */
  readonly form: string;
  hasForm(form: string): boolean;
  isRepeating(form: string): boolean;
  fieldKind(form: string, field: string): FieldKind | undefined;
  choiceCodes(form: string, field: string): readonly string[] | undefined;
  hasParam(name: string): boolean;
  hasReference(list: string): boolean;
  hasSystem(name: string): boolean;
}

export type ExprType = 'bool' | 'num' | 'date' | 'str' | 'set' | 'any';

/** Checks an expression; throws ExpressionError at the first problem. Returns the expression's type. */
export function analyze(expr: Expr, ctx: AnalyzeContext): ExprType {
  const type = typeOf(expr, ctx, new Set());
  const top = freeRepeatingForms(expr, (f) => ctx.isRepeating(f), new Set());
  for (const form of top) {
    if (form === ctx.form) continue;
    const ref = firstRefTo(expr, form);
    throw new ExpressionError(
      `[${form}:…] reads a repeating form; wrap it in min(), max(), sum(), mean() or count()`,
      ref?.span.start ?? expr.span.start,
    );
  }
  return type;
}

function firstRefTo(expr: Expr, form: string): Extract<Expr, { kind: 'ref' }> | undefined {
  if (expr.kind === 'ref') return expr.form === form ? expr : undefined;
  const children = expr.kind === 'call' ? expr.args : expr.kind === 'binary' ? [expr.left, expr.right] : expr.kind === 'not' || expr.kind === 'negate' ? [expr.operand] : [];
  for (const child of children) {
    const found = firstRefTo(child, form);
    if (found) return found;
  }
  return undefined;
}

function typeOf(expr: Expr, ctx: AnalyzeContext, bound: ReadonlySet<string>): ExprType {
  switch (expr.kind) {
    case 'number':
      return 'num';
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'ref':
      return refType(expr, ctx);
    case 'not':
      typeOf(expr.operand, ctx, bound);
      return 'bool';
    case 'negate':
      expectNumeric(expr.operand, typeOf(expr.operand, ctx, bound));
      return 'num';
    case 'binary': {
      const blankTest = isBlank(expr.left) || isBlank(expr.right);
      if (blankTest && expr.op !== '=' && expr.op !== '<>') {
        throw new ExpressionError('"" (blank) can only be compared with = or <>', expr.span.start);
      }
      const l = typeOf(expr.left, ctx, bound);
      const r = typeOf(expr.right, ctx, bound);
      switch (expr.op) {
        case 'and':
        case 'or':
          return 'bool';
        case '+':
        case '-':
          if (l === 'date' && r === 'date' && expr.op === '-') return 'num';
          if (l === 'date' || r === 'date') return 'date';
          expectNumeric(expr.left, l);
          expectNumeric(expr.right, r);
          return 'num';
        case '*':
        case '/':
          expectNumeric(expr.left, l);
          expectNumeric(expr.right, r);
          return 'num';
        default:
          if (!blankTest && (l === 'set' || r === 'set')) {
            throw new ExpressionError('a multiple-choice field is compared per choice: [field(code)] = 1', expr.span.start);
          }
          return 'bool';
      }
    }
    case 'call':
      return callType(expr, ctx, bound);
  }
}

function isBlank(expr: Expr): boolean {
  return expr.kind === 'string' && expr.value === '';
}

function expectNumeric(expr: Expr, type: ExprType): void {
  if (type === 'set' || type === 'date') throw new ExpressionError(`a ${type === 'set' ? 'multiple-choice' : 'date'} value is not a number here`, expr.span.start);
}

function refType(expr: Extract<Expr, { kind: 'ref' }>, ctx: AnalyzeContext): ExprType {
  const form = expr.form ?? ctx.form;
  if (expr.form !== undefined && !ctx.hasForm(expr.form)) {
    throw new ExpressionError(`unknown form '${expr.form}'`, expr.span.start);
  }
  const kind = ctx.fieldKind(form, expr.field);
  if (kind === undefined) {
    throw new ExpressionError(`unknown field [${expr.field}] in form '${form}'`, expr.span.start);
  }
  if (expr.code !== undefined) {
    if (kind !== 'set') throw new ExpressionError(`[${expr.field}(${expr.code})] needs a multiple-choice field`, expr.span.start);
    const codes = ctx.choiceCodes(form, expr.field);
    if (codes && !codes.includes(expr.code)) {
      throw new ExpressionError(`[${expr.field}] has no choice '${expr.code}'`, expr.span.start);
    }
    return 'num';
  }
  switch (kind) {
    case 'number':
      return 'num';
    case 'date':
      return 'date';
    case 'set':
      return 'set';
    default:
      return 'any';
  }
}

function stringArg(expr: Expr, what: string, known: (name: string) => boolean): void {
  if (expr.kind !== 'string') throw new ExpressionError(`${what} name must be a quoted string`, expr.span.start);
  if (!known(expr.value)) throw new ExpressionError(`unknown ${what} "${expr.value}"`, expr.span.start);
}

function callType(expr: Extract<Expr, { kind: 'call' }>, ctx: AnalyzeContext, bound: ReadonlySet<string>): ExprType {
  const spec = functionSpec(expr.name);
  if (!spec) throw new ExpressionError(`unknown function '${expr.name}'`, expr.span.start);
  if (expr.args.length < spec.min || expr.args.length > spec.max) {
    throw new ExpressionError(`${expr.name}() takes ${spec.min === spec.max ? spec.min : `${spec.min} to ${spec.max}`} arguments: ${spec.doc}`, expr.span.start);
  }
  let inner = bound;
  if (spec.aggregate) {
    const first = expr.args[0]!;
    const free = freeRepeatingForms(first, (f) => ctx.isRepeating(f), bound);
    if (free.size > 1) {
      throw new ExpressionError(`${expr.name}() can iterate one repeating form, not ${[...free].join(' and ')}`, expr.span.start);
    }
    const form = aggregateForm(expr, (f) => ctx.isRepeating(f), bound);
    if (form !== undefined) inner = new Set([...bound, form]);
    else if (expr.name === 'count' && expr.args.length > 1) {
      throw new ExpressionError('count(x, filter) needs x to read a repeating form', expr.span.start);
    }
  }
  const types = expr.args.map((a) => typeOf(a, ctx, inner));
  switch (expr.name) {
    case 'param':
      stringArg(expr.args[0]!, 'parameter', (n) => ctx.hasParam(n));
      return 'any';
    case 'system':
      stringArg(expr.args[0]!, 'system value', (n) => ctx.hasSystem(n));
      return 'any';
    case 'ref':
      stringArg(expr.args[0]!, 'reference list', (n) => ctx.hasReference(n));
      return 'any';
    case 'datediff':
      if (expr.args[2]!.kind !== 'string' || !['d', 'w', 'M', 'y'].includes(expr.args[2]!.value)) {
        throw new ExpressionError('datediff unit must be "d", "w", "M" or "y"', expr.args[2]!.span.start);
      }
      return 'num';
    case 'isblank':
    case 'hasmissingcode':
      if (expr.name === 'hasmissingcode' && expr.args[0]!.kind !== 'ref') {
        throw new ExpressionError('hasmissingcode() takes a [field]', expr.span.start);
      }
      return 'bool';
    case 'if':
      return types[1] === types[2] ? types[1]! : 'any';
    case 'concat':
      return 'str';
    case 'impute':
    case 'makedate':
    case 'today':
      return 'date';
    case 'min':
    case 'max':
      return types.every((t) => t === 'date') ? 'date' : 'num';
    default:
      return 'num';
  }
}
