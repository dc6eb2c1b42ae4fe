// The typed error of every failed API call: the stable code, its message in the user's language and its details.

import { AppError, toErrorPayload } from '../../shared/errors/app-error';
import { ErrorDetailsSchema, formatMessage, isErrorCode, type ErrorCode, type ErrorDetails } from '../../shared/errors/codes';
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
  /** Code and details when the catalogue can word the message itself (a code it knows, details of its shape). */
  private readonly known: { readonly code: ErrorCode; readonly details: ErrorDetails } | undefined;

  constructor(body: ErrorBody) {
    super(body.message || body.code);
    this.name = 'ApiError';
    this.code = body.code;
    this.messages = body.messages;
    this.details = body.details;
    const details = ErrorDetailsSchema.safeParse(body.details);
    this.known = isErrorCode(body.code) && details.success ? { code: body.code, details: details.data } : undefined;
  }

  /** The message from the app's catalogue; the sender's wording only for a code or details it does not know. */
  messageIn(lang: Lang): string {
    if (this.known) return formatMessage(this.known.code, this.known.details, lang);
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

/** An error the client raises itself (the service cannot be reached, an answer of the wrong shape), worded by the catalogue. */
export function clientError(code: ErrorCode, details: ErrorDetails = {}): ApiError {
  return new ApiError(toErrorPayload(new AppError(code, details)));
}

/** The session is gone on the server: the UI locks and asks for the password again. */
export const SESSION_LOST_CODES: readonly string[] = ['auth.notLoggedIn', 'auth.sessionLocked'];

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Any thrown value as an ApiError, so screens have one kind of error to show. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return clientError('internal.client', { detail: error instanceof Error ? error.message : String(error) });
}
