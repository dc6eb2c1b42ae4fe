// The CLI's texts: the catalogue's `cli` namespace, in the user's language (EDC_LANG, else LC_ALL or LANG).

import { CATALOGUE, translate, translateBoth, type MessageKey, type MessageParams } from '../shared/i18n/catalogue';
import type { LocalizedDetail } from '../shared/errors/codes';
import { langOf, type CliIo } from './io';

/** Every key of the `cli` namespace, e.g. 'site.created'. */
export type CliKey = MessageKey<(typeof CATALOGUE)['en']['cli']>;

/** A CLI text in the user's language, its {{placeholders}} filled from params. */
export type CliText = (key: CliKey, params?: MessageParams) => string;

export function cliText(io: CliIo): CliText {
  const lang = langOf(io);
  return (key, params = {}) => translate(lang, 'cli', key, params);
}

/** A CLI text in both languages, for the details of an error (its message is filled in the reader's language). */
export function cliDetail(key: CliKey, params: MessageParams = {}): LocalizedDetail {
  return translateBoth('cli', key, params);
}
