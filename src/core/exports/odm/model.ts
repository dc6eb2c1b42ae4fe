// The study definition as ODM metadata: item groups per form, items (one per choice of a multi), types, units.

import type { CompiledStudy } from '../../../shared/study/compile';
import type { Choice, Field, Form } from '../../../shared/study/definition.schema';
import type { Localized } from '../../../shared/study/localized';
import * as oid from './oids';

export type OdmDataType = 'text' | 'integer' | 'float' | 'date' | 'partialDate';

export interface OdmItem {
  readonly oid: string;
  /** The variable name: the field name, or `field___code` for one choice of a multiple-choice field. */
  readonly name: string;
  readonly form: Form;
  readonly field: Field;
  readonly choice?: Choice;
  readonly dataType: OdmDataType;
  readonly length?: number;
  readonly significantDigits?: number;
  readonly question: Localized;
  readonly unit?: string;
  readonly codeListOid?: string;
  readonly conditionOid?: string;
  readonly methodOid?: string;
  readonly mandatory: boolean;
}

export interface OdmForm {
  readonly form: Form;
  readonly oid: string;
  readonly itemGroupOid: string;
  readonly items: readonly OdmItem[];
  /** Items per field name, in field order (several for a multiple-choice field). */
  readonly byField: ReadonlyMap<string, readonly OdmItem[]>;
}

export interface OdmModel {
  readonly study: CompiledStudy;
  readonly forms: readonly OdmForm[];
  /** Unit symbol → MeasurementUnit OID, for every unit an item uses. */
  readonly units: ReadonlyMap<string, string>;
}

const isIntegerCode = (code: string): boolean => /^-?\d{1,18}$/.test(code);

/** A code list holds integers when every code is one; the item's DataType must match its list. */
export function codeListDataType(codes: readonly string[]): 'integer' | 'text' {
  return codes.every(isIntegerCode) ? 'integer' : 'text';
}

function digits(n: number): number {
  return String(Math.trunc(Math.abs(n))).length;
}

/** Code list OID of a single-choice, yes/no/unknown or coded calculated field. */
function codeListOf(form: string, field: Field): string | undefined {
  if (field.type === 'ynu') return oid.YNU_CODE_LIST_OID;
  if (field.type !== 'single' && field.type !== 'calc') return undefined;
  if (field.codeList) return oid.sharedCodeListOid(field.codeList);
  if (field.reference) return oid.referenceCodeListOid(field.reference);
  if (field.choices) return oid.fieldCodeListOid(form, field.name);
  return undefined;
}

function typeOf(study: CompiledStudy, form: string, field: Field): Pick<OdmItem, 'dataType' | 'length' | 'significantDigits'> {
  const choices = study.field(form, field.name)?.choices;
  switch (field.type) {
    case 'text':
      return { dataType: 'text', length: field.maxLength };
    case 'integer': {
      const bounds = [field.min, field.max].filter((n): n is number => n !== undefined);
      return bounds.length === 2 ? { dataType: 'integer', length: Math.max(...bounds.map((b) => digits(b) + (b < 0 ? 1 : 0))) } : { dataType: 'integer' };
    }
    case 'decimal':
      return field.max !== undefined && field.min !== undefined
        ? { dataType: 'float', length: Math.max(digits(field.max), digits(field.min)) + field.precision, significantDigits: field.precision }
        : { dataType: 'float', significantDigits: field.precision };
    case 'date':
      return { dataType: 'date' };
    case 'partialDate':
      return { dataType: 'partialDate' };
    case 'single':
    case 'ynu':
      return codedType(choices ?? []);
    case 'multi':
      return { dataType: 'integer', length: 1 };
    case 'calc':
      if (field.valueType === 'number') {
        return field.precision === 0 ? { dataType: 'integer' } : { dataType: 'float', ...(field.precision !== undefined ? { significantDigits: field.precision } : {}) };
      }
      if (field.valueType === 'date') return { dataType: 'date' };
      if (field.valueType === 'code' && choices) return codedType(choices);
      return { dataType: 'text' };
  }
}

function codedType(choices: readonly Choice[]): Pick<OdmItem, 'dataType' | 'length'> {
  const length = Math.max(1, ...choices.map((c) => c.code.length));
  return { dataType: codeListDataType(choices.map((c) => c.code)), length };
}

function itemsOfField(study: CompiledStudy, form: Form, field: Field): OdmItem[] {
  const common = {
    form,
    field,
    mandatory: field.type !== 'calc' && field.required,
    ...('unit' in field && field.unit ? { unit: field.unit } : {}),
    ...(field.type !== 'calc' && field.showIf ? { conditionOid: oid.conditionOid(form.key, field.name) } : {}),
    ...(field.type === 'calc' ? { methodOid: oid.methodOid(form.key, field.name) } : {}),
  };
  if (field.type === 'multi') {
    return (study.field(form.key, field.name)?.choices ?? []).map((choice) => ({
      ...common,
      oid: oid.itemOid(form.key, `${field.name}___${choice.code}`),
      name: `${field.name}___${choice.code}`,
      choice,
      dataType: 'integer' as const,
      length: 1,
      question: { en: `${field.label.en}: ${choice.label.en}`, it: `${field.label.it}: ${choice.label.it}` },
      codeListOid: oid.TICKED_CODE_LIST_OID,
      // A choice may be left unticked: only the field as a whole is required.
      mandatory: false,
    }));
  }
  const codeList = codeListOf(form.key, field);
  return [
    {
      ...common,
      oid: oid.itemOid(form.key, field.name),
      name: field.name,
      ...typeOf(study, form.key, field),
      question: field.label,
      ...(codeList ? { codeListOid: codeList } : {}),
    },
  ];
}

export function buildOdmModel(study: CompiledStudy): OdmModel {
  const units = new Map<string, string>();
  const forms = study.definition.forms.map((form): OdmForm => {
    const byField = new Map<string, OdmItem[]>();
    for (const field of form.fields) {
      const items = itemsOfField(study, form, field);
      byField.set(field.name, items);
      for (const item of items) {
        if (item.unit !== undefined && !units.has(item.unit)) units.set(item.unit, oid.unitOid(item.unit, new Set(units.values())));
      }
    }
    return { form, oid: oid.formOid(form.key), itemGroupOid: oid.itemGroupOid(form.key), items: [...byField.values()].flat(), byField };
  });
  return { study, forms, units };
}
