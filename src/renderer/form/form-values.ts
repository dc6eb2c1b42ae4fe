// Form values as the entry widgets hold them (text as typed, dates in the reader's format, codes, missing
// reasons) and their conversion to and from stored entries through the schema generated from the definition.

import type { Field, Form } from '../../shared/study/definition.schema';
import { entryText, isMissing, type FormData, type MissingEntry, type StoredEntry } from '../../shared/study/entries';
import { fieldIssues, type FieldIssue, type FormSchema } from '../../shared/study/form-schema';
import type { Lang } from '../../shared/study/localized';
import { formatDate, formatPlainNumber, parseDateText } from '../../shared/format';

export type UiValue = string | string[] | MissingEntry | null;
export type UiValues = Record<string, UiValue>;

export function toUiValue(field: Field, entry: StoredEntry | undefined | null, lang: Lang): UiValue {
  if (entry === undefined || entry === null) return field.type === 'multi' ? [] : '';
  if (isMissing(entry)) return entry;
  if (Array.isArray(entry)) return [...entry];
  if (typeof entry === 'number') return formatPlainNumber(entry, lang === 'it');
  if (field.type === 'date' || field.type === 'partialDate') return formatDate(entry, lang);
  return entry;
}

/** What the schema parses: dates in ISO (unparseable text is left as typed, so the schema names the problem). */
export function toCandidate(field: Field, value: UiValue | undefined): unknown {
  if (value === undefined || value === null) return null;
  if ((field.type === 'date' || field.type === 'partialDate') && typeof value === 'string') {
    return value.trim() === '' ? null : (parseDateText(value) ?? value);
  }
  return value;
}

export interface Prefill {
  readonly siteId: string;
  /** The casebook's subject id. */
  readonly subjectId: string;
  readonly today: string;
  /** Proposals (today's date) are made only on a form not saved yet. */
  readonly isNew: boolean;
}

export function initialUiValues(form: Form, data: FormData, lang: Lang, prefill: Prefill): UiValues {
  const values: UiValues = {};
  for (const field of form.fields) {
    if (field.type === 'calc') continue;
    let entry: StoredEntry | undefined = data[field.name];
    if (entry === undefined && field.prefill === 'site_id') entry = prefill.siteId;
    if (entry === undefined && field.prefill === 'subject_id') entry = prefill.subjectId;
    if (entry === undefined && field.prefill === 'today' && prefill.isNew) entry = prefill.today;
    values[field.name] = toUiValue(field, entry, lang);
  }
  return values;
}

/** Fields the app fills with what it knows (the user's site, the casebook's subject id): never typed. */
export function isAppFilled(field: Field): boolean {
  return field.type !== 'calc' && (field.prefill === 'site_id' || field.prefill === 'subject_id');
}

export interface ParsedForm {
  /** Valid entries; a field with a problem is left out (blank for the live evaluation). */
  readonly entries: FormData;
  readonly issues: ReadonlyMap<string, FieldIssue>;
}

export function parseUiValues(schema: FormSchema, form: Form, values: UiValues): ParsedForm {
  const entries: FormData = {};
  const issues = new Map<string, FieldIssue>();
  for (const field of form.fields) {
    const fieldSchema = schema.shape[field.name];
    if (!fieldSchema) continue;
    const result = fieldSchema.safeParse(toCandidate(field, values[field.name]));
    if (!result.success) {
      const issue = fieldIssues(result.error)[0];
      if (issue) issues.set(field.name, { ...issue, field: field.name });
    } else if (result.data !== null && result.data !== undefined) {
      entries[field.name] = result.data;
    }
  }
  return { entries, issues };
}

/** Fields whose entry differs, as the save patch: the new entry, or null to clear. */
export function changedEntries(before: FormData, after: FormData, fields: readonly string[]): Record<string, StoredEntry | null> {
  const patch: Record<string, StoredEntry | null> = {};
  for (const name of fields) {
    if (entryText(before[name]) !== entryText(after[name])) patch[name] = after[name] ?? null;
  }
  return patch;
}
