// Recursive-descent parser of the expression language into an AST; never evaluates anything.

import type { BinaryOp, Expr } from './ast';
import { tokenize, type Token } from './lexer';
import { ExpressionError } from './parse-error';

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>=']);

export function parseExpression(source: string): Expr {
  const tokens = tokenize(source);
  let pos = 0;

  const peek = (): Token => tokens[pos]!;
  const next = (): Token => tokens[pos++]!;
  const isName = (t: Token, word: string): boolean => t.type === 'name' && t.value.toLowerCase() === word;
  const isOp = (t: Token, op: string): boolean => t.type === 'op' && t.value === op;
  const expectOp = (op: string): Token => {
    const t = next();
    if (!isOp(t, op)) throw new ExpressionError(`expected '${op}'`, t.start);
    return t;
  };

  function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
    return { kind: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
  }

  function orExpr(): Expr {
    let left = andExpr();
    while (isName(peek(), 'or')) {
      next();
      left = binary('or', left, andExpr());
    }
    return left;
  }

  function andExpr(): Expr {
    let left = notExpr();
    while (isName(peek(), 'and')) {
      next();
      left = binary('and', left, notExpr());
    }
    return left;
  }

  function notExpr(): Expr {
    const t = peek();
    if (isName(t, 'not')) {
      next();
      const operand = notExpr();
      return { kind: 'not', operand, span: { start: t.start, end: operand.span.end } };
    }
    return comparison();
  }

  function comparison(): Expr {
    const left = additive();
    const t = peek();
    if (t.type === 'op' && COMPARISONS.has(t.value)) {
      next();
      const right = additive();
      const after = peek();
      if (after.type === 'op' && COMPARISONS.has(after.value)) {
        throw new ExpressionError('comparisons cannot be chained; join them with and', after.start);
      }
      return binary(t.value as BinaryOp, left, right);
    }
    return left;
  }

  function additive(): Expr {
    let left = multiplicative();
    for (;;) {
      const t = peek();
      if (t.type === 'op' && (t.value === '+' || t.value === '-')) {
        next();
        left = binary(t.value, left, multiplicative());
      } else return left;
    }
  }

  function multiplicative(): Expr {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t.type === 'op' && (t.value === '*' || t.value === '/')) {
        next();
        left = binary(t.value, left, unary());
      } else return left;
    }
  }

  function unary(): Expr {
    const t = peek();
    if (isOp(t, '-')) {
      next();
      const operand = unary();
      return { kind: 'negate', operand, span: { start: t.start, end: operand.span.end } };
    }
    return primary();
  }

  function primary(): Expr {
    const t = next();
    const span = { start: t.start, end: t.end };
    switch (t.type) {
      case 'number':
        return { kind: 'number', value: t.value, span };
      case 'string':
        return { kind: 'string', value: t.value, span };
      case 'ref': {
        const ref: { kind: 'ref'; field: string; span: typeof span; form?: string; code?: string } = {
          kind: 'ref',
          field: t.field,
          span,
        };
        if (t.form !== undefined) ref.form = t.form;
        if (t.code !== undefined) ref.code = t.code;
        return ref;
      }
      case 'name': {
        const word = t.value.toLowerCase();
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true', span };
        if (word === 'and' || word === 'or' || word === 'not') {
          throw new ExpressionError(`'${t.value}' needs an operand before it`, t.start);
        }
        if (!isOp(peek(), '(')) throw new ExpressionError(`unknown word '${t.value}'; field names go in [brackets]`, t.start);
        next();
        const args: Expr[] = [];
        if (!isOp(peek(), ')')) {
          args.push(orExpr());
          while (isOp(peek(), ',')) {
            next();
            args.push(orExpr());
          }
        }
        const close = expectOp(')');
        return { kind: 'call', name: word, args, span: { start: t.start, end: close.end } };
      }
      case 'op':
        if (t.value === '(') {
          const inner = orExpr();
          expectOp(')');
          return inner;
        }
        throw new ExpressionError(`unexpected '${t.value}'`, t.start);
      case 'eof':
        throw new ExpressionError('expression ends too early', t.start);
    }
  }

  const expr = orExpr();
  const rest = peek();
  if (rest.type !== 'eof') throw new ExpressionError('unexpected text after the end of the expression', rest.start);
  return expr;
}
