// zod schema of one form's entries, generated from the study definition, for the renderer's forms. The value
// rules are validate-value's, the very ones the save applies: the schema adds only what typing allows (an
// Italian decimal comma, blank text as empty) and reports the rule's issue as a zod issue whose message is the
// issue code. Pure (zod only). Requiredness is deliberately absent: drafts may be incomplete (evaluateSubject
// lists missing items).

import { z } from 'zod';
import type { CompiledStudy } from './compile';
import type { Choice, Field, Form } from './definition.schema';
import type { StoredEntry } from './entries';
import { validateValue, type ValueIssueCode } from './validate-value';

/** Codes of the issues the schema reports: validate-value's. */
export type FieldIssueCode = ValueIssueCode;

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

/**
 * What was typed, as the save would receive it: blank text is no entry, and a number typed with an Italian
 * decimal comma gets a decimal point (only the first comma: '1,5,3' stays unreadable).
 */
export function typedToRaw(field: Field, typed: unknown): unknown {
  if (typeof typed !== 'string') return typed;
  if (typed.trim() === '') return null;
  return field.type === 'integer' || field.type === 'decimal' ? typed.replace(',', '.') : typed;
}

/** A field's entry: blank (null), an allowed missing-data reason, or a valid value; undefined for calculated fields. */
export function entrySchema(field: Field, choices: readonly Choice[] | undefined, options: FormSchemaOptions): EntrySchema | undefined {
  if (field.type === 'calc') return undefined;
  return z.unknown().transform((typed, ctx): StoredEntry | null => {
    const result = validateValue(field, typedToRaw(field, typed), choices, options.today);
    if (result.ok) return result.entry;
    const { code, detail } = result.issue;
    ctx.addIssue({ code: 'custom', message: code, ...(detail === undefined ? {} : { params: { detail } }) });
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
