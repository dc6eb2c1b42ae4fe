// The typed API client derived from the contract: window.edc (Electron preload) when present, otherwise the
// loopback transport (POST /api/<channel> with the per-launch token). Errors arrive as ApiError.

import { BRIDGE_NAME } from '../../shared/contract/channels';
import type { ApiResult, Channel, InputOf, OutputOf } from '../../shared/contract/contract';
import { ApiError, clientError, SESSION_LOST_CODES, type ErrorBody } from './api-error';

type BridgeMethod = (input?: unknown) => Promise<unknown>;
export type Bridge = Readonly<Record<string, BridgeMethod | undefined>>;

export interface ApiClient {
  call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>>;
  /** True inside the desktop shell, where native dialogs exist. */
  readonly desktop: boolean;
  /** The desktop shell's folder picker; undefined in the browser transport. */
  chooseFolder(): Promise<string | null> | undefined;
  /** The desktop shell's file picker, offering `extensions` first; undefined in the browser transport. */
  chooseFile(extensions: readonly string[]): Promise<string | null> | undefined;
  /** Called whenever the server says the session is gone (logged out or locked after inactivity). */
  onSessionLost(listener: (code: string) => void): () => void;
}

export interface ClientOptions {
  readonly bridge?: Bridge | undefined;
  readonly token?: string | undefined;
  readonly fetchImpl?: typeof fetch;
  readonly baseUrl?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorBody(value: unknown): ErrorBody {
  const body = isRecord(value) ? value : {};
  const messages = isRecord(body.messages) ? body.messages : {};
  const message = typeof body.message === 'string' ? body.message : '';
  return {
    code: typeof body.code === 'string' ? body.code : 'internal.malformedResponse',
    message,
    messages: { it: typeof messages.it === 'string' ? messages.it : message, en: typeof messages.en === 'string' ? messages.en : message },
    details: isRecord(body.details) ? body.details : {},
  };
}

/** Narrows an untrusted envelope; a malformed one becomes an error, never a value. */
export function unwrapEnvelope<T>(raw: unknown): T {
  if (isRecord(raw) && raw.ok === true && 'value' in raw) return (raw as { value: T }).value;
  if (isRecord(raw) && raw.ok === false) throw new ApiError(errorBody(raw.error));
  throw clientError('internal.malformedResponse');
}

export function bridgeOf(win: Window): Bridge | undefined {
  const candidate = (win as unknown as Record<string, unknown>)[BRIDGE_NAME];
  return isRecord(candidate) ? (candidate as Bridge) : undefined;
}

export function createClient(options: ClientOptions): ApiClient {
  const listeners = new Set<(code: string) => void>();
  const fetchImpl = options.fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const base = options.baseUrl ?? '';

  async function transport(channel: string, input: unknown): Promise<unknown> {
    const method = options.bridge?.[channel];
    if (method) return method(input);
    const response = await fetchImpl(`${base}/api/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-edc-token': options.token ?? '' },
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
      credentials: 'omit',
    });
    return (await response.json()) as ApiResult<unknown>;
  }

  return {
    desktop: options.bridge !== undefined,
    async call<C extends Channel>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
      try {
        return unwrapEnvelope<OutputOf<C>>(await transport(channel, input));
      } catch (error) {
        if (error instanceof ApiError && SESSION_LOST_CODES.includes(error.code)) for (const l of listeners) l(error.code);
        if (error instanceof ApiError) throw error;
        throw clientError('internal.transport');
      }
    },
    chooseFolder() {
      const method = options.bridge?.['shell:chooseFolder'];
      return method ? method({}).then((raw) => unwrapEnvelope<string | null>(raw)) : undefined;
    },
    chooseFile(extensions) {
      const method = options.bridge?.['shell:chooseFile'];
      return method ? method({ extensions: [...extensions] }).then((raw) => unwrapEnvelope<string | null>(raw)) : undefined;
    },
    onSessionLost(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
