// The analysis part of a study module: one row per subject (analysis.csv), its codebook, and the population a
// study's rates are about. core/analysis has the generic dataset used when a study has none.

import type { CompiledStudy } from '../../shared/study/compile';
import type { Lang } from '../../shared/study/localized';
import type { DatasetSubject } from '../dataset/dataset';

export type AnalysisValue = number | string | null;
export type AnalysisRow = Readonly<Record<string, AnalysisValue>>;

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
  /** For code columns: the codes the column holds. */
  readonly codes?: readonly ColumnCode[];
  /** One or two sentences saying how the value is derived (for the codebook). */
  readonly derivation: string;
}

/** Parameters in force for one derivation: the definition's values, the store's site values, the caller's overrides. */
export type AnalysisParams = Readonly<Record<string, string | number | null>>;

/** One row per subject, with the parameters of one export or report fixed. */
export type SubjectDeriver = (subject: DatasetSubject) => AnalysisRow;

/** The subjects a study's rates and summaries are about (e.g. eligible and treated), told from their rows. */
export interface AnalysisPopulation {
  label(lang: Lang): string;
  includes(row: AnalysisRow): boolean;
}

/** What a study module gives for its analysis dataset: the codebook and the derivation of each row. */
export interface StudyAnalysis {
  /** The columns of analysis.csv in order; every derived row has exactly these keys. */
  columns(study: CompiledStudy): readonly AnalysisColumn[];
  deriver(study: CompiledStudy, params: AnalysisParams): SubjectDeriver;
  readonly population?: AnalysisPopulation;
}
