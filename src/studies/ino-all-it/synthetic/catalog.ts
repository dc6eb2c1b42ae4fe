// What the generator reads from the study definition: CTCAE terms by name (MedDRA code, existing grades), unit-cost table, vial parameters.

import type { StudyDefinition } from '../../../shared/study/definition.schema';
import { loadBuiltInStudy } from '../../../core/study/built-in';

export interface CtcaeTerm {
  readonly code: string;
  readonly term: string;
  /** Grades 1–5 that exist for the term (its text in the list is not empty or "-"). */
  readonly grades: readonly number[];
}

export interface StudyCatalog {
  /** A CTCAE term looked up by its exact name; throws if the list does not have it. */
  ctcae(term: string): CtcaeTerm;
  /** Default unit cost of a unit-cost item (null when the table leaves it blank). */
  defaultUnitCost(item: string): number | null;
  /** Unit code of a unit-cost item, as the table gives it. */
  unitOf(item: string): string;
  readonly vialMg: number;
  readonly vialSharing: boolean;
}

function numberParam(definition: StudyDefinition, name: string, fallback: number): number {
  const value = definition.parameters.find((p) => p.name === name)?.value;
  return typeof value === 'number' ? value : fallback;
}

export function buildCatalog(definition: StudyDefinition): StudyCatalog {
  const list = definition.references.ctcae;
  if (!list) throw new Error('the study has no CTCAE reference list');
  const byTerm = new Map<string, CtcaeTerm>();
  for (const entry of list.entries) {
    const term = entry.attributes.term;
    if (!term) continue;
    const grades = [1, 2, 3, 4, 5].filter((g) => {
      const text = entry.attributes[`grade${g}`];
      return text !== null && text !== undefined && text !== '' && text !== '-';
    });
    byTerm.set(term, { code: entry.key, term, grades });
  }
  const costs = new Map(definition.unitCosts.map((u) => [u.item_code, u]));
  return {
    ctcae(term) {
      const found = byTerm.get(term);
      if (!found) throw new Error(`CTCAE v5.0 term not in the study's list: ${term}`);
      return found;
    },
    defaultUnitCost: (item) => costs.get(item)?.default_unit_cost_eur ?? null,
    unitOf(item) {
      const unit = costs.get(item)?.unit;
      if (!unit) throw new Error(`unit-cost item not in the study's table: ${item}`);
      return unit;
    },
    vialMg: numberParam(definition, 'vial_mg_deliverable', 0.9),
    vialSharing: numberParam(definition, 'vial_sharing', 0) === 1,
  };
}

let builtIn: StudyCatalog | undefined;

/** The catalog of the built-in ino-all-it study. */
export function inoAllItCatalog(): StudyCatalog {
  builtIn ??= buildCatalog(loadBuiltInStudy('ino-all-it').definition);
  return builtIn;
}
