// The merge's baseline on PostgreSQL: the same subject, form-instance and site-audit rows as the bundles
// hold, sent with raw `COPY … FROM STDIN` into the same tables (one transaction per bundle, as the merge).
// Decrypting and unpacking are not timed: only encoding the rows and the COPY itself.

import { readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { decryptWith } from '../src/core/crypto/age';
import { RECEIVED_INSTANCE_COLUMNS, SITE_AUDIT_COLUMNS, SUBJECT_COLUMNS } from '../src/db/mappers/bundle-record.mapper';
import { untarNdjson } from './exchange.bench';
import { nowMs } from './measure';

type Row = Record<string, unknown>;

/** A value in COPY's text format: \N for null, backslash escapes for the characters the format reserves. */
function field(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value as number);
  return /[\\\n\r\t]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') : text;
}

const line = (values: readonly unknown[]): string => `${values.map(field).join('\t')}\n`;

/** Lines joined into chunks of about 1 MiB: one write per line would measure the stream, not COPY. */
function* chunks(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const l of lines) {
    chunk += l;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

async function copy(client: Client, table: string, columns: string, lines: Iterable<string>): Promise<void> {
  const quoted = columns.split(',').map((c) => `"${c.trim()}"`).join(', ');
  await pipeline(Readable.from(chunks(lines)), client.query(copyFrom(`COPY ${table} (${quoted}) FROM STDIN`)));
}

function* subjectLines(rows: readonly Row[]): Generator<string> {
  for (const s of rows) yield line([s.id, s.site_id, s.seq, s.created_at, s.created_by]);
}

function* instanceLines(rows: readonly Row[]): Generator<string> {
  // The columns the merge writes (bundle-record.mapper.ts): results not evaluated yet.
  for (const r of rows) {
    yield line([r.site_id, r.subject_id, r.form_key, r.instance_no, r.data, r.def_version, r.status, r.version, r.completed_once, r.overrides, r.created_at, r.created_by, r.updated_at, r.updated_by, r.signed_by, r.signed_at, r.sign_meaning, r.locked_by, r.locked_at, 0, 0, 0, r.calcs, null, null]);
  }
}

function* auditLines(site: string, rows: readonly Row[]): Generator<string> {
  for (const a of rows) yield line([site, a.id, a.at, a.user, a.action, a.subject_id, a.form_key, a.instance_no, a.field, a.old_value, a.new_value, a.reason, a.details, a.prev_hash, a.hash]);
}

/** COPYs every bundle's rows through `client` (connected, into an empty central store); the time of the COPYs. */
export async function rawCopy(client: Client, bundles: readonly string[], identity: string): Promise<{ ms: number; instances: number }> {
  let ms = 0;
  let instances = 0;
  for (const file of bundles) {
    const p = await untarNdjson(gunzipSync(await decryptWith([identity], readFileSync(file))));
    const subjects = p.get('subjects.ndjson') ?? [];
    const rows = p.get('form_instances.ndjson') ?? [];
    const site = (subjects[0]?.site_id as string | undefined) ?? 'X';
    const t = nowMs();
    await client.query('BEGIN');
    await copy(client, 'subjects', SUBJECT_COLUMNS, subjectLines(subjects));
    await copy(client, 'form_instances', RECEIVED_INSTANCE_COLUMNS, instanceLines(rows));
    await copy(client, 'site_audit', SITE_AUDIT_COLUMNS, auditLines(site, p.get('audit.ndjson') ?? []));
    await client.query('COMMIT');
    ms += nowMs() - t;
    instances += rows.length;
  }
  return { ms, instances };
}
