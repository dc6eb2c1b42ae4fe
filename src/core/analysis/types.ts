// Types of the analysis dataset: the derivation context, one derived row per subject, and the column codebook.

import type { UnitCost } from '../../shared/study/definition.schema';

export type AnalysisValue = number | string | null;
export type AnalysisRow = Readonly<Record<string, AnalysisValue>>;

export interface AnalysisParams {
  /** ISO date; null = no administrative censoring. */
  readonly data_cutoff: string | null;
  /** mg of inotuzumab deliverable from one vial (crf-spec §4, default 0.9). */
  readonly vial_mg_deliverable: number;
  /** 1 = vials shared between administrations (crf-spec §4); 0 or absent = no sharing. */
  readonly vial_sharing?: number;
}

/** Optional price-year adjustment (crf-spec §4 ru_cost_R); none by default. */
export interface PriceIndex {
  readonly referenceYear: number;
  /** Index value by year (e.g. ISTAT health CPI). */
  readonly index: Readonly<Record<number, number>>;
}

export interface AnalysisContext {
  readonly params: AnalysisParams;
  /** The study's unit-cost table (crf-spec §5), as in the definition. */
  readonly unitCosts: readonly UnitCost[];
  /** CTCAE v5.0 reference: MedDRA code (as text) → SOC name. */
  readonly ctcaeSoc: ReadonlyMap<string, string>;
  readonly priceIndex?: PriceIndex;
}

export type ColumnType = 'integer' | 'decimal' | 'date' | 'code' | 'text';

export interface ColumnCode {
  readonly code: string;
  readonly label: { readonly it: string; readonly en: string };
}

export interface AnalysisColumn {
  readonly name: string;
  readonly label: { readonly it: string; readonly en: string };
  readonly type: ColumnType;
  readonly unit?: string;
  /** For code columns: the codes the column holds (values are emitted as numbers). */
  readonly codes?: readonly ColumnCode[];
  /** One or two sentences citing crf-spec §4 and, for times, the censoring rule. */
  readonly derivation: string;
}
