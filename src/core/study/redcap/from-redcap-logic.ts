// REDCap branching logic and calculations in the study's expression language, for a definition made from a
// REDCap dictionary. The syntax is mostly the same; REDCap's missing-data functions, datediff's date-format
// argument and its 'today' literal are rewritten; what the language lacks (events, smart variables, ^,
// text and statistics functions) is reported, never guessed.

import type { Expr } from '../../../shared/expr/ast';
import { ExpressionError } from '../../../shared/expr/parse-error';
import { parseExpression } from '../../../shared/expr/parser';
import { printExpression } from '../../../shared/expr/print';

export type FromRedcap = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

const SPAN = { start: 0, end: 0 };
const SAME = new Set(['if', 'round', 'roundup', 'rounddown', 'sqrt', 'abs', 'min', 'max', 'sum', 'mean', 'concat']);
/** REDCap's day counts for datediff's 'y' and 'M', kept so an imported calculation gives what it gave in REDCap. */
const REDCAP_UNIT_DAYS: Readonly<Record<string, number>> = { y: 365.2425, M: 30.44 };
const DATE_FORMATS = new Set(['ymd', 'mdy', 'dmy']);

class Unmappable extends Error {}

/** Where an expression is: REDCap's [field] reads a field anywhere in the record, the language's only in its own form. */
export interface LogicScope {
  readonly form: string;
  formOf(field: string): string | undefined;
}

const blank = (e: Expr, positive: boolean): Expr => ({ kind: 'binary', op: positive ? '=' : '<>', left: e, right: { kind: 'string', value: '', span: SPAN }, span: SPAN });
const not = (e: Expr): Expr => ({ kind: 'not', operand: e, span: SPAN });

function isFalse(e: Expr): boolean {
  return (e.kind === 'boolean' && !e.value) || (e.kind === 'number' && e.value === 0) || (e.kind === 'string' && (e.value === '0' || e.value.toLowerCase() === 'false'));
}
function isTrue(e: Expr): boolean {
  return (e.kind === 'boolean' && e.value) || (e.kind === 'number' && e.value === 1) || (e.kind === 'string' && (e.value === '1' || e.value.toLowerCase() === 'true'));
}

class Rewriter {
  constructor(private readonly scope: LogicScope | undefined) {}

  private dateArg(e: Expr): Expr {
    if (e.kind === 'string' && (e.value === 'today' || e.value === 'now')) return { kind: 'call', name: 'today', args: [], span: SPAN };
    return this.rewrite(e);
  }

  private datediff(args: readonly Expr[]): Expr {
    const [a, b, unit, ...rest] = args;
    if (!a || !b || unit?.kind !== 'string') throw new Unmappable('datediff() needs two dates and a unit');
    // datediff([a], [b], "d", "ymd", true): the date format argument of older REDCap versions is dropped.
    const tail = rest.filter((r) => !(r.kind === 'string' && DATE_FORMATS.has(r.value)));
    if (!['d', 'M', 'y'].includes(unit.value)) throw new Unmappable(`datediff() in unit "${unit.value}" (the study's dates have no time)`);
    const days: Expr = { kind: 'call', name: 'datediff', args: [this.dateArg(a), this.dateArg(b), { kind: 'string', value: 'd', span: SPAN }, ...tail.map((r) => this.rewrite(r))], span: SPAN };
    if (unit.value === 'd') return days;
    return { kind: 'binary', op: '/', left: days, right: { kind: 'number', value: REDCAP_UNIT_DAYS[unit.value]!, span: SPAN }, span: SPAN };
  }

  /** REDCap's missing-data tests: blank or a code is the language's blank (`[x] = ""`), a code is hasmissingcode(). */
  private missingTest(name: string, args: readonly Expr[], positive: boolean): Expr | undefined {
    const arg = args[0];
    if (!arg) return undefined;
    const field = this.rewrite(arg);
    switch (name) {
      case 'isblankormissingcode':
        return blank(field, positive);
      case 'ismissingcode': {
        const test: Expr = { kind: 'call', name: 'hasmissingcode', args: [field], span: SPAN };
        return positive ? test : not(test);
      }
      case 'isblanknotmissingcode': {
        const test: Expr = { kind: 'binary', op: 'and', left: blank(field, true), right: not({ kind: 'call', name: 'hasmissingcode', args: [field], span: SPAN }), span: SPAN };
        return positive ? test : not(test);
      }
      case 'hasmissingcode':
        throw new Unmappable('hasmissingcode() with a list of codes (the study tests for any missing-data code)');
      default:
        return undefined;
    }
  }

  rewrite(e: Expr): Expr {
    switch (e.kind) {
      case 'not':
        return not(this.rewrite(e.operand));
      case 'negate':
        return { ...e, operand: this.rewrite(e.operand) };
      case 'binary': {
        // isblankormissingcode([x]) = false, and the like.
        if ((e.op === '=' || e.op === '<>') && e.left.kind === 'call' && (isFalse(e.right) || isTrue(e.right))) {
          const positive = isTrue(e.right) === (e.op === '=');
          const test = this.missingTest(e.left.name, e.left.args, positive);
          if (test) return test;
        }
        return { ...e, left: this.rewrite(e.left), right: this.rewrite(e.right) };
      }
      case 'call': {
        const test = this.missingTest(e.name, e.args, true);
        if (test) return test;
        if (e.name === 'datediff') return this.datediff(e.args);
        if (SAME.has(e.name)) return { ...e, args: e.args.map((a) => this.rewrite(a)) };
        throw new Unmappable(`REDCap's ${e.name}() has no equivalent in the study's expression language`);
      }
      case 'ref': {
        const form = this.scope?.formOf(e.field);
        return form !== undefined && e.form === undefined && form !== this.scope?.form ? { ...e, form } : e;
      }
      default:
        return e;
    }
  }
}

export function fromRedcapLogic(source: string, where?: LogicScope): FromRedcap {
  if (/\]\s*\[/.test(source)) return { ok: false, reason: 'an event, instance or smart-variable reference ([a][b])' };
  if (source.includes('^')) return { ok: false, reason: 'an exponent (^)' };
  try {
    return { ok: true, text: printExpression(new Rewriter(where).rewrite(parseExpression(source))) };
  } catch (error) {
    if (error instanceof Unmappable) return { ok: false, reason: error.message };
    if (error instanceof ExpressionError) return { ok: false, reason: `not understood: ${error.message}` };
    throw error;
  }
}
