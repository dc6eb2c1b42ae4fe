// Streaming reads of a store's pseudonymised records for bundles and exports (never the identification log).
// While a stream is open its connection is busy: consumers read everything else they need first.

import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { AuditEntry, AuditSource, SubjectAuditEntry } from '../domain/audit';
import type { FormInstance } from '../domain/form-instance';
import type { Subject } from '../domain/subject';
import { handleOf, isPostgres, kyselyOf, type Db, type Sqlite } from '../handle';
import { INSTANCE_COLUMNS, toFormInstance, toFormInstanceFromValues } from '../mappers/form-instance.mapper';
import { toSubject } from '../mappers/subject.mapper';
import type { ContentDigest } from './content-digest.repository';

export type { AuditSource, SubjectAuditEntry } from '../domain/audit';

export async function* streamSubjects(db: Db, siteId?: string): AsyncGenerator<Subject> {
  let q = kyselyOf(db).selectFrom('subjects').selectAll();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  for await (const row of q.orderBy('id').stream(500)) yield toSubject(row);
}

/** Instances in subject, form, instance order. */
export async function* streamFormInstances(db: Db, siteId?: string): AsyncGenerator<FormInstance> {
  let q = kyselyOf(db).selectFrom('form_instances').select(INSTANCE_COLUMNS);
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  for await (const row of q.orderBy('subject_id').orderBy('form_key').orderBy('instance_no').stream(500)) yield toFormInstance(row);
}

const rangeStatements = new WeakMap<Sqlite, Statement<[string, string], unknown[]>>();

/**
 * The form instances of the subjects whose ids lie between `first` and `last`, in the order of
 * `streamFormInstances`. On SQLite synchronous underneath, straight on the connection, so only for a read snapshot's handle
 * (`inReadSnapshot`), which nothing else uses: the CSV export reads with it, range by range. Rows come
 * raw (arrays) and become instances directly, which is about half the cost of better-sqlite3's objects.
 * `digest`: hashes each row's stored text as it is read (the report's content digest, without a pass of its own).
 */
export async function formInstancesOfSubjects(snapshot: Db, first: string, last: string, digest?: ContentDigest): Promise<FormInstance[]> {
  const handle = handleOf(snapshot);
  if (isPostgres(handle)) {
    // The snapshot's own client; the text columns sort by code point there too (COLLATE "C").
    const rows = await handle.kysely.selectFrom('form_instances').select(INSTANCE_COLUMNS).where('subject_id', '>=', first).where('subject_id', '<=', last).orderBy('subject_id').orderBy('form_key').orderBy('instance_no').execute();
    if (digest) for (const row of rows) digest.instance(row);
    return rows.map(toFormInstance);
  }
  const { sqlite } = handle;
  let statement = rangeStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare<[string, string], unknown[]>(`SELECT ${INSTANCE_COLUMNS.join(', ')} FROM form_instances WHERE subject_id BETWEEN ? AND ? ORDER BY subject_id, form_key, instance_no`);
    statement.raw(true);
    rangeStatements.set(sqlite, statement);
  }
  const rows = statement.all(first, last);
  if (digest) for (const row of rows) digest.instanceValues(row);
  return rows.map(toFormInstanceFromValues);
}

export function streamAudit(db: Db): AsyncIterableIterator<AuditEntry> {
  return kyselyOf(db).selectFrom('audit').selectAll().orderBy('id').stream(2000);
}

const SUBJECT_AUDIT_COLUMNS = ['id', 'at', 'user', 'action', 'subject_id', 'form_key', 'instance_no', 'field', 'reason'] as const;

/** Entries of the given actions that name a subject, ordered by subject id (as `streamSubjects`) then entry id. */
export function streamSubjectAudit(db: Db, source: AuditSource, actions: readonly string[]): AsyncIterableIterator<SubjectAuditEntry> {
  const k = kyselyOf(db);
  if (source.table === 'audit') {
    return k
      .selectFrom('audit')
      .select(SUBJECT_AUDIT_COLUMNS)
      .where('subject_id', 'is not', null)
      .where('action', 'in', actions)
      .$narrowType<{ subject_id: string }>()
      .orderBy('subject_id')
      .orderBy('id')
      .stream(2000);
  }
  let q = k.selectFrom('site_audit').select(SUBJECT_AUDIT_COLUMNS).where('subject_id', 'is not', null).where('action', 'in', actions);
  if (source.siteId !== undefined) q = q.where('site_id', '=', source.siteId);
  return q.$narrowType<{ subject_id: string }>().orderBy('subject_id').orderBy('id').stream(2000);
}

const auditRangeStatements = new WeakMap<Sqlite, Map<string, Statement<unknown[], unknown[]>>>();

/**
 * What `streamSubjectAudit` yields for the subjects whose ids lie after `after` (or from the first, when null) up
 * to `last`, in the same order. On SQLite straight on the connection, so only for a read snapshot's handle
 * (`inReadSnapshot`); rows come raw (arrays), which costs about half as much as better-sqlite3's objects.
 */
export async function subjectAuditOfSubjects(snapshot: Db, source: AuditSource, actions: readonly string[], after: string | null, last: string): Promise<SubjectAuditEntry[]> {
  const handle = handleOf(snapshot);
  if (isPostgres(handle)) {
    let q = handle.kysely.selectFrom(source.table).select(SUBJECT_AUDIT_COLUMNS).where('subject_id', 'is not', null).where('subject_id', '<=', last).where('action', 'in', actions);
    if (after !== null) q = q.where('subject_id', '>', after);
    if (source.table === 'site_audit' && source.siteId !== undefined) q = q.where('site_id' as 'subject_id', '=', source.siteId);
    return (await q.orderBy('subject_id').orderBy('id').execute()) as SubjectAuditEntry[];
  }
  const { sqlite } = handle;
  let cache = auditRangeStatements.get(sqlite);
  if (!cache) {
    cache = new Map();
    auditRangeStatements.set(sqlite, cache);
  }
  const site = source.table === 'site_audit' && source.siteId !== undefined;
  const key = `${source.table}|${site}|${after === null}|${actions.length}`;
  let statement = cache.get(key);
  if (!statement) {
    const where = [site ? 'site_id = ?' : undefined, after === null ? 'subject_id <= ?' : 'subject_id > ? AND subject_id <= ?', `action IN (${actions.map(() => '?').join(', ')})`].filter((w) => w !== undefined);
    statement = sqlite.prepare<unknown[], unknown[]>(`SELECT ${SUBJECT_AUDIT_COLUMNS.join(', ')} FROM ${source.table} WHERE ${where.join(' AND ')} ORDER BY subject_id, id`);
    statement.raw(true);
    cache.set(key, statement);
  }
  const params: unknown[] = [...(site ? [(source as { siteId: string }).siteId] : []), ...(after === null ? [] : [after]), last, ...actions];
  return statement.all(...params).map((r) => ({ id: r[0], at: r[1], user: r[2], action: r[3], subject_id: r[4], form_key: r[5], instance_no: r[6], field: r[7], reason: r[8] }) as SubjectAuditEntry);
}

/** Signers recorded on form instances (also present in the audit trail; read in case it was not). */
export async function instanceSigners(db: Db, siteId?: string): Promise<{ siteId: string; user: string }[]> {
  let q = kyselyOf(db).selectFrom('form_instances').select(['site_id', 'signed_by']).distinct().where('signed_by', 'is not', null);
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  const rows = await q.$narrowType<{ signed_by: string }>().execute();
  return rows.map((r) => ({ siteId: r.site_id, user: r.signed_by }));
}
