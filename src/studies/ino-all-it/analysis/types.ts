// Types of the ino-all-it derivation: its parameters (crf-spec §4), the optional price index and the derivation context.

import type { UnitCost } from '../../../shared/study/definition.schema';

export interface InoParams {
  /** ISO date; null = no administrative censoring. */
  readonly data_cutoff: string | null;
  /** mg of inotuzumab deliverable from one vial (crf-spec §4, default 0.9). */
  readonly vial_mg_deliverable: number;
  /** 1 = vials shared between administrations (crf-spec §4); 0 or absent = no sharing. */
  readonly vial_sharing?: number;
  /** Decimals the BSA is rounded to before dividing doses per m² (study parameter bsa_dose_decimals); null = unrounded, as crf-spec §4. */
  readonly bsa_dose_decimals: number | null;
}

/** Optional price-year adjustment (crf-spec §4 ru_cost_R); none by default. */
export interface PriceIndex {
  readonly referenceYear: number;
  /** Index value by year (e.g. ISTAT health CPI). */
  readonly index: Readonly<Record<number, number>>;
}

export interface AnalysisContext {
  readonly params: InoParams;
  /** The study's unit-cost table (crf-spec §5), as in the definition. */
  readonly unitCosts: readonly UnitCost[];
  /** CTCAE v5.0 reference: MedDRA code (as text) → SOC name. */
  readonly ctcaeSoc: ReadonlyMap<string, string>;
  readonly priceIndex?: PriceIndex;
}
