// zod schema of one form's entries, generated from the study definition: per field a value of its type within
// its hard limits, or one of its allowed missing-data reasons. Pure (zod only); the renderer validates typed
// input with it. Requiredness is deliberately absent: drafts may be incomplete (evaluateSubject lists missing items).

import { z } from 'zod';
import { parsePartialDate, type DatePrecision } from '../dates/partial-date';
import type { CompiledStudy } from './compile';
import type { Choice, Field, Form } from './definition.schema';
import { isValidCodiceFiscale } from './codice-fiscale';
import { compareCodes, isMissing, type StoredEntry } from './entries';
import type { ValueIssueCode } from './validate-value';

/** Codes of the issues the schema reports: validate-value's, plus the multiple-choice exclusivity rule. */
export type FieldIssueCode = ValueIssueCode | 'value.exclusiveChoice';

/** One problem of one field; `message` is the code, `params.detail` the limit or pattern it names. */
export interface FieldIssue {
  readonly field: string;
  readonly code: FieldIssueCode;
  readonly detail?: string;
}

export interface FormSchemaOptions {
  /** Day number of today at the site, for fields that may not lie in the future. */
  readonly today: number;
}

export type EntrySchema = z.ZodType<StoredEntry | null, unknown>;

const NUMBER_TEXT = /^-?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/;
const RANK: Readonly<Record<DatePrecision, number>> = { year: 0, month: 1, day: 2 };

function fail(ctx: z.RefinementCtx, code: FieldIssueCode, detail?: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: code, ...(detail === undefined ? {} : { params: { detail } }) });
  return z.NEVER;
}

function decimals(n: number): number {
  const text = String(n);
  if (text.includes('e-')) return Number(text.split('e-')[1]) + (text.split('e-')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** A number typed with a decimal point or an Italian decimal comma, or already a number. */
function asNumber(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  if (!NUMBER_TEXT.test(text)) return undefined;
  const n = Number(text.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

function isBlank(raw: unknown): boolean {
  return raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === '') || (Array.isArray(raw) && raw.length === 0);
}

function numberSchema(field: Extract<Field, { type: 'integer' | 'decimal' }>): z.ZodType<number, unknown> {
  const range = `${field.min ?? '−∞'}–${field.max ?? '∞'}`;
  return z.unknown().transform((raw, ctx) => {
    const n = asNumber(raw);
    if (n === undefined) return fail(ctx, 'value.type', field.type);
    if (field.type === 'integer' && !Number.isInteger(n)) return fail(ctx, 'value.type', 'integer');
    if (field.type === 'decimal' && decimals(n) > field.precision) return fail(ctx, 'value.tooPrecise', String(field.precision));
    if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) return fail(ctx, 'value.outOfRange', range);
    return n;
  });
}

function textSchema(field: Extract<Field, { type: 'text' }>): z.ZodType<string, unknown> {
  const pattern = field.pattern ? new RegExp(field.pattern) : undefined;
  return z.unknown().transform((raw, ctx) => {
    if (typeof raw !== 'string') return fail(ctx, 'value.type', 'text');
    const text = raw.normalize('NFC');
    if ([...text].length > field.maxLength) return fail(ctx, 'value.tooLong', String(field.maxLength));
    if (pattern && !pattern.test(text)) return fail(ctx, 'value.pattern', field.pattern);
    if (field.format === 'codice_fiscale' && !isValidCodiceFiscale(text)) return fail(ctx, 'value.codiceFiscale');
    return text;
  });
}

function dateSchema(field: Extract<Field, { type: 'date' | 'partialDate' }>, today: number): z.ZodType<string, unknown> {
  const minimum: DatePrecision = field.type === 'date' ? 'day' : field.minPrecision;
  return z.unknown().transform((raw, ctx) => {
    if (typeof raw !== 'string') return fail(ctx, 'value.type', 'date');
    const text = raw.trim();
    const parsed = parsePartialDate(text);
    if (!parsed) return fail(ctx, 'value.invalidDate');
    if (RANK[parsed.precision] < RANK[minimum]) return fail(ctx, 'value.datePrecision', minimum);
    if (field.notFuture && parsed.lo > today) return fail(ctx, 'value.future');
    return text;
  });
}

function codeOf(raw: unknown): string | undefined {
  return typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : undefined;
}

function singleSchema(choices: readonly Choice[]): z.ZodType<string, unknown> {
  const codes = new Set(choices.map((c) => c.code));
  return z.unknown().transform((raw, ctx) => {
    const code = codeOf(raw);
    if (code === undefined) return fail(ctx, 'value.type', 'code');
    if (!codes.has(code)) return fail(ctx, 'value.notAChoice', code);
    return code;
  });
}

function multiSchema(choices: readonly Choice[], exclusive: readonly string[]): z.ZodType<string[], unknown> {
  const codes = new Set(choices.map((c) => c.code));
  return z.unknown().transform((raw, ctx) => {
    if (!Array.isArray(raw)) return fail(ctx, 'value.type', 'list');
    const list = raw.map(codeOf);
    if (list.some((c) => c === undefined)) return fail(ctx, 'value.type', 'list');
    const ticked = list as string[];
    const bad = ticked.find((c) => !codes.has(c));
    if (bad !== undefined) return fail(ctx, 'value.notAChoice', bad);
    if (new Set(ticked).size !== ticked.length) return fail(ctx, 'value.duplicateChoice');
    const lonely = ticked.find((c) => exclusive.includes(c));
    if (lonely !== undefined && ticked.length > 1) return fail(ctx, 'value.exclusiveChoice', lonely);
    return [...ticked].sort(compareCodes);
  });
}

/** The schema of a field's value (no blank, no missing reason), or undefined for calculated fields. */
export function valueSchema(field: Field, choices: readonly Choice[] | undefined, options: FormSchemaOptions): z.ZodType<StoredEntry, unknown> | undefined {
  switch (field.type) {
    case 'text':
      return textSchema(field);
    case 'integer':
    case 'decimal':
      return numberSchema(field);
    case 'date':
    case 'partialDate':
      return dateSchema(field, options.today);
    case 'single':
    case 'ynu':
      return singleSchema(choices ?? []);
    case 'multi':
      return multiSchema(choices ?? [], field.exclusive ?? []);
    case 'calc':
      return undefined;
  }
}

/** A field's entry: blank (null), an allowed missing-data reason, or a valid value. */
export function entrySchema(field: Field, choices: readonly Choice[] | undefined, options: FormSchemaOptions): EntrySchema | undefined {
  const value = valueSchema(field, choices, options);
  if (!value || field.type === 'calc') return undefined;
  const allowed = field.missingReasons;
  return z.unknown().transform((raw, ctx): StoredEntry | null => {
    if (isBlank(raw)) return null;
    if (isMissing(raw)) return allowed.includes(raw.missing) ? { missing: raw.missing } : fail(ctx, 'value.missingReasonNotAllowed', raw.missing);
    const result = value.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const params = (issue as { params?: Record<string, unknown> }).params;
      ctx.addIssue({ code: 'custom', message: issue.message, ...(params ? { params } : {}) });
    }
    return z.NEVER;
  });
}

export type FormSchema = z.ZodObject<Record<string, z.ZodOptional<EntrySchema>>>;

/** The schema of a form's entries: one optional entry per enterable (non-calculated) field. */
export function buildFormSchema(study: CompiledStudy, form: Form, options: FormSchemaOptions): FormSchema {
  const shape: Record<string, z.ZodOptional<EntrySchema>> = {};
  for (const field of form.fields) {
    const schema = entrySchema(field, study.field(form.key, field.name)?.choices, options);
    // Optional: a field not in the data is simply not entered yet.
    if (schema) shape[field.name] = schema.optional();
  }
  return z.object(shape);
}

/** The issues of a failed parse, one per field, as codes the UI translates. */
export function fieldIssues(error: z.ZodError): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (seen.has(field)) continue;
    seen.add(field);
    const params = (issue as { params?: { detail?: unknown } }).params;
    const detail = typeof params?.detail === 'string' ? params.detail : undefined;
    out.push({ field, code: issue.message as FieldIssueCode, ...(detail === undefined ? {} : { detail }) });
  }
  return out;
}
