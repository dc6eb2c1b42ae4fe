// Stable error codes, grouped by domain; their messages live in the catalogue (src/shared/i18n/*/errors.json),
// filled from the error's details. Never put secrets in details.

import { CATALOGUE, translate, type MessageKey } from '../i18n/catalogue';
import type { Lang } from '../study/localized';

/** Every error code: the dotted paths of the catalogue's `errors` namespace, e.g. 'auth.locked'. */
export type ErrorCode = MessageKey<(typeof CATALOGUE)['en']['errors']>;

/** Exit status of the CLI per error domain (documented in the README). */
export const EXIT_CODES: Readonly<Record<string, number>> = {
  internal: 1,
  input: 2,
  auth: 3,
  role: 4,
  form: 5,
  subject: 6,
  user: 6,
  study: 7,
  store: 8,
  audit: 9,
  bundle: 10,
  merge: 11,
  upload: 12,
  export: 13,
};

export function exitCodeOf(code: string): number {
  const domain = code.split('.')[0] ?? '';
  return Object.hasOwn(EXIT_CODES, domain) ? EXIT_CODES[domain]! : 1;
}

/** A text in both languages, for details that come from the study definition (a check's message, say). */
export interface LocalizedDetail {
  readonly it: string;
  readonly en: string;
}

/** Details fill the message's placeholders; language-neutral, or in both languages: never one language's text. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null | readonly (string | LocalizedDetail)[] | LocalizedDetail>>;

export function formatMessage(code: string, details: ErrorDetails, lang: Lang): string {
  return translate(lang, 'errors', code, details);
}
