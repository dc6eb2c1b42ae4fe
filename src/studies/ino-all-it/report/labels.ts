// Labels of the ino-all-it report sections in the report's language (the module's texts, else the report namespace).

import type { Lang } from '../../../shared/study/localized';
import { inoText } from '../messages';
import type { GroupId } from './types';

export const t = inoText;

export function groupLabel(lang: Lang, group: GroupId): string {
  return inoText(lang, `g_${group}`);
}
