// Turns stored entries into CSV cells for a dialect: missing-data reasons as their codes (ND/NK/NA),
// ticked choices as 1/0, numbers in the dialect's notation, dates ISO.

import type { Field } from '../../../shared/study/definition.schema';
import { isMissing, type StoredEntry } from '../../../shared/study/entries';
import { formatNumber, formatText, type Dialect } from './dialect';

export function valueCell(field: Field, entry: StoredEntry | null | undefined, dialect: Dialect): string {
  if (entry === null || entry === undefined || entry === '') return '';
  if (isMissing(entry)) return entry.missing;
  if (Array.isArray(entry)) return entry.join(',');
  if (typeof entry === 'number') return formatNumber(entry, dialect);
  const isDate = field.type === 'date' || field.type === 'partialDate' || (field.type === 'calc' && field.valueType === 'date');
  if (isDate) return entry; // ISO in both dialects (dialect.ts)
  if (field.type === 'text' || (field.type === 'calc' && field.valueType === 'text')) return formatText(entry, dialect);
  return entry;
}

export function choiceCell(entry: StoredEntry | null | undefined, code: string): string {
  if (entry === null || entry === undefined || entry === '') return '';
  if (isMissing(entry)) return entry.missing;
  return Array.isArray(entry) && entry.includes(code) ? '1' : '0';
}
