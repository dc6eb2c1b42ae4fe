// Which repeating form an aggregate iterates: the one named, and not yet bound, inside its arguments.

import type { Expr } from './ast';
import { functionSpec } from './functions';

export type RepeatingTest = (form: string) => boolean;

const memo = new WeakMap<Expr, Map<string, ReadonlySet<string>>>();

/**
 * Repeating forms referenced as `[form:field]` in `expr` that no enclosing or nested aggregate binds.
 * `bound` holds the forms enclosing aggregates already iterate.
 */
export function freeRepeatingForms(expr: Expr, isRepeating: RepeatingTest, bound: ReadonlySet<string>): ReadonlySet<string> {
  const key = bound.size === 0 ? '' : [...bound].sort().join(',');
  let byBound = memo.get(expr);
  if (!byBound) {
    byBound = new Map();
    memo.set(expr, byBound);
  }
  const cached = byBound.get(key);
  if (cached) return cached;
  const result = compute(expr, isRepeating, bound);
  byBound.set(key, result);
  return result;
}

function compute(expr: Expr, isRepeating: RepeatingTest, bound: ReadonlySet<string>): ReadonlySet<string> {
  switch (expr.kind) {
    case 'ref':
      return expr.form !== undefined && !bound.has(expr.form) && isRepeating(expr.form) ? new Set([expr.form]) : new Set();
    case 'binary':
      return union(freeRepeatingForms(expr.left, isRepeating, bound), freeRepeatingForms(expr.right, isRepeating, bound));
    case 'not':
    case 'negate':
      return freeRepeatingForms(expr.operand, isRepeating, bound);
    case 'call': {
      const all = expr.args.reduce<ReadonlySet<string>>(
        (acc, arg) => union(acc, freeRepeatingForms(arg, isRepeating, bound)),
        new Set(),
      );
      const iterated = functionSpec(expr.name)?.aggregate ? aggregateForm(expr, isRepeating, bound) : undefined;
      if (iterated === undefined) return all;
      const inner = expr.args.reduce<ReadonlySet<string>>(
        (acc, arg) => union(acc, freeRepeatingForms(arg, isRepeating, new Set([...bound, iterated]))),
        new Set(),
      );
      return inner;
    }
    default:
      return new Set();
  }
}

/** The form an aggregate call iterates, or undefined when it is an ordinary n-ary call. */
export function aggregateForm(expr: Extract<Expr, { kind: 'call' }>, isRepeating: RepeatingTest, bound: ReadonlySet<string>): string | undefined {
  const first = expr.args[0];
  if (!first) return undefined;
  const free = freeRepeatingForms(first, isRepeating, bound);
  if (free.size === 0) return undefined;
  // Several candidates: the analyser reports it; at run time take the first in a stable order.
  return [...free].sort()[0];
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): ReadonlySet<string> {
  if (a.size === 0) return b;
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}
