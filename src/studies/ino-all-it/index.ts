// The ino-all-it study module: its derived endpoints (crf-spec §4), its report sections and its synthetic patients.

import type { StudyModule } from '../../core/modules/study-module';
import { inoAllItAnalysis } from './analysis';
import { inoAllItReport } from './report';
import { inoAllItSynthetic } from './synthetic';

export const inoAllIt: StudyModule = {
  studyId: 'ino-all-it',
  analysis: inoAllItAnalysis,
  report: inoAllItReport,
  synthetic: inoAllItSynthetic,
};
