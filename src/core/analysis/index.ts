// Public API of the analysis dataset (analysis.csv): derived endpoints of crf-spec §4, one row per subject.

export { analysisRows } from './analysis-rows';
export { ANALYSIS_COLUMN_NAMES, ANALYSIS_COLUMNS } from './columns';
export { analysisContext } from './context';
export { deriveSubject } from './derive-subject';
export { CTCAE_SOCS, socColumn } from './soc';
export type { Soc } from './soc';
export type { AnalysisColumn, AnalysisContext, AnalysisParams, AnalysisRow, AnalysisValue, ColumnCode, ColumnType, PriceIndex } from './types';
