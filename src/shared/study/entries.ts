// The stored shape of form data: one entry per field, a value or a missing-data reason (crf-spec §2.0).

import { z } from 'zod';
import { MissingReason } from './definition.schema';

export const MissingEntry = z.strictObject({ missing: MissingReason });
export type MissingEntry = z.infer<typeof MissingEntry>;

export const StoredEntry = z.union([
  z.string().max(10_000),
  z.number().finite(),
  z.array(z.string().max(100)).max(200),
  MissingEntry,
]);
export type StoredEntry = z.infer<typeof StoredEntry>;

export const FormData = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/).max(64), StoredEntry);
export type FormData = z.infer<typeof FormData>;

export function isMissing(entry: unknown): entry is MissingEntry {
  return typeof entry === 'object' && entry !== null && !Array.isArray(entry) && 'missing' in entry;
}

/** True when a field holds neither a value nor a missing-data reason. */
export function isEmptyEntry(entry: StoredEntry | undefined | null): boolean {
  return entry === undefined || entry === null || entry === '' || (Array.isArray(entry) && entry.length === 0);
}

/** Canonical text of an entry for the audit trail and change detection. */
export function entryText(entry: StoredEntry | undefined): string | null {
  if (isEmptyEntry(entry)) return null;
  if (isMissing(entry)) return `[${entry.missing}]`;
  if (Array.isArray(entry)) return [...entry].sort(compareCodes).join(',');
  return String(entry);
}

export function compareCodes(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
