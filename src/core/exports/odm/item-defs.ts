// ODM ItemDefs: data type, bilingual question, unit, hard/soft range checks, code list, notes and conditions.

import { plainDecimal } from './values';
import type { OdmItem, OdmModel } from './model';
import { translatedEl } from './translated';
import { el, type Attr } from './xml';

function rangeCheck(comparator: 'GE' | 'LE', limit: number, soft: boolean): string {
  const sign = comparator === 'GE' ? '≥' : '≤';
  const value = plainDecimal(limit);
  const message = soft
    ? { en: `Value expected ${sign} ${value} (soft limit: may be confirmed with a reason)`, it: `Valore atteso ${sign} ${value} (limite di attenzione: confermabile con una motivazione)` }
    : { en: `Value must be ${sign} ${value} (hard limit)`, it: `Il valore deve essere ${sign} ${value} (limite invalicabile)` };
  return el('RangeCheck', [['Comparator', comparator], ['SoftHard', soft ? 'Soft' : 'Hard']], `<CheckValue>${value}</CheckValue>\n`, translatedEl('ErrorMessage', message));
}

function rangeChecks(item: OdmItem): string {
  if (item.choice) return '';
  const f = item.field as { min?: number; max?: number; softMin?: number; softMax?: number };
  return [
    f.min !== undefined ? rangeCheck('GE', f.min, false) : '',
    f.max !== undefined ? rangeCheck('LE', f.max, false) : '',
    f.softMin !== undefined ? rangeCheck('GE', f.softMin, true) : '',
    f.softMax !== undefined ? rangeCheck('LE', f.softMax, true) : '',
  ].join('');
}

/** English notes of the specification about the item, or undefined when there are none. */
function description(item: OdmItem): string | undefined {
  const { field } = item;
  const parts: string[] = [];
  if (item.choice) parts.push(`Choice ${item.choice.code} of the multiple-choice field ${field.name}: 1 = ticked, 0 = not ticked.`);
  if (field.note) parts.push(field.note);
  if (field.type === 'partialDate') parts.push(`Partial date: YYYY, YYYY-MM or YYYY-MM-DD (at least to the ${field.minPrecision}).`);
  if (field.type !== 'calc' && field.requiredIf) parts.push(`Required when ${field.requiredIf}.`);
  if (field.type !== 'calc' && field.missingReasons.length < 3) {
    parts.push(field.missingReasons.length === 0 ? 'No missing-data reason allowed.' : `Missing-data reasons allowed: ${field.missingReasons.join(', ')}.`);
  }
  if (field.unconfirmed) parts.push(`Unconfirmed: ${field.unconfirmed}`);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

export function itemDef(item: OdmItem, model: OdmModel): string {
  const { field } = item;
  const attrs: Attr[] = [
    ['OID', item.oid],
    ['Name', item.name],
    ['DataType', item.dataType],
    ['Length', item.length],
    ['SignificantDigits', item.significantDigits],
    ['Origin', field.type === 'calc' ? 'Derived' : 'CRF'],
  ];
  const text = description(item);
  const aliases = [
    field.type !== 'calc' && field.showIf ? el('Alias', [['Context', 'edc:showIf'], ['Name', field.showIf]]) : '',
    field.type !== 'calc' && field.requiredIf ? el('Alias', [['Context', 'edc:requiredIf'], ['Name', field.requiredIf]]) : '',
  ].join('');
  return el(
    'ItemDef',
    attrs,
    text !== undefined ? translatedEl('Description', { en: text }) : '',
    translatedEl('Question', item.question),
    item.unit !== undefined ? el('MeasurementUnitRef', [['MeasurementUnitOID', model.units.get(item.unit)]]) : '',
    rangeChecks(item),
    item.codeListOid !== undefined ? el('CodeListRef', [['CodeListOID', item.codeListOid]]) : '',
    aliases,
  );
}
