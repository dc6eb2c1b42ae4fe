// ANALYSIS_COLUMNS: the codebook of analysis.csv (one row per subject), in column order; deriveSubject emits exactly these keys.

import { BASE_COLUMNS } from './columns-base';
import { COST_COLUMNS } from './columns-costs';
import { OUTCOME_COLUMNS } from './columns-outcomes';
import type { AnalysisColumn } from '../../../core/modules/analysis';

export const ANALYSIS_COLUMNS: readonly AnalysisColumn[] = [...BASE_COLUMNS, ...OUTCOME_COLUMNS, ...COST_COLUMNS];

export const ANALYSIS_COLUMN_NAMES: readonly string[] = ANALYSIS_COLUMNS.map((c) => c.name);
