// The missing-data reasons a field may carry instead of a value (crf-spec §2.0), with their labels.

import type { MissingReason } from '../../../shared/study/definition.schema';
import type { Localized } from '../../../shared/study/localized';

export const MISSING_REASON_LABELS: Readonly<Record<MissingReason, Localized>> = {
  ND: { en: 'Not done', it: 'Non eseguito' },
  NK: { en: 'Not known (not in source)', it: 'Non noto' },
  NA: { en: 'Not applicable', it: 'Non applicabile' },
};
