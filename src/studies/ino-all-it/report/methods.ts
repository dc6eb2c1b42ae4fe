// The notes on methods of the ino-all-it sections (estimators, intervals, populations, censoring rules per crf-spec §4).

import type { MethodsNote } from '../../../core/modules/report';
import type { Lang } from '../../../shared/study/localized';
import { t } from './labels';

const NOTES = ['populations', 'derived', 'censoring', 'km', 'response', 'ae', 'sos', 'costs'] as const;

export function methodsNotes(lang: Lang): MethodsNote[] {
  return NOTES.map((key) => ({ title: t(lang, `methods.${key}.title`), text: t(lang, `methods.${key}.text`) }));
}
