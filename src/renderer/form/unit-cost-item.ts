// A field choosing an item of the study's unit-cost table (definition: `unitCostItem`): the items of the category
// chosen, and the values the chosen item's row proposes for other fields (its unit, default unit cost, price year).

import { formatPlainNumber } from '../../shared/format';
import type { Choice, Field, UnitCost } from '../../shared/study/definition.schema';
import type { Lang } from '../../shared/study/localized';

type UnitCostField = Extract<Field, { type: 'single' }> & { unitCostItem: NonNullable<Extract<Field, { type: 'single' }>['unitCostItem']> };

export function isUnitCostField(field: Field): field is UnitCostField {
  return field.type === 'single' && field.unitCostItem !== undefined;
}

/** The items of the category (all while none is chosen): codes the table lacks or any category takes, the chosen one kept. */
export function itemsOfCategory(field: UnitCostField, choices: readonly Choice[], table: readonly UnitCost[], category: string, current: string): Choice[] {
  if (category === '') return [...choices];
  const categoryOf = new Map(table.map((row) => [row.item_code, row.category]));
  const any = new Set(field.unitCostItem.anyCategory ?? []);
  return choices.filter((c) => c.code === current || any.has(c.code) || !categoryOf.has(c.code) || categoryOf.get(c.code) === category);
}

/** The values the item's row proposes, as the entry widgets hold them (numbers with the reader's decimal mark). */
export function proposalsOf(
  field: UnitCostField,
  table: readonly UnitCost[],
  item: string,
  lang: Lang,
  /** The choices of a proposed field: a row's value that is not one of them (e.g. "as entered") is not proposed. */
  choicesOf: (target: string) => readonly Choice[] | undefined,
): Record<string, string> {
  const row = table.find((r) => r.item_code === item);
  const out: Record<string, string> = {};
  if (!row) return out;
  for (const [target, column] of Object.entries(field.unitCostItem.propose ?? {})) {
    const value = row[column];
    if (value === null) continue;
    const allowed = choicesOf(target);
    if (allowed && !allowed.some((c) => c.code === String(value))) continue;
    out[target] = typeof value === 'number' ? formatPlainNumber(value, lang === 'it') : value;
  }
  return out;
}
