// The typed error of every failed API call: the stable code, the bilingual message and its details.

import type { Lang } from '../../shared/study/localized';

export interface ErrorBody {
  readonly code: string;
  readonly message: string;
  readonly messages: { readonly it: string; readonly en: string };
  readonly details: Readonly<Record<string, unknown>>;
}

export class ApiError extends Error {
  readonly code: string;
  readonly messages: { readonly it: string; readonly en: string };
  readonly details: Readonly<Record<string, unknown>>;

  constructor(body: ErrorBody) {
    super(body.message || body.code);
    this.name = 'ApiError';
    this.code = body.code;
    this.messages = body.messages;
    this.details = body.details;
  }

  messageIn(lang: Lang): string {
    return this.messages[lang] || this.message;
  }

  /** A number in the details (seconds of a lockout, attempts left …), if present. */
  numberDetail(name: string): number | undefined {
    const value = this.details[name];
    return typeof value === 'number' ? value : undefined;
  }

  /** A list of strings in the details (field names, check ids …). */
  listDetail(name: string): string[] {
    const value = this.details[name];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }
}

/** The session is gone on the server: the UI locks and asks for the password again. */
export const SESSION_LOST_CODES: readonly string[] = ['auth.notLoggedIn', 'auth.sessionLocked'];

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Any thrown value as an ApiError, so screens have one kind of error to show. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const text = error instanceof Error ? error.message : String(error);
  return new ApiError({ code: 'internal.client', message: text, messages: { it: `Errore: ${text}`, en: `Error: ${text}` }, details: {} });
}
