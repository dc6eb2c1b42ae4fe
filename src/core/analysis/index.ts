// The analysis dataset (analysis.csv) of any study: the study module's derivation, or the generic one.

import type { StudyAnalysis } from '../modules/analysis';
import type { StudyModule } from '../modules/study-module';
import { genericAnalysis } from './generic-analysis';

export { analysisRows } from './analysis-rows';
export { genericAnalysis } from './generic-analysis';

/** The analysis a study uses: its module's, else the generic dataset. */
export function analysisOf(module: StudyModule | undefined): StudyAnalysis {
  return module?.analysis ?? genericAnalysis;
}
