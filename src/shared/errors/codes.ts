// Stable error codes, grouped by domain; their messages live in the catalogue (src/shared/i18n/*/errors.json),
// filled from the error's details. Never put secrets in details.

import { z } from 'zod';
import { CATALOGUE, hasMessage, translate, translateBoth, type MessageKey, type MessageParams } from '../i18n/catalogue';
import type { Lang } from '../study/localized';

type ErrorTree = (typeof CATALOGUE)['en']['errors'];

/**
 * Every error code: the dotted paths of the catalogue's `errors` namespace, e.g. 'auth.locked', except its
 * `terms`, which are words messages are composed with (the actions a role may not take), not errors.
 */
export type ErrorCode = MessageKey<Omit<ErrorTree, 'terms'>>;

/** A term of the `errors` namespace, e.g. 'terms.actions.form.sign'. */
export type ErrorTerm = `terms.${MessageKey<ErrorTree['terms']>}`;

/** What exactly is wrong, for an error's details: 'notJsonFile' → "not a JSON file" / "non è un file JSON". */
export type ProblemKey = MessageKey<ErrorTree['terms']['problems']>;

export function problemDetail(key: ProblemKey, params: MessageParams = {}): LocalizedDetail {
  return translateBoth('errors', `terms.problems.${key}`, params);
}

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
  return: 14,
  lock: 15,
  query: 16,
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

const LocalizedDetailSchema = z.strictObject({ it: z.string(), en: z.string() });

/** The details of an error that arrived from elsewhere (the renderer reads them from the wire). */
export const ErrorDetailsSchema: z.ZodType<ErrorDetails> = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null(), LocalizedDetailSchema, z.array(z.union([z.string(), LocalizedDetailSchema]))]),
);

/** Whether a code read from elsewhere is one of ours (a code of the catalogue, not one of its terms). */
export function isErrorCode(code: string): code is ErrorCode {
  return !code.startsWith('terms.') && hasMessage(CATALOGUE.en.errors, code);
}

export function formatMessage(code: string, details: ErrorDetails, lang: Lang): string {
  return translate(lang, 'errors', code, details);
}
