// The records inside a bundle's NDJSON payloads, one JSON object per line, parsed strictly at merge.

import { z } from 'zod';

const Text = (max: number) => z.string().max(max);
const NullableText = (max: number) => z.string().max(max).nullable();

export const SubjectRecord = z.strictObject({
  id: z.string().regex(/^[A-Z0-9]{2,6}-[0-9]{4}$/),
  site_id: z.string().regex(/^[A-Z0-9]{2,6}$/),
  seq: z.number().int().min(1).max(9999),
  created_at: Text(40),
  created_by: Text(64),
});
export type SubjectRecord = z.infer<typeof SubjectRecord>;

export const FormInstanceRecord = z.strictObject({
  site_id: z.string().regex(/^[A-Z0-9]{2,6}$/),
  subject_id: z.string().regex(/^[A-Z0-9]{2,6}-[0-9]{4}$/),
  form_key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  instance_no: z.number().int().min(1).max(100_000),
  data: z.record(z.string().max(64), z.unknown()),
  def_version: Text(20),
  status: z.enum(['draft', 'complete', 'signed', 'locked']),
  version: z.number().int().min(1),
  completed_once: z.union([z.literal(0), z.literal(1)]),
  overrides: z.record(z.string().max(64), z.strictObject({ reason: Text(500), by: Text(64), at: Text(40) })),
  created_at: Text(40),
  created_by: Text(64),
  updated_at: Text(40),
  updated_by: Text(64),
  signed_by: NullableText(64),
  signed_at: NullableText(40),
  sign_meaning: NullableText(2000),
  locked_by: NullableText(64),
  locked_at: NullableText(40),
  /** Values calculated on the device (the exact age needs the site-only birth date). */
  calcs: z.record(z.string().max(64), z.unknown()),
});
export type FormInstanceRecord = z.infer<typeof FormInstanceRecord>;

export const AuditRecord = z.strictObject({
  id: z.number().int().min(1),
  at: Text(40),
  user: Text(64),
  action: Text(60),
  subject_id: NullableText(20),
  form_key: NullableText(40),
  instance_no: z.number().int().nullable(),
  field: NullableText(64),
  old_value: NullableText(1_000_000),
  new_value: NullableText(1_000_000),
  reason: NullableText(2000),
  details: NullableText(100_000),
  prev_hash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditRecord = z.infer<typeof AuditRecord>;

const HASH = /^[0-9a-f]{64}$/;
const AUDIT_KEYS = ['id', 'at', 'user', 'action', 'subject_id', 'form_key', 'instance_no', 'field', 'old_value', 'new_value', 'reason', 'details', 'prev_hash', 'hash'] as const;
const AUDIT_TEXT: readonly (readonly [key: string, max: number, nullable: boolean])[] = [
  ['at', 40, false], ['user', 64, false], ['action', 60, false], ['subject_id', 20, true], ['form_key', 40, true], ['field', 64, true],
  ['old_value', 1_000_000, true], ['new_value', 1_000_000, true], ['reason', 2000, true], ['details', 100_000, true],
];

/**
 * The same rules as `AuditRecord`, checked without building zod's result objects: a bundle carries
 * hundreds of thousands of audit entries. Anything it refuses is parsed by the zod schema for the message.
 */
export function isAuditRecord(value: unknown): value is AuditRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  // Plain loops over constant tables: this runs once per audit entry, so nothing is allocated per call.
  let own = 0;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    own += 1;
  }
  if (own !== AUDIT_KEYS.length) return false;
  for (const key of AUDIT_KEYS) if (!Object.hasOwn(record, key)) return false;
  if (!Number.isSafeInteger(record.id) || (record.id as number) < 1) return false;
  if (record.instance_no !== null && !Number.isSafeInteger(record.instance_no)) return false;
  for (const [key, max, nullable] of AUDIT_TEXT) {
    const v = record[key];
    if (v === null ? !nullable : typeof v !== 'string' || v.length > max) return false;
  }
  return typeof record.prev_hash === 'string' && HASH.test(record.prev_hash) && typeof record.hash === 'string' && HASH.test(record.hash);
}

/** A query event made at the site (an answer), in query_events.ndjson: the centre merges it by its id. */
export const QueryEventRecord = z.strictObject({
  id: z.string().regex(/^[0-9a-f-]{36}$/),
  query_id: z.string().regex(/^Q-[0-9A-F]{12}$/),
  seq: z.number().int().min(0).max(100_000),
  kind: z.literal('answer'),
  text: Text(2000),
  by: Text(64),
  at: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
  origin: z.literal('site'),
});
export type QueryEventRecord = z.infer<typeof QueryEventRecord>;
