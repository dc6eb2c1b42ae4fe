// One study field as a REDCap dictionary row; what REDCap cannot express goes into the Field Annotation.

import { formatDecimal } from '../../../shared/format/decimal';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Choice, Field, Form } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';
import { formatChoices } from '../../study/redcap/redcap-choices';
import type { RedcapRow } from '../../study/redcap/redcap-columns';
import { NOTE } from '../../study/redcap/redcap-notes';
import type { RedcapTranslator } from '../../study/redcap/to-redcap-logic';
import { MISSING_REASON_LABELS } from './missing-reasons';

/** What the dictionary could not give REDCap in its own terms, field by field. */
export interface DictionaryGaps {
  /** Calculations REDCap cannot compute: read-only text fields, the expression in the annotation. */
  readonly calculations: { readonly field: string; readonly reasons: readonly string[] }[];
  /** Values the application keeps (signature date …): read-only text fields. */
  readonly appValues: string[];
  /** Branching logic or required-when conditions not in REDCap's syntax: in the annotation instead. */
  readonly conditions: { readonly field: string; readonly condition: 'showIf' | 'requiredIf'; readonly reasons: readonly string[] }[];
}

export interface DictionaryContext {
  readonly study: CompiledStudy;
  readonly lang: Lang;
  readonly translator: RedcapTranslator;
  readonly gaps: DictionaryGaps;
}

/** More choices than this, or a reference list, make a dropdown instead of radio buttons. */
const RADIO_MAX_CHOICES = 10;

function typeColumns(ctx: DictionaryContext, form: Form, field: Field, annotation: string[]): RedcapRow {
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
      annotation.push(NOTE.decimals(field.precision));
      for (const alt of field.altUnits ?? []) annotation.push(`Also entered in ${alt.unit} (stored = entered × ${formatDecimal(alt.factor)}).`);
      return { 'Field Type': 'text', 'Text Validation Type OR Show Slider Number': 'number', ...limits(field) };
    case 'date':
      return { 'Field Type': 'text', 'Text Validation Type OR Show Slider Number': 'date_ymd', ...(field.notFuture ? { 'Text Validation Max': 'today' } : {}) };
    case 'partialDate':
      annotation.push(NOTE.partialDate(field.minPrecision));
      return { 'Field Type': 'text' };
    case 'single': {
      const dropdown = field.reference !== undefined || choices.length > RADIO_MAX_CHOICES;
      if (field.reference) annotation.push(`Choices: reference list ${field.reference} (${choices.length} entries).`);
      if (field.choiceAvailability) annotation.push(`A choice is offered only where reference list ${field.choiceAvailability.list} gives ${field.choiceAvailability.attribute} for [${field.choiceAvailability.keyField}].`);
      return {
        'Field Type': dropdown ? 'dropdown' : 'radio',
        'Choices, Calculations, OR Slider Labels': formatChoices(choices, ctx.lang),
        ...(field.reference !== undefined ? { 'Text Validation Type OR Show Slider Number': 'autocomplete' } : {}),
      };
    }
    case 'multi':
      if (field.exclusive?.length) annotation.push(`@NONEOFTHEABOVE='${field.exclusive.join(',')}'`);
      return { 'Field Type': 'checkbox', 'Choices, Calculations, OR Slider Labels': formatChoices(choices, ctx.lang) };
    case 'ynu':
      return { 'Field Type': 'radio', 'Choices, Calculations, OR Slider Labels': formatChoices(choices, ctx.lang) };
    case 'calc':
      return calcColumns(ctx, form, field, choices, annotation);
  }
}

function limits(field: { min?: number; max?: number }): RedcapRow {
  return {
    ...(field.min !== undefined ? { 'Text Validation Min': formatDecimal(field.min) } : {}),
    ...(field.max !== undefined ? { 'Text Validation Max': formatDecimal(field.max) } : {}),
  };
}

/** Numbers are REDCap calc fields, texts @CALCTEXT, dates @CALCDATE; what REDCap cannot compute is a read-only text field. */
function calcColumns(ctx: DictionaryContext, form: Form, field: Extract<Field, { type: 'calc' }>, choices: readonly Choice[], annotation: string[]): RedcapRow {
  if (choices.length > 0) annotation.push(`${NOTE.codes}${choices.map((c) => `${c.code} = ${c.label[ctx.lang]}`).join('; ')}.`);
  const dateValidation: RedcapRow = field.valueType === 'date' ? { 'Text Validation Type OR Show Slider Number': 'date_ymd' } : {};
  const calc = ctx.translator.calc(form.key, field.name);
  switch (calc.kind) {
    case 'calc':
      if (field.precision !== undefined) annotation.push(`Rounded to ${field.precision} decimal place${field.precision === 1 ? '' : 's'}.`);
      return { 'Field Type': 'calc', 'Choices, Calculations, OR Slider Labels': calc.text };
    case 'calctext':
      annotation.push(`@CALCTEXT(${calc.text})`);
      return { 'Field Type': 'text' };
    case 'calcdate':
      annotation.push(`@CALCDATE(${calc.text})`);
      return { 'Field Type': 'text', ...dateValidation };
    case 'system':
      ctx.gaps.appValues.push(field.name);
      annotation.push('@READONLY', `${NOTE.systemValue(field.valueType)}${calc.system}.`);
      return { 'Field Type': 'text', ...dateValidation };
    case 'app':
      ctx.gaps.calculations.push({ field: field.name, reasons: calc.reasons });
      annotation.push('@READONLY', `${NOTE.edcCalculation(field.valueType)}${calc.expression}`, `${NOTE.cannotCompute}${calc.reasons.join('; ')}.`);
      return { 'Field Type': 'text', ...dateValidation };
  }
}

function softRange(field: Field): string | undefined {
  if (field.type !== 'integer' && field.type !== 'decimal' && field.type !== 'calc') return undefined;
  if (field.softMin === undefined && field.softMax === undefined) return undefined;
  const bound = (n: number | undefined): string => (n === undefined ? '…' : formatDecimal(n));
  return `Soft range ${bound(field.softMin)} to ${bound(field.softMax)}: a value outside is a warning, confirmed with a reason.`;
}

/** Unit, the entry format of a partial date, and the specification's note. */
function fieldNote(field: Field, lang: Lang): string {
  const unit = 'unit' in field ? field.unit : undefined;
  const format = field.type === 'partialDate' ? (lang === 'it' ? 'AAAA, AAAA-MM o AAAA-MM-GG' : 'YYYY, YYYY-MM or YYYY-MM-DD') : undefined;
  return [unit, format, field.note].filter((s): s is string => s !== undefined && s !== '').join(' — ');
}

/** Branching logic in REDCap's syntax, or (when it is not) the condition in the annotation and none in REDCap. */
function conditions(ctx: DictionaryContext, form: Form, field: Exclude<Field, { type: 'calc' }>, annotation: string[]): RedcapRow {
  let branching: RedcapRow = {};
  if (field.showIf) {
    const t = ctx.translator.condition(form.key, field.showIf);
    if (t.ok) branching = { 'Branching Logic (Show field only if...)': t.text };
    else {
      ctx.gaps.conditions.push({ field: field.name, condition: 'showIf', reasons: t.reasons });
      annotation.push(`${NOTE.edcShownIf}${field.showIf}`, `${NOTE.notRedcap}${t.reasons.join('; ')}.`);
    }
  }
  if (field.requiredIf) {
    const t = ctx.translator.condition(form.key, field.requiredIf);
    if (t.ok) annotation.push(`${NOTE.requiredWhen}${t.text}`);
    else {
      ctx.gaps.conditions.push({ field: field.name, condition: 'requiredIf', reasons: t.reasons });
      annotation.push(`${NOTE.edcRequiredWhen}${field.requiredIf}`, `${NOTE.notRedcap}${t.reasons.join('; ')}.`);
    }
  }
  return branching;
}

export function fieldRow(ctx: DictionaryContext, form: Form, field: Field): RedcapRow {
  const annotation: string[] = [];
  const columns = typeColumns(ctx, form, field, annotation);
  let branching: RedcapRow = {};
  if (field.type !== 'calc') {
    branching = conditions(ctx, form, field, annotation);
    if (field.prefill === 'today') annotation.push('@TODAY');
    if (field.prefill === 'site_id') annotation.push("Prefilled with the user's site and fixed to it.");
    if (field.prefill === 'subject_id') annotation.push("Prefilled with the record's subject id and fixed to it.");
    if (field.writableBy) annotation.push(`Writable by: ${field.writableBy.join(', ')}.`);
    if (form.sequenceField === field.name) annotation.push('Instance sequence number, set by the application.');
    annotation.push(
      field.missingReasons.length === 0
        ? '@NOMISSING'
        : `${NOTE.missingCodes}${field.missingReasons.map((r) => `${r} = ${MISSING_REASON_LABELS[r][ctx.lang]}`).join(', ')}.`,
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
    ...branching,
    ...(field.type !== 'calc' && field.required ? { 'Required Field?': 'y' } : {}),
    'Field Annotation': annotation.join('\n'),
  };
}
