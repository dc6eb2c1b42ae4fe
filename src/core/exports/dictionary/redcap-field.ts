// One study field as a REDCap dictionary row; what REDCap cannot express goes into the Field Annotation.

import type { CompiledStudy } from '../../../shared/study/compile';
import type { Choice, Field, Form } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';
import { MISSING_REASON_LABELS } from './missing-reasons';
import type { RedcapRow } from './redcap-columns';
import { expressionExtensions } from './redcap-expression';

export interface DictionaryContext {
  readonly study: CompiledStudy;
  readonly lang: Lang;
}

/** More choices than this, or a reference list, make a dropdown instead of radio buttons. */
const RADIO_MAX_CHOICES = 10;

/** REDCap's `code, label | code, label`; a `|` inside a label would end the choice, so it becomes `/`. */
export function redcapChoices(choices: readonly Choice[], lang: Lang): string {
  return choices.map((c) => `${c.code}, ${c.label[lang].replace(/\|/g, '/').replace(/\s*[\r\n]+\s*/g, ' ')}`).join(' | ');
}

function typeColumns(ctx: DictionaryContext, field: Field, annotation: string[]): RedcapRow {
  const choices = ctx.study.choicesOf(field) ?? [];
  switch (field.type) {
    case 'text':
      annotation.push(`@CHARLIMIT=${field.maxLength}`);
      if (field.pattern) annotation.push(`Pattern: ${field.pattern}`);
      if (field.format) annotation.push(`Format check: ${field.format}`);
      return { 'Field Type': 'text' };
    case 'integer':
      return { 'Field Type': 'text', 'Text Validation Type OR Show Slider Number': 'integer', ...limits(field) };
    case 'decimal':
      annotation.push(`At most ${field.precision} decimal place${field.precision === 1 ? '' : 's'}.`);
      for (const alt of field.altUnits ?? []) annotation.push(`Also entered in ${alt.unit} (stored = entered × ${alt.factor}).`);
      return { 'Field Type': 'text', 'Text Validation Type OR Show Slider Number': 'number', ...limits(field) };
    case 'date':
      return { 'Field Type': 'text', 'Text Validation Type OR Show Slider Number': 'date_ymd', ...(field.notFuture ? { 'Text Validation Max': 'today' } : {}) };
    case 'partialDate':
      annotation.push(`Partial date: YYYY, YYYY-MM or YYYY-MM-DD, at least to the ${field.minPrecision} (no REDCap validation type accepts it).`);
      return { 'Field Type': 'text' };
    case 'single': {
      const dropdown = field.reference !== undefined || choices.length > RADIO_MAX_CHOICES;
      if (field.reference) annotation.push(`Choices: reference list ${field.reference} (${choices.length} entries).`);
      if (field.choiceAvailability) annotation.push(`A choice is offered only where reference list ${field.choiceAvailability.list} gives ${field.choiceAvailability.attribute} for [${field.choiceAvailability.keyField}].`);
      return {
        'Field Type': dropdown ? 'dropdown' : 'radio',
        'Choices, Calculations, OR Slider Labels': redcapChoices(choices, ctx.lang),
        ...(field.reference !== undefined ? { 'Text Validation Type OR Show Slider Number': 'autocomplete' } : {}),
      };
    }
    case 'multi':
      if (field.exclusive?.length) annotation.push(`@NONEOFTHEABOVE='${field.exclusive.join(',')}'`);
      return { 'Field Type': 'checkbox', 'Choices, Calculations, OR Slider Labels': redcapChoices(choices, ctx.lang) };
    case 'ynu':
      return { 'Field Type': 'radio', 'Choices, Calculations, OR Slider Labels': redcapChoices(choices, ctx.lang) };
    case 'calc':
      return calcColumns(ctx, field, choices, annotation);
  }
}

function limits(field: { min?: number; max?: number; softMin?: number; softMax?: number }): RedcapRow {
  return {
    ...(field.min !== undefined ? { 'Text Validation Min': String(field.min) } : {}),
    ...(field.max !== undefined ? { 'Text Validation Max': String(field.max) } : {}),
  };
}

/** Numbers and codes are REDCap calc fields; dates and texts are text fields with @CALCTEXT; app-kept values are read-only. */
function calcColumns(ctx: DictionaryContext, field: Extract<Field, { type: 'calc' }>, choices: readonly Choice[], annotation: string[]): RedcapRow {
  if (choices.length > 0) annotation.push(`Codes: ${choices.map((c) => `${c.code} = ${c.label[ctx.lang]}`).join('; ')}.`);
  if (field.calc === undefined) {
    annotation.push('@READONLY', `Value kept by the application: ${field.system ?? ''}.`);
    return { 'Field Type': 'text', ...(field.valueType === 'date' ? { 'Text Validation Type OR Show Slider Number': 'date_ymd' } : {}) };
  }
  const extensions = expressionExtensions(ctx.study, field.calc);
  if (extensions.length > 0) annotation.push(`EDC extension in the calculation (not REDCap): ${extensions.join('; ')}.`);
  if (field.valueType === 'number' || field.valueType === 'code') {
    if (field.precision !== undefined) annotation.push(`Rounded to ${field.precision} decimal place${field.precision === 1 ? '' : 's'}.`);
    return { 'Field Type': 'calc', 'Choices, Calculations, OR Slider Labels': field.calc };
  }
  annotation.push(`@CALCTEXT(${field.calc})`);
  return { 'Field Type': 'text', ...(field.valueType === 'date' ? { 'Text Validation Type OR Show Slider Number': 'date_ymd' } : {}) };
}

function softRange(field: Field): string | undefined {
  if (field.type !== 'integer' && field.type !== 'decimal' && field.type !== 'calc') return undefined;
  if (field.softMin === undefined && field.softMax === undefined) return undefined;
  return `Soft range ${field.softMin ?? '…'} to ${field.softMax ?? '…'}: a value outside is a warning, confirmed with a reason.`;
}

/** Unit, the entry format of a partial date, and the specification's note. */
function fieldNote(field: Field, lang: Lang): string {
  const unit = 'unit' in field ? field.unit : undefined;
  const format = field.type === 'partialDate' ? (lang === 'it' ? 'AAAA, AAAA-MM o AAAA-MM-GG' : 'YYYY, YYYY-MM or YYYY-MM-DD') : undefined;
  return [unit, format, field.note].filter((s): s is string => s !== undefined && s !== '').join(' — ');
}

export function fieldRow(ctx: DictionaryContext, form: Form, field: Field): RedcapRow {
  const annotation: string[] = [];
  const columns = typeColumns(ctx, field, annotation);
  if (field.type !== 'calc') {
    if (field.showIf) {
      const extensions = expressionExtensions(ctx.study, field.showIf);
      if (extensions.length > 0) annotation.push(`EDC extension in the branching logic (not REDCap): ${extensions.join('; ')}.`);
    }
    if (field.requiredIf) annotation.push(`Required when: ${field.requiredIf}`);
    if (field.prefill === 'today') annotation.push('@TODAY');
    if (field.prefill === 'site_id') annotation.push("Prefilled with the user's site and fixed to it.");
    if (field.writableBy) annotation.push(`Writable by: ${field.writableBy.join(', ')}.`);
    if (form.sequenceField === field.name) annotation.push('Instance sequence number, set by the application.');
    annotation.push(
      field.missingReasons.length === 0
        ? '@NOMISSING'
        : `Missing-data codes: ${field.missingReasons.map((r) => `${r} = ${MISSING_REASON_LABELS[r][ctx.lang]}`).join(', ')}.`,
    );
  }
  const soft = softRange(field);
  if (soft) annotation.push(soft);
  if (field.unconfirmed) annotation.push(`UNCONFIRMED: ${field.unconfirmed}`);
  return {
    'Variable / Field Name': field.name,
    'Form Name': form.key,
    'Field Label': field.label[ctx.lang],
    'Field Note': fieldNote(field, ctx.lang),
    ...columns,
    ...(field.type !== 'calc' && field.showIf ? { 'Branching Logic (Show field only if...)': field.showIf } : {}),
    ...(field.type !== 'calc' && field.required ? { 'Required Field?': 'y' } : {}),
    'Field Annotation': annotation.join('\n'),
  };
}
