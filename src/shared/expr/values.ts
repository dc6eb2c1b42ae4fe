// Runtime values of the expression language: numbers and dates as intervals (partial dates and
// uncertain counts), strings, choice sets, and three-valued booleans where null means blank or unknown.

export type Val =
  | null
  | { readonly t: 'num'; readonly lo: number; readonly hi: number }
  | { readonly t: 'date'; readonly lo: number; readonly hi: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'set'; readonly v: readonly string[] }
  | { readonly t: 'bool'; readonly v: boolean };

export type NumVal = Extract<Val, { t: 'num' }>;
export type DateVal = Extract<Val, { t: 'date' }>;

export const num = (n: number): NumVal => ({ t: 'num', lo: n, hi: n });
export const numRange = (lo: number, hi: number): NumVal => ({ t: 'num', lo, hi });
export const date = (day: number): DateVal => ({ t: 'date', lo: day, hi: day });
export const dateRange = (lo: number, hi: number): DateVal => ({ t: 'date', lo, hi });
export const str = (v: string): Val => ({ t: 'str', v });
export const bool = (v: boolean | null): Val => (v === null ? null : { t: 'bool', v });

const NUMERIC = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a value stands for (codes such as "1" count as numbers, as in REDCap), or undefined. */
export function asNum(value: Val): NumVal | undefined {
  if (value === null) return undefined;
  switch (value.t) {
    case 'num':
      return value;
    case 'bool':
      return num(value.v ? 1 : 0);
    case 'str':
      return NUMERIC.test(value.v.trim()) ? num(Number(value.v)) : undefined;
    default:
      return undefined;
  }
}

/** Three-valued truth of a value: true, false, or null when blank or uncertain. */
export function truth(value: Val): boolean | null {
  if (value === null) return null;
  if (value.t === 'bool') return value.v;
  const n = asNum(value);
  if (!n) return null;
  if (n.lo === n.hi) return n.lo !== 0;
  return n.lo > 0 || n.hi < 0 ? true : null;
}

export function isExact(value: NumVal | DateVal): boolean {
  return value.lo === value.hi;
}

/** Renders a value for messages and calculated-field display. */
export function formatVal(value: Val): string {
  if (value === null) return '';
  switch (value.t) {
    case 'num':
      return value.lo === value.hi ? String(value.lo) : `${value.lo}…${value.hi}`;
    case 'date':
      return value.lo === value.hi ? String(value.lo) : `${value.lo}…${value.hi}`;
    case 'str':
      return value.v;
    case 'set':
      return value.v.join(',');
    case 'bool':
      return value.v ? '1' : '0';
  }
}
