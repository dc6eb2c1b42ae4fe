// The ino-all-it analysis dataset (analysis.csv): the derived endpoints of crf-spec §4, one row per subject, and
// the analysis population (eligible subjects with ≥ 1 inotuzumab dose).

import type { AnalysisRow, StudyAnalysis } from '../../../core/modules/analysis';
import { inoText } from '../messages';
import { ANALYSIS_COLUMNS } from './columns';
import { analysisContext } from './context';
import { deriveSubject } from './derive-subject';

export { ANALYSIS_COLUMN_NAMES, ANALYSIS_COLUMNS } from './columns';
export { analysisContext } from './context';
export { deriveSubject } from './derive-subject';
export { CTCAE_SOCS, socColumn } from './soc';
export type { Soc } from './soc';
export type { AnalysisContext, InoParams, PriceIndex } from './types';

/** "Rates use all eligible patients with ≥1 dose as denominator" (crf-spec §4). */
export const inAnalysisPopulation = (row: AnalysisRow): boolean => row.eligible === 1 && row.treated === 1;

export const inoAllItAnalysis: StudyAnalysis = {
  columns: () => ANALYSIS_COLUMNS,
  deriver(study, params) {
    const ctx = analysisContext(study.definition, params);
    return (subject) => deriveSubject(subject, ctx);
  },
  population: { label: (lang) => inoText(lang, 'population'), includes: inAnalysisPopulation },
};
