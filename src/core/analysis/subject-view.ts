// Typed reads of a dataset subject's stored entries: numbers, codes, dates (partial dates imputed per crf-spec §4).

import { imputeDay, parsePartialDate } from '../../shared/dates/partial-date';
import { isMissing, type FormData, type StoredEntry } from '../../shared/study/entries';
import type { DatasetInstance, DatasetSubject } from '../dataset/dataset';

export interface EntrySource {
  readonly data: FormData;
  readonly calcs: Readonly<Record<string, StoredEntry | null>>;
  readonly siteOnlyCalcs?: readonly string[];
}

const EMPTY: EntrySource = { data: {}, calcs: {} };

const NONE: readonly DatasetInstance[] = [];

/**
 * Each subject's instances grouped by form, in instance order, built on the first read: a derivation asks for the
 * same forms many times per subject, and filtering and sorting every time cost more than the endpoints themselves.
 */
const byForm = new WeakMap<DatasetSubject, ReadonlyMap<string, readonly DatasetInstance[]>>();

/** The instances of one form, in instance order. */
export function instancesOf(subject: DatasetSubject, form: string): readonly DatasetInstance[] {
  let grouped = byForm.get(subject);
  if (!grouped) {
    const groups = new Map<string, DatasetInstance[]>();
    for (const instance of subject.instances) {
      const list = groups.get(instance.form);
      if (list) list.push(instance);
      else groups.set(instance.form, [instance]);
    }
    for (const list of groups.values()) list.sort((a, b) => a.instanceNo - b.instanceNo);
    grouped = groups;
    byForm.set(subject, grouped);
  }
  return grouped.get(form) ?? NONE;
}

/** The single instance of a non-repeating form, or an empty record. */
export function singleOf(subject: DatasetSubject, form: string): EntrySource {
  return instancesOf(subject, form)[0] ?? EMPTY;
}

/** Whether a calculated value came from site-only data (the exact birth date), not from what the centre holds. */
export function fromSiteOnlyData(rec: EntrySource, field: string): boolean {
  return rec.siteOnlyCalcs?.includes(field) === true;
}

function entryOf(rec: EntrySource, field: string): StoredEntry | null | undefined {
  return Object.hasOwn(rec.data, field) ? rec.data[field] : rec.calcs[field];
}

/** A number, from a numeric entry or numeric text; undefined for blanks, missing-data codes and text. */
export function num(rec: EntrySource, field: string): number | undefined {
  const e = entryOf(rec, field);
  if (typeof e === 'number') return Number.isFinite(e) ? e : undefined;
  if (typeof e === 'string' && e.trim() !== '' && Number.isFinite(Number(e))) return Number(e);
  return undefined;
}

/** A single-choice code as text (YNU and code lists store text codes). */
export function code(rec: EntrySource, field: string): string | undefined {
  const e = entryOf(rec, field);
  if (typeof e === 'number') return String(e);
  if (typeof e === 'string' && e !== '') return e;
  return undefined;
}

/** True when the field holds a missing-data reason (ND/NK/NA). */
export function hasMissingCode(rec: EntrySource, field: string): boolean {
  return isMissing(entryOf(rec, field));
}

/** The day range a (partial) date allows, or undefined. */
export function dateRange(rec: EntrySource, field: string): { lo: number; hi: number } | undefined {
  const e = entryOf(rec, field);
  if (typeof e !== 'string') return undefined;
  const r = parsePartialDate(e.trim());
  return r ? { lo: r.lo, hi: r.hi } : undefined;
}

/** A date as a day number; partial dates imputed (15th of the month for YYYY-MM, 1 July for YYYY). */
export function day(rec: EntrySource, field: string): number | undefined {
  const r = dateRange(rec, field);
  return r ? imputeDay(r) : undefined;
}

export function minOf(values: readonly (number | undefined)[]): number | undefined {
  let m: number | undefined;
  for (const v of values) if (v !== undefined && (m === undefined || v < m)) m = v;
  return m;
}

export function maxOf(values: readonly (number | undefined)[]): number | undefined {
  let m: number | undefined;
  for (const v of values) if (v !== undefined && (m === undefined || v > m)) m = v;
  return m;
}

export function round(x: number | undefined | null, digits: number): number | null {
  if (x === undefined || x === null || !Number.isFinite(x)) return null;
  const f = 10 ** digits;
  // toPrecision first, so that 1.005 (stored as 1.00499…) rounds as written.
  return Math.round(Number((x * f).toPrecision(12))) / f;
}
