// Parses one entered value against its field: type, hard limits, precision, choices, dates. The one value
// validator: the save applies it, and the renderer's form schema (form-schema.ts) delegates to it.
// A value that fails here is never stored, not even in a draft.

import { parsePartialDate } from '../dates/partial-date';
import type { Choice, Field, MissingReason } from './definition.schema';
import { isValidCodiceFiscale } from './codice-fiscale';
import { compareCodes, isMissing, type StoredEntry } from './entries';

export type ValueIssueCode =
  | 'value.type'
  | 'value.outOfRange'
  | 'value.tooPrecise'
  | 'value.notAChoice'
  | 'value.duplicateChoice'
  | 'value.exclusiveChoice'
  | 'value.tooLong'
  | 'value.pattern'
  | 'value.invalidDate'
  | 'value.datePrecision'
  | 'value.future'
  | 'value.missingReasonNotAllowed'
  | 'value.codiceFiscale'
  | 'value.calculated'
  | 'value.unknownField';

export interface ValueIssue {
  readonly field: string;
  readonly code: ValueIssueCode;
  readonly detail?: string;
}

export type ValueResult = { ok: true; entry: StoredEntry | null } | { ok: false; issue: ValueIssue };

const issue = (field: string, code: ValueIssueCode, detail?: string): ValueResult => ({
  ok: false,
  issue: detail === undefined ? { field, code } : { field, code, detail },
});

function decimals(n: number): number {
  const text = String(n);
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e-')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

const NUMBER_TEXT = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number, or number text with a decimal point; never an infinity ('1e999' reads as one and JSON cannot hold it). */
function asNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && NUMBER_TEXT.test(raw.trim()) ? Number(raw.trim()) : undefined;
  return n !== undefined && Number.isFinite(n) ? n : undefined;
}

// A definition's patterns, compiled once each: the form re-validates a field on every keystroke.
const patterns = new Map<string, RegExp>();

function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source);
    patterns.set(source, pattern);
  }
  return pattern;
}

/**
 * Normalises a raw entry for a field. `null`, `undefined` and '' clear the field.
 * `today` is a day number, for fields that may not lie in the future.
 */
export function validateValue(field: Field, raw: unknown, choices: readonly Choice[] | undefined, today: number): ValueResult {
  const name = field.name;
  if (raw === null || raw === undefined || raw === '' || (Array.isArray(raw) && raw.length === 0)) return { ok: true, entry: null };
  if (field.type === 'calc') return issue(name, 'value.calculated');
  if (isMissing(raw)) {
    const allowed: readonly MissingReason[] = field.missingReasons;
    return allowed.includes(raw.missing) ? { ok: true, entry: { missing: raw.missing } } : issue(name, 'value.missingReasonNotAllowed', raw.missing);
  }
  switch (field.type) {
    case 'text': {
      if (typeof raw !== 'string') return issue(name, 'value.type', 'text');
      const text = raw.normalize('NFC');
      if (text.trim() === '') return { ok: true, entry: null };
      if ([...text].length > field.maxLength) return issue(name, 'value.tooLong', String(field.maxLength));
      if (field.pattern && !patternOf(field.pattern).test(text)) return issue(name, 'value.pattern', field.pattern);
      if (field.format === 'codice_fiscale' && !isValidCodiceFiscale(text)) return issue(name, 'value.codiceFiscale');
      return { ok: true, entry: text };
    }
    case 'integer':
    case 'decimal': {
      const n = asNumber(raw);
      if (n === undefined) return issue(name, 'value.type', field.type);
      if (field.type === 'integer' && !Number.isInteger(n)) return issue(name, 'value.type', 'integer');
      if (field.type === 'decimal' && decimals(n) > field.precision) return issue(name, 'value.tooPrecise', String(field.precision));
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
        return issue(name, 'value.outOfRange', `${field.min ?? '−∞'}–${field.max ?? '∞'}`);
      }
      return { ok: true, entry: n };
    }
    case 'date':
    case 'partialDate': {
      if (typeof raw !== 'string') return issue(name, 'value.type', 'date');
      const parsed = parsePartialDate(raw.trim());
      if (!parsed) return issue(name, 'value.invalidDate');
      const minimum = field.type === 'date' ? 'day' : field.minPrecision;
      const rank = { year: 0, month: 1, day: 2 } as const;
      if (rank[parsed.precision] < rank[minimum]) return issue(name, 'value.datePrecision', minimum);
      if (field.notFuture && parsed.lo > today) return issue(name, 'value.future');
      return { ok: true, entry: raw.trim() };
    }
    case 'single':
    case 'ynu': {
      const code = typeof raw === 'number' ? String(raw) : raw;
      if (typeof code !== 'string') return issue(name, 'value.type', 'code');
      if (!choices?.some((c) => c.code === code)) return issue(name, 'value.notAChoice', code);
      return { ok: true, entry: code };
    }
    case 'multi': {
      if (!Array.isArray(raw)) return issue(name, 'value.type', 'list');
      const codes = raw.map((c) => (typeof c === 'number' ? String(c) : c));
      if (codes.some((c) => typeof c !== 'string')) return issue(name, 'value.type', 'list');
      const list = codes as string[];
      const bad = list.find((c) => !choices?.some((ch) => ch.code === c));
      if (bad !== undefined) return issue(name, 'value.notAChoice', bad);
      if (new Set(list).size !== list.length) return issue(name, 'value.duplicateChoice');
      const exclusive = list.find((c) => field.exclusive?.includes(c));
      if (exclusive !== undefined && list.length > 1) return issue(name, 'value.exclusiveChoice', exclusive);
      return { ok: true, entry: [...list].sort(compareCodes) };
    }
  }
}
