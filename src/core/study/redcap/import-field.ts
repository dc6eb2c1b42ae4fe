// One REDCap dictionary row as a field of the study definition (or an identification-log entry, or help
// text for the next field), with a report item for whatever it could not keep as it was.

import type { z } from 'zod';
import { translate } from '../../../shared/i18n/catalogue';
import { SYSTEM_VALUES } from '../../../shared/study/compile';
import type { Field, IdentificationField } from '../../../shared/study/definition.schema';
import type { Localized } from '../../../shared/study/localized';
import type { DictionaryRow } from './dictionary-rows';
import { fromRedcapLogic } from './from-redcap-logic';
import { htmlToText } from './html-text';
import { parseChoices } from './redcap-choices';
import { readAnnotation, type AnnotationNotes } from './redcap-notes';

export type FieldInput = z.input<typeof Field>;
export type IdentificationInput = z.input<typeof IdentificationField>;

export interface ReportItem {
  /** Key under `import.` in the catalogue's redcap namespace. */
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export type RowResult =
  | { readonly kind: 'field'; readonly field: FieldInput }
  | { readonly kind: 'identification'; readonly entry: IdentificationInput }
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'skip' };

const CODE = /^[A-Za-z0-9_.-]+$/;
const TEXT_LENGTH = 500;
const NOTES_LENGTH = 5000;
const DEFAULT_DECIMALS = 6;

/** Text validations kept as a pattern on a text field. */
const PATTERNS: Readonly<Record<string, string>> = {
  time: '^([01]\\d|2[0-3]):[0-5]\\d$',
  time_mm_ss: '^[0-5]\\d:[0-5]\\d$',
  email: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
  alpha_only: '^[A-Za-z]*$',
};
const DATETIME: Readonly<Record<string, string>> = {
  datetime_ymd: 'YYYY-MM-DD HH:MM',
  datetime_seconds_ymd: 'YYYY-MM-DD HH:MM:SS',
  datetime_mdy: 'YYYY-MM-DD HH:MM',
  datetime_dmy: 'YYYY-MM-DD HH:MM',
  datetime_seconds_mdy: 'YYYY-MM-DD HH:MM:SS',
  datetime_seconds_dmy: 'YYYY-MM-DD HH:MM:SS',
};

const same = (text: string): Localized => ({ en: text, it: text });
const fixed = (key: string): Localized => ({ en: translate('en', 'redcap', `import.choice.${key}`), it: translate('it', 'redcap', `import.choice.${key}`) });

export class FieldImporter {
  readonly report: ReportItem[] = [];

  /** `formOf`: the form of every variable of the dictionary, since REDCap's [field] reads any form. */
  constructor(private readonly formOf: (field: string) => string | undefined) {}

  private add(key: string, params: Record<string, string | number>): void {
    this.report.push({ key, params });
  }

  private number(text: string): number | undefined {
    if (text === '') return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : undefined;
  }

  private choices(row: DictionaryRow): { code: string; label: Localized }[] | undefined {
    const parsed = parseChoices(row.choices);
    const bad = parsed.find((c) => !CODE.test(c.code));
    const codes = parsed.map((c) => c.code);
    const detail = parsed.length === 0 ? 'none given' : bad ? `code "${bad.code}"` : new Set(codes).size !== codes.length ? 'a code given twice' : undefined;
    if (detail) {
      this.add('choices', { field: row.name, detail });
      return undefined;
    }
    return parsed.map((c) => ({ code: c.code, label: same(htmlToText(c.label) || c.code) }));
  }

  /** A REDCap expression in the study's language, or undefined (reported) when it has no equivalent. */
  private logic(row: DictionaryRow, source: string, key: 'showIf' | 'requiredIf' | 'calculation'): string | undefined {
    const t = fromRedcapLogic(source, { form: row.form, formOf: this.formOf });
    if (t.ok) return t.text;
    this.add(key, { field: row.name, reason: t.reason, expression: source });
    return undefined;
  }

  private common(row: DictionaryRow, notes: AnnotationNotes, help: string | undefined): Record<string, unknown> {
    const label = htmlToText(row.label) || row.name;
    const note = htmlToText(row.note);
    const helpText = [help, note].filter((s): s is string => s !== undefined && s !== '').join(' — ');
    const out: Record<string, unknown> = { name: row.name, label: same(label), ...(helpText ? { help: same(helpText) } : {}) };
    const showIf = row.branching ? this.logic(row, row.branching, 'showIf') : notes.edcShownIf;
    if (showIf) out.showIf = showIf;
    const requiredIf = notes.requiredWhen ? this.logic(row, notes.requiredWhen, 'requiredIf') : notes.edcRequiredWhen;
    if (requiredIf) out.requiredIf = requiredIf;
    if (row.required) out.required = true;
    if (notes.missingReasons) out.missingReasons = [...notes.missingReasons];
    return out;
  }

  private calcField(row: DictionaryRow, type: 'number' | 'date' | 'code' | 'text', expression: string | undefined, help: string | undefined): RowResult {
    if (expression === undefined) return { kind: 'skip' };
    // A coded calculation (this app's export lists its codes in the annotation).
    const codes = readAnnotation(row.annotation).codes;
    const valueType = codes && codes.length > 0 && type !== 'date' ? 'code' : type;
    const choices = valueType === 'code' && codes ? { choices: codes.map((c) => ({ code: c.code, label: same(htmlToText(c.label) || c.code) })) } : {};
    if (row.branching) this.add('showIf', { field: row.name, reason: 'a calculated field is always computed', expression: row.branching });
    const label = htmlToText(row.label) || row.name;
    const round = /^round\(.*, (\d+)\)$/.exec(expression);
    return {
      kind: 'field',
      field: { type: 'calc', name: row.name, label: same(label), ...(help ? { help: same(help) } : {}), valueType, calc: expression, ...(valueType !== 'date' && valueType !== 'text' && round ? { precision: Number(round[1]) } : {}), ...choices },
    };
  }

  /** @CALCDATE(source, offset, unit) as `source + offset` days. */
  private calcDate(row: DictionaryRow, args: string, help: string | undefined): RowResult {
    const m = /^(.*),\s*(-?[\d.]+)\s*,\s*['"]?(\w)['"]?$/s.exec(args);
    if (!m || m[3] !== 'd') {
      this.add('calculation', { field: row.name, reason: '@CALCDATE in a unit other than days', expression: `@CALCDATE(${args})` });
      return { kind: 'skip' };
    }
    const source = m[1]!.trim() === 'today' ? 'today()' : this.logic(row, m[1]!, 'calculation');
    const offset = Number(m[2]);
    const expression = source === undefined ? undefined : offset === 0 ? source : `${source} ${offset < 0 ? '-' : '+'} ${Math.abs(offset)}`;
    return this.calcField(row, 'date', expression, help);
  }

  private text(row: DictionaryRow, notes: AnnotationNotes, help: string | undefined): RowResult {
    const v = row.validation;
    if (notes.edcCalculation) return this.calcField(row, notes.edcCalculation.valueType, notes.edcCalculation.expression, help);
    if (notes.systemValue !== undefined) {
      const { name, valueType } = notes.systemValue;
      if (!(SYSTEM_VALUES as readonly string[]).includes(name)) return this.unsupported(row, `value ${name}`);
      const label = htmlToText(row.label) || row.name;
      const choices = valueType === 'code' && notes.codes ? { choices: notes.codes.map((c) => ({ code: c.code, label: same(htmlToText(c.label) || c.code) })) } : {};
      return { kind: 'field', field: { type: 'calc', name: row.name, label: same(label), valueType, system: name, ...choices } };
    }
    if (notes.calcText !== undefined) return this.calcField(row, 'text', this.logic(row, notes.calcText, 'calculation'), help);
    if (notes.calcDate !== undefined) return this.calcDate(row, notes.calcDate, help);
    const base = this.common(row, notes, help);
    if (v === '' && notes.partialDate) return { kind: 'field', field: { ...base, type: 'partialDate', minPrecision: notes.partialDate } as FieldInput };
    if (v === 'date_ymd' || v === 'date_mdy' || v === 'date_dmy') {
      const limits = [row.min, row.max.toLowerCase() === 'today' ? '' : row.max].filter((s) => s !== '');
      if (limits.length > 0) this.add('validation', { field: row.name, validation: v, detail: `limits ${limits.join(', ')}` });
      return { kind: 'field', field: { ...base, type: 'date', ...(row.max.toLowerCase() === 'today' ? { notFuture: true } : {}), ...(notes.today ? { prefill: 'today' } : {}) } as FieldInput };
    }
    const limits = { ...(this.number(row.min) !== undefined ? { min: this.number(row.min) } : {}), ...(this.number(row.max) !== undefined ? { max: this.number(row.max) } : {}) };
    if (v === 'integer') return { kind: 'field', field: { ...base, type: 'integer', ...limits } as FieldInput };
    const decimals = /^number(?:_(\d)dp)?(?:_comma_decimal)?$/.exec(v);
    if (decimals) {
      const precision = Math.min(12, notes.decimals ?? (decimals[1] !== undefined ? Number(decimals[1]) : DEFAULT_DECIMALS));
      return { kind: 'field', field: { ...base, type: 'decimal', precision, ...limits } as FieldInput };
    }
    const maxLength = notes.charLimit ?? TEXT_LENGTH;
    if (v in DATETIME) {
      this.add('datetime', { field: row.name, validation: v, format: DATETIME[v]! });
      const pattern = DATETIME[v]!.includes('SS') ? '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$' : '^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}$';
      return { kind: 'field', field: { ...base, type: 'text', maxLength, pattern } as FieldInput };
    }
    if (v !== '' && !(v in PATTERNS)) this.add('validation', { field: row.name, validation: v, detail: 'no equivalent' });
    return { kind: 'field', field: { ...base, type: 'text', maxLength, ...(v in PATTERNS ? { pattern: PATTERNS[v] } : {}) } as FieldInput };
  }

  private unsupported(row: DictionaryRow, type: string): RowResult {
    this.add('unsupportedType', { field: row.name, type });
    return { kind: 'skip' };
  }

  private identification(row: DictionaryRow): RowResult {
    const name = row.name.startsWith('sil_') ? row.name : `sil_${row.name}`;
    const isDate = row.validation.startsWith('date_');
    if (!(row.type === 'text' || row.type === 'notes') || (row.validation !== '' && !isDate)) {
      this.add('identifierType', { field: row.name, type: row.validation || row.type });
      return { kind: 'skip' };
    }
    this.add('identifier', { field: row.name, name });
    const label = htmlToText(row.label) || row.name;
    return { kind: 'identification', entry: { name, label: same(label), type: isDate ? 'date' : 'text', ...(isDate ? {} : { maxLength: readAnnotation(row.annotation).charLimit ?? TEXT_LENGTH }), required: row.required } };
  }

  row(row: DictionaryRow, help: string | undefined): RowResult {
    if (row.identifier) return this.identification(row);
    const notes = readAnnotation(row.annotation);
    switch (row.type) {
      case 'text':
        return this.text(row, notes, help);
      case 'notes':
        return { kind: 'field', field: { ...this.common(row, notes, help), type: 'text', maxLength: notes.charLimit ?? NOTES_LENGTH } as FieldInput };
      case 'dropdown':
      case 'radio': {
        const choices = this.choices(row);
        if (!choices) return { kind: 'skip' };
        const ynu = choices.length === 3 && choices.map((c) => c.code).join() === '1,0,9' && /^(yes|sì)$/i.test(choices[0]!.label.en) && /^no$/i.test(choices[1]!.label.en);
        if (ynu) return { kind: 'field', field: { ...this.common(row, notes, help), type: 'ynu' } as FieldInput };
        return { kind: 'field', field: { ...this.common(row, notes, help), type: 'single', choices } as FieldInput };
      }
      case 'checkbox': {
        const choices = this.choices(row);
        if (!choices) return { kind: 'skip' };
        const exclusive = (notes.noneOfTheAbove ?? []).filter((c) => choices.some((x) => x.code === c));
        return { kind: 'field', field: { ...this.common(row, notes, help), type: 'multi', choices, ...(exclusive.length > 0 ? { exclusive } : {}) } as FieldInput };
      }
      case 'yesno':
      case 'truefalse': {
        const [yes, no] = row.type === 'yesno' ? ['yes', 'no'] : ['true', 'false'];
        return { kind: 'field', field: { ...this.common(row, notes, help), type: 'single', choices: [{ code: '1', label: fixed(yes!) }, { code: '0', label: fixed(no!) }] } as FieldInput };
      }
      case 'calc':
        return this.calcField(row, 'number', this.logic(row, row.choices, 'calculation'), [help, htmlToText(row.note)].filter(Boolean).join(' — ') || undefined);
      case 'slider': {
        const min = this.number(row.min) ?? 0;
        const max = this.number(row.max) ?? 100;
        this.add('slider', { field: row.name, min, max });
        const anchors = row.choices.split('|').map((s) => htmlToText(s)).filter((s) => s !== '');
        const withAnchors = anchors.length > 0 ? [help, anchors.join(' … ')].filter(Boolean).join(' — ') : help;
        return { kind: 'field', field: { ...this.common(row, notes, withAnchors), type: 'integer', min, max } as FieldInput };
      }
      case 'descriptive':
        return { kind: 'help', text: htmlToText(row.label) };
      default:
        return this.unsupported(row, row.type || '(none)');
    }
  }
}
