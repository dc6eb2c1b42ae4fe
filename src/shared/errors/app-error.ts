// The one error type that crosses boundaries: a stable code, details for the message, no stack or SQL.

import { formatMessage, type ErrorCode, type ErrorDetails } from './codes';
import type { Lang } from '../study/localized';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details: ErrorDetails = {},
  ) {
    super(formatMessage(code, details, 'en'));
    this.name = 'AppError';
  }

  messageIn(lang: Lang): string {
    return formatMessage(this.code, this.details, lang);
  }
}

/** The wire shape of an error: code and the user's-language message, plus details for the UI. */
export interface ErrorPayload {
  readonly code: string;
  readonly message: string;
  readonly messages: { readonly it: string; readonly en: string };
  readonly details: ErrorDetails;
}

export function toErrorPayload(error: AppError): ErrorPayload {
  return {
    code: error.code,
    message: error.messageIn('en'),
    messages: { it: error.messageIn('it'), en: error.messageIn('en') },
    details: error.details,
  };
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
