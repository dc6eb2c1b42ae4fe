// Costs per patient per crf-spec §4 (F11): by category, by phase and total, with the scenario B list-price inotuzumab cost.

import type { UnitCost } from '../../../shared/study/definition.schema';
import type { DatasetSubject } from '../../../core/dataset/dataset';
import type { PriceIndex } from './types';
import { code, instancesOf, num } from '../../../core/analysis/subject-view';

export const COST_CATEGORIES = Array.from({ length: 15 }, (_, i) => String(i + 1));
export const COST_PHASES = ['1', '2', '3', '4', '5'];
export const INO_LIST_ITEM = 'INO_VIAL_LIST';

export interface CostResult {
  readonly byCategory: ReadonlyMap<string, number>;
  readonly byPhase: ReadonlyMap<string, number>;
  readonly total: number;
  /** Records with no quantity, no unit cost (record or table) or no index for their price year. */
  readonly unvalued: number;
}

/** ru_cost_R = ru_cost × I(R) ÷ I(price year); no index → unadjusted; index missing the year → undefined. */
export function adjustToReference(cost: number, priceYear: number | undefined, index: PriceIndex | undefined): number | undefined {
  if (!index) return cost;
  const from = priceYear === undefined ? undefined : index.index[priceYear];
  const to = index.index[index.referenceYear];
  if (from === undefined || to === undefined || from <= 0) return undefined;
  return (cost * to) / from;
}

export function deriveCosts(subject: DatasetSubject, unitCosts: readonly UnitCost[], index: PriceIndex | undefined): CostResult {
  const table = new Map(unitCosts.map((u) => [u.item_code, u]));
  const byCategory = new Map(COST_CATEGORIES.map((c) => [c, 0]));
  const byPhase = new Map(COST_PHASES.map((p) => [p, 0]));
  let total = 0;
  let unvalued = 0;
  for (const rec of instancesOf(subject, 'ru')) {
    const item = code(rec, 'ru_item');
    const row = item === undefined ? undefined : table.get(item);
    const quantity = num(rec, 'ru_quantity');
    // The record's unit cost wins (an override needs a reason, EC68); else the configured table default.
    const unitCost = num(rec, 'ru_unit_cost') ?? row?.default_unit_cost_eur ?? undefined;
    const priceYear = num(rec, 'ru_price_year') ?? row?.price_year ?? undefined;
    const cost = quantity === undefined || unitCost === undefined ? undefined : adjustToReference(quantity * unitCost, priceYear, index);
    if (cost === undefined) {
      unvalued += 1;
      continue;
    }
    total += cost;
    const category = code(rec, 'ru_category') ?? row?.category;
    if (category !== undefined && byCategory.has(category)) byCategory.set(category, byCategory.get(category)! + cost);
    const phase = code(rec, 'ru_phase');
    if (phase !== undefined && byPhase.has(phase)) byPhase.set(phase, byPhase.get(phase)! + cost);
  }
  return { byCategory, byPhase, total, unvalued };
}

/** Scenario B: vials × the INO_VIAL_LIST default (ex-factory list price), price-adjusted like any item. */
export function inotuzumabListCost(vials: number | undefined, unitCosts: readonly UnitCost[], index: PriceIndex | undefined): number | undefined {
  const row = unitCosts.find((u) => u.item_code === INO_LIST_ITEM);
  if (vials === undefined || row?.default_unit_cost_eur == null) return undefined;
  return adjustToReference(vials * row.default_unit_cost_eur, row.price_year ?? undefined, index);
}
