// Encoding and decoding of the JSON text columns: the one place a column's JSON is parsed or written.

const EMPTY: Readonly<Record<string, never>> = Object.freeze({});

export function decodeJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

/**
 * A JSON object column read as read-only; `{}` (most override columns) decodes without parsing, to one
 * shared frozen object.
 */
export function decodeReadonly<T extends object>(text: string): Readonly<T> {
  return text === '{}' ? (EMPTY as Readonly<T>) : (JSON.parse(text) as Readonly<T>);
}

export function decodeNullableReadonly<T extends object>(text: string | null): Readonly<T> | null {
  return text === null ? null : decodeReadonly<T>(text);
}

export function encodeJson(value: unknown): string {
  return JSON.stringify(value);
}
