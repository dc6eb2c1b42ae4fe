// Stored entries as ODM ItemData values: plain decimals (no exponent), calc numbers rounded to their precision.

import type { StoredEntry } from '../../../shared/study/entries';
import { isMissing } from '../../../shared/study/entries';
import type { MissingReason } from '../../../shared/study/definition.schema';
import type { OdmItem } from './model';

/** A finite number in decimal notation without an exponent: 1e-7 → "0.0000001", 1.5e21 → "1500000000000000000000". */
export function plainDecimal(n: number): string {
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const [whole = '', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return (negative ? '-' : '') + out;
}

export type ItemValue = { readonly value: string } | { readonly missing: MissingReason };

/** The value of one item from a stored entry, or undefined when the item has no value. */
export function itemValue(item: OdmItem, entry: StoredEntry | null | undefined): ItemValue | undefined {
  if (entry === undefined || entry === null || entry === '') return undefined;
  if (isMissing(entry)) return { missing: entry.missing };
  if (item.choice) {
    // One item per choice: every choice of a field that holds a selection is written, 1 when ticked.
    if (!Array.isArray(entry) || entry.length === 0) return undefined;
    return { value: entry.includes(item.choice.code) ? '1' : '0' };
  }
  if (Array.isArray(entry)) return entry.length === 0 ? undefined : { value: entry.join(',') };
  if (typeof entry === 'number') {
    if (!Number.isFinite(entry)) return undefined;
    const field = item.field;
    const rounded = field.type === 'calc' && field.precision !== undefined ? Number(entry.toFixed(field.precision)) : entry;
    return { value: plainDecimal(rounded) };
  }
  return { value: entry };
}
