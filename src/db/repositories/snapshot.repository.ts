// Streaming reads of a store's pseudonymised records for bundles and exports (never the identification log).

import type { Kysely } from 'kysely';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Sqlite } from '../open-store';
import type { AuditRow, Database, FormInstanceRow, SubjectRow } from '../schema/tables';

export function streamSubjects(db: Kysely<Database>, siteId?: string): AsyncIterableIterator<SubjectRow> {
  let q = db.selectFrom('subjects').selectAll();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  return q.orderBy('id').stream(500);
}

export function streamFormInstances(db: Kysely<Database>, siteId?: string): AsyncIterableIterator<FormInstanceRow> {
  let q = db.selectFrom('form_instances').selectAll();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  return q.orderBy('subject_id').orderBy('form_key').orderBy('instance_no').stream(500);
}

const rangeStatements = new WeakMap<Sqlite, { statement: Statement<[string, string], unknown[]>; columns: string[] }>();

/**
 * The form instances of the subjects whose ids lie between `first` and `last`, in the order of
 * `streamFormInstances`. Synchronous, on a plain connection: the CSV export reads with it, range by range.
 * Rows come raw and are made into objects here, which is about half the cost of better-sqlite3's objects.
 */
export function formInstancesOfSubjects(sqlite: Sqlite, first: string, last: string): FormInstanceRow[] {
  let prepared = rangeStatements.get(sqlite);
  if (!prepared) {
    const statement = sqlite.prepare<[string, string], unknown[]>('SELECT * FROM form_instances WHERE subject_id BETWEEN ? AND ? ORDER BY subject_id, form_key, instance_no');
    prepared = { statement, columns: statement.columns().map((c) => c.name) };
    statement.raw(true);
    rangeStatements.set(sqlite, prepared);
  }
  const { statement, columns } = prepared;
  return statement.all(first, last).map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i += 1) row[columns[i]!] = values[i];
    return row as unknown as FormInstanceRow;
  });
}

export function streamAudit(db: Kysely<Database>): AsyncIterableIterator<AuditRow> {
  return db.selectFrom('audit').selectAll().orderBy('id').stream(2000);
}

/** Where an export reads audit entries: a site store's own trail, or one merged site's trail at the centre. */
export type AuditSource = { readonly table: 'audit' } | { readonly table: 'site_audit'; readonly siteId?: string };

/** The columns of an audit entry that exports attach to subjects, form instances and items. */
export interface SubjectAuditRow {
  readonly id: number;
  readonly at: string;
  readonly user: string;
  readonly action: string;
  readonly subject_id: string;
  readonly form_key: string | null;
  readonly instance_no: number | null;
  readonly field: string | null;
  readonly reason: string | null;
}

const SUBJECT_AUDIT_COLUMNS = ['id', 'at', 'user', 'action', 'subject_id', 'form_key', 'instance_no', 'field', 'reason'] as const;

/** Entries of the given actions that name a subject, ordered by subject id (as `streamSubjects`) then entry id. */
export function streamSubjectAudit(db: Kysely<Database>, source: AuditSource, actions: readonly string[]): AsyncIterableIterator<SubjectAuditRow> {
  if (source.table === 'audit') {
    return db
      .selectFrom('audit')
      .select(SUBJECT_AUDIT_COLUMNS)
      .where('subject_id', 'is not', null)
      .where('action', 'in', actions)
      .$narrowType<{ subject_id: string }>()
      .orderBy('subject_id')
      .orderBy('id')
      .stream(2000);
  }
  let q = db.selectFrom('site_audit').select(SUBJECT_AUDIT_COLUMNS).where('subject_id', 'is not', null).where('action', 'in', actions);
  if (source.siteId !== undefined) q = q.where('site_id', '=', source.siteId);
  return q.$narrowType<{ subject_id: string }>().orderBy('subject_id').orderBy('id').stream(2000);
}

/** Every user who acted in an audit trail, once per site (site_id is null for a site store's own trail). */
export async function auditActors(db: Kysely<Database>, source: AuditSource): Promise<{ site_id: string | null; user: string }[]> {
  if (source.table === 'audit') {
    const rows = await db.selectFrom('audit').select('user').distinct().orderBy('user').execute();
    return rows.map((r) => ({ site_id: null, user: r.user }));
  }
  let q = db.selectFrom('site_audit').select(['site_id', 'user']).distinct();
  if (source.siteId !== undefined) q = q.where('site_id', '=', source.siteId);
  return q.orderBy('site_id').orderBy('user').execute();
}

/** Entries that describe users (added, role changed, signing with a display name), oldest first; one signature per signer. */
export async function auditUserFacts(
  db: Kysely<Database>,
  source: AuditSource,
): Promise<{ site_id: string | null; user: string; action: string; new_value: string | null; details: string | null }[]> {
  if (source.table === 'audit') {
    const managed = await db.selectFrom('audit').select(['user', 'action', 'new_value', 'details']).where('action', 'in', ['user.add', 'user.role']).orderBy('id').execute();
    const signers = await db
      .selectFrom('audit')
      .select(['user', (eb) => eb.fn.max('details').as('details')])
      .where('action', '=', 'form.sign')
      .groupBy('user')
      .execute();
    return [...managed, ...signers.map((s) => ({ ...s, action: 'form.sign', new_value: null }))].map((r) => ({ site_id: null, ...r }));
  }
  let managed = db.selectFrom('site_audit').select(['site_id', 'user', 'action', 'new_value', 'details']).where('action', 'in', ['user.add', 'user.role']);
  let signers = db
    .selectFrom('site_audit')
    .select(['site_id', 'user', (eb) => eb.fn.max('details').as('details')])
    .where('action', '=', 'form.sign');
  if (source.siteId !== undefined) {
    managed = managed.where('site_id', '=', source.siteId);
    signers = signers.where('site_id', '=', source.siteId);
  }
  const m = await managed.orderBy('site_id').orderBy('id').execute();
  const s = await signers.groupBy(['site_id', 'user']).execute();
  return [...m, ...s.map((r) => ({ ...r, action: 'form.sign', new_value: null }))];
}

/** Signers recorded on form instances (also present in the audit trail; read in case it was not). */
export async function instanceSigners(db: Kysely<Database>, siteId?: string): Promise<{ site_id: string; user: string }[]> {
  let q = db.selectFrom('form_instances').select(['site_id', 'signed_by']).distinct().where('signed_by', 'is not', null);
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  const rows = await q.$narrowType<{ signed_by: string }>().execute();
  return rows.map((r) => ({ site_id: r.site_id, user: r.signed_by }));
}
