// The texts of the ino-all-it module (its report sections, methods notes, population) in Italian and English, in
// the catalogue's format; texts every report shares come from the catalogue's `report` namespace.

import { hasMessage, translate, translateIn, type MessageParams, type MessageTree } from '../../shared/i18n/catalogue';
import type { Lang } from '../../shared/study/localized';
import en from './i18n/en.json';
import it from './i18n/it.json';

export const INO_MESSAGES: Readonly<Record<Lang, MessageTree>> = { en, it };

/** A text of the module, else of the report namespace (mean, median, site …), with {{name}} placeholders filled. */
export function inoText(lang: Lang, key: string, params: MessageParams = {}): string {
  const tree = INO_MESSAGES[lang];
  return hasMessage(tree, key) ? translateIn(tree, lang, key, params) : translate(lang, 'report', key, params);
}
