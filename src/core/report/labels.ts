// The generic report's texts: the catalogue's `report` namespace in the report's language.

import { translate, type MessageParams } from '../../shared/i18n/catalogue';
import type { Lang } from '../../shared/study/localized';

export function reportText(lang: Lang, key: string, params: MessageParams = {}): string {
  return translate(lang, 'report', key, params);
}
