// Streaming reads of a store's pseudonymised records for bundles and exports (never the identification log).

import type { Kysely } from 'kysely';
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

export function streamAudit(db: Kysely<Database>): AsyncIterableIterator<AuditRow> {
  return db.selectFrom('audit').selectAll().orderBy('id').stream(2000);
}
