// Prints an expression tree back as text, with the parentheses its shape needs and no others, so that
// parsing the text gives the same tree. Used to write rewritten expressions (REDCap export and import).

import { formatDecimal } from '../format/decimal';
import type { BinaryOp, Expr } from './ast';

export interface PrintStyle {
  /** Quote for string literals; a string holding it is written with the other quote. */
  readonly quote: '"' | "'";
}

const EDC_STYLE: PrintStyle = { quote: '"' };

/** Binding strength, loosest first: or, and, not, comparisons, + -, * /, unary minus, primaries. */
const OR = 1;
const AND = 2;
const NOT = 3;
const COMPARE = 4;
const ADD = 5;
const MUL = 6;
const UNARY = 7;
const PRIMARY = 8;

function precedenceOfOp(op: BinaryOp): number {
  switch (op) {
    case 'or':
      return OR;
    case 'and':
      return AND;
    case '+':
    case '-':
      return ADD;
    case '*':
    case '/':
      return MUL;
    default:
      return COMPARE;
  }
}

function precedence(expr: Expr): number {
  switch (expr.kind) {
    case 'binary':
      return precedenceOfOp(expr.op);
    case 'not':
      return NOT;
    case 'negate':
      return UNARY;
    default:
      return PRIMARY;
  }
}

function quoted(value: string, style: PrintStyle): string {
  const q = value.includes(style.quote) ? (style.quote === '"' ? "'" : '"') : style.quote;
  return `${q}${value}${q}`;
}

function ref(expr: Extract<Expr, { kind: 'ref' }>): string {
  return `[${expr.form !== undefined ? `${expr.form}:` : ''}${expr.field}${expr.code !== undefined ? `(${expr.code})` : ''}]`;
}

export function printExpression(expr: Expr, style: PrintStyle = EDC_STYLE): string {
  const wrap = (child: Expr, needsParens: boolean): string => (needsParens ? `(${printExpression(child, style)})` : printExpression(child, style));
  switch (expr.kind) {
    case 'number':
      return formatDecimal(expr.value);
    case 'string':
      return quoted(expr.value, style);
    case 'boolean':
      return expr.value ? 'true' : 'false';
    case 'ref':
      return ref(expr);
    case 'call':
      return `${expr.name}(${expr.args.map((a) => printExpression(a, style)).join(', ')})`;
    case 'not':
      return `not ${wrap(expr.operand, precedence(expr.operand) < NOT)}`;
    case 'negate':
      return `-${wrap(expr.operand, precedence(expr.operand) < PRIMARY)}`;
    case 'binary': {
      const p = precedenceOfOp(expr.op);
      // Comparisons do not chain; every other operator groups to the left, so a right operand of the same
      // strength keeps its parentheses: a - (b - c).
      // An `and` inside an `or` keeps its parentheses too: the same tree, and no reader has to know which binds first.
      const mixed = (child: Expr): boolean => expr.op === 'or' && child.kind === 'binary' && child.op === 'and';
      const left = wrap(expr.left, (p === COMPARE ? precedence(expr.left) <= p : precedence(expr.left) < p) || mixed(expr.left));
      const right = wrap(expr.right, precedence(expr.right) <= p || mixed(expr.right));
      return `${left} ${expr.op} ${right}`;
    }
  }
}
