// Tokeniser of the expression language: field references, literals, operators, names.

import { ExpressionError } from './parse-error';

export type Token =
  | { type: 'ref'; form?: string; field: string; code?: string; start: number; end: number }
  | { type: 'number'; value: number; start: number; end: number }
  | { type: 'string'; value: string; start: number; end: number }
  | { type: 'name'; value: string; start: number; end: number }
  | { type: 'op'; value: string; start: number; end: number }
  | { type: 'eof'; start: number; end: number };

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const REF = /\[\s*(?:([a-z][a-z0-9_]*)\s*:\s*)?([a-z][a-z0-9_]*)\s*(?:\(\s*([A-Za-z0-9_.-]+)\s*\))?\s*\]/y;
const OPERATORS = ['<>', '!=', '<=', '>=', '==', '=', '<', '>', '+', '-', '*', '/', '(', ')', ','];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '[') {
      REF.lastIndex = i;
      const m = REF.exec(source);
      if (!m) throw new ExpressionError('malformed field reference; expected [field], [form:field] or [field(code)]', i);
      const token: Token = { type: 'ref', field: m[2]!, start: i, end: REF.lastIndex };
      if (m[1] !== undefined) token.form = m[1];
      if (m[3] !== undefined) token.code = m[3];
      tokens.push(token);
      i = REF.lastIndex;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const close = source.indexOf(ch, i + 1);
      if (close < 0) throw new ExpressionError('unterminated string', i);
      tokens.push({ type: 'string', value: source.slice(i + 1, close), start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(source);
    if (num && /[\d.]/.test(ch)) {
      tokens.push({ type: 'number', value: Number(num[0]), start: i, end: NUMBER.lastIndex });
      i = NUMBER.lastIndex;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(source);
    if (name) {
      tokens.push({ type: 'name', value: name[0], start: i, end: NAME.lastIndex });
      i = NAME.lastIndex;
      continue;
    }
    const op = OPERATORS.find((candidate) => source.startsWith(candidate, i));
    if (!op) throw new ExpressionError(`unexpected character '${ch}'`, i);
    // `!=` and `==` are accepted as spellings of `<>` and `=`, as REDCap does.
    const value = op === '!=' ? '<>' : op === '==' ? '=' : op;
    tokens.push({ type: 'op', value, start: i, end: i + op.length });
    i += op.length;
  }
  tokens.push({ type: 'eof', start: source.length, end: source.length });
  return tokens;
}
