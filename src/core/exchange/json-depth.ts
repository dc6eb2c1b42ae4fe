// How deeply a parsed JSON value nests, checked up to a bound: a received record nested thousands of
// levels deep would overflow the stack of every recursive step after parsing (JSON.stringify on the
// quarantine path, canonical JSON), so the reader refuses it first.

/** Levels a bundle record may nest (the record itself is one; its data, a value list and its items make three). */
export const MAX_RECORD_DEPTH = 16;

/** True when `value` nests more than `max` objects or arrays deep; never descends further than that. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (nestsDeeperThan(value[i], max - 1)) return true;
    return false;
  }
  // for…in allocates nothing per key: this runs once per record of a bundle.
  const record = value as Record<string, unknown>;
  for (const key in record) if (nestsDeeperThan(record[key], max - 1)) return true;
  return false;
}
