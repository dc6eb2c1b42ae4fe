// Queries of the central store: the site registry, merged bundles, quarantine, and replacing a site's
// snapshot (subjects, form instances, audit trail) as one unit.

import { sql, type Kysely } from 'kysely';
import type { Sqlite } from '../open-store';
import type { Database, FormInstanceRow, MergedBundleRow, QuarantineRow, SiteAuditRow, SiteRow, SubjectRow } from '../schema/tables';

export async function findSite(db: Kysely<Database>, siteId: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('site_id', '=', siteId).executeTakeFirst();
}

export async function listSites(db: Kysely<Database>): Promise<SiteRow[]> {
  return db.selectFrom('sites').selectAll().orderBy('site_id').execute();
}

export async function insertSite(db: Kysely<Database>, row: SiteRow): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

export async function lastMergedBundle(db: Kysely<Database>, siteId: string): Promise<MergedBundleRow | undefined> {
  return db.selectFrom('merged_bundles').selectAll().where('site_id', '=', siteId).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
}

export async function insertMergedBundle(db: Kysely<Database>, row: Omit<MergedBundleRow, 'id'>): Promise<void> {
  await db.insertInto('merged_bundles').values(row).execute();
}

export async function instanceVersionsOfSite(db: Kysely<Database>, siteId: string): Promise<Map<string, { version: number; data: string }>> {
  const rows = await db.selectFrom('form_instances').select(['subject_id', 'form_key', 'instance_no', 'version', 'data']).where('site_id', '=', siteId).execute();
  return new Map(rows.map((r) => [`${r.subject_id}|${r.form_key}|${r.instance_no}`, { version: r.version, data: r.data }]));
}

/** Removes everything a site's previous snapshot held (inside the merge transaction). */
export async function deleteSiteSnapshot(db: Kysely<Database>, siteId: string): Promise<void> {
  await db.deleteFrom('form_instances').where('site_id', '=', siteId).execute();
  await db.deleteFrom('subjects').where('site_id', '=', siteId).execute();
  await db.deleteFrom('site_audit').where('site_id', '=', siteId).execute();
  await db.deleteFrom('quarantine').where('site_id', '=', siteId).execute();
}

/**
 * Bulk inserts of a merge go straight to prepared statements on the connection that holds the merge
 * transaction: building hundreds of thousands of rows through the query builder costs more than the
 * inserts themselves. Callers must be inside that transaction.
 */
export interface BulkInserter {
  subjects(rows: readonly SubjectRow[]): void;
  formInstances(rows: readonly Omit<FormInstanceRow, 'id'>[]): void;
  /** A site's audit entries as received (the site is the same for all of them). */
  siteAudit(siteId: string, rows: readonly Omit<SiteAuditRow, 'site_id'>[]): void;
  quarantine(rows: readonly Omit<QuarantineRow, 'id'>[]): void;
}

export function bulkInserter(sqlite: Sqlite): BulkInserter {
  // Positional parameters: binding from arrays is markedly cheaper than from named objects.
  const subject = sqlite.prepare('INSERT INTO subjects (id, site_id, seq, created_at, created_by) VALUES (?, ?, ?, ?, ?)');
  const instance = sqlite.prepare(
    `INSERT INTO form_instances (site_id, subject_id, form_key, instance_no, data, def_version, status, version, completed_once, overrides, created_at, created_by, updated_at, updated_by,
       signed_by, signed_at, sign_meaning, locked_by, locked_at, n_missing, n_hard, n_soft, calcs, failed_checks, missing_fields)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const audit = sqlite.prepare(
    `INSERT INTO site_audit (site_id, id, at, user, action, subject_id, form_key, instance_no, field, old_value, new_value, reason, details, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const quarantine = sqlite.prepare('INSERT INTO quarantine (site_id, sequence, kind, record_key, reasons, record) VALUES (?, ?, ?, ?, ?, ?)');
  return {
    subjects: (rows) => rows.forEach((r) => subject.run(r.id, r.site_id, r.seq, r.created_at, r.created_by)),
    formInstances: (rows) =>
      rows.forEach((r) =>
        instance.run(
          r.site_id, r.subject_id, r.form_key, r.instance_no, r.data, r.def_version, r.status, r.version, r.completed_once, r.overrides, r.created_at, r.created_by, r.updated_at, r.updated_by,
          r.signed_by, r.signed_at, r.sign_meaning, r.locked_by, r.locked_at, r.n_missing, r.n_hard, r.n_soft, r.calcs, r.failed_checks, r.missing_fields,
        ),
      ),
    siteAudit: (siteId, rows) =>
      rows.forEach((r) => audit.run(siteId, r.id, r.at, r.user, r.action, r.subject_id, r.form_key, r.instance_no, r.field, r.old_value, r.new_value, r.reason, r.details, r.prev_hash, r.hash)),
    quarantine: (rows) => rows.forEach((r) => quarantine.run(r.site_id, r.sequence, r.kind, r.record_key, r.reasons, r.record)),
  };
}

export async function quarantineOfSite(db: Kysely<Database>, siteId?: string): Promise<QuarantineRow[]> {
  let q = db.selectFrom('quarantine').selectAll();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  return q.orderBy('site_id').orderBy('id').execute();
}

export async function countsBySite(db: Kysely<Database>): Promise<{ site_id: string; subjects: number; instances: number; quarantined: number; audit: number }[]> {
  const subjects = await db.selectFrom('subjects').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const instances = await db.selectFrom('form_instances').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const quarantine = await db.selectFrom('quarantine').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const audit = await db.selectFrom('site_audit').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const sites = await listSites(db);
  const of = (rows: { site_id: string; n: number }[], site: string): number => Number(rows.find((r) => r.site_id === site)?.n ?? 0);
  return sites.map((s) => ({ site_id: s.site_id, subjects: of(subjects, s.site_id), instances: of(instances, s.site_id), quarantined: of(quarantine, s.site_id), audit: of(audit, s.site_id) }));
}

export async function listMergedBundles(db: Kysely<Database>): Promise<MergedBundleRow[]> {
  return db.selectFrom('merged_bundles').selectAll().orderBy('site_id').orderBy('sequence').execute();
}

export function streamSiteAudit(db: Kysely<Database>, siteId: string): AsyncIterableIterator<SiteAuditRow> {
  return db.selectFrom('site_audit').selectAll().where('site_id', '=', siteId).orderBy('id').stream(2000);
}

/** The subject list's progress rows for a site just merged (check results are not evaluated at merge). */
export async function refreshSiteSubjectStatus(db: Kysely<Database>, siteId: string, at: string): Promise<void> {
  await sql`
    INSERT INTO subject_status (subject_id, instances, complete, signed, locked, failed_hard, failed_soft, missing_items, updated_at)
    SELECT s.id, count(fi.id),
           coalesce(sum(fi.status <> 'draft'), 0),
           coalesce(sum(fi.status IN ('signed', 'locked')), 0),
           coalesce(sum(fi.status = 'locked'), 0),
           0, 0, 0, ${at}
    FROM subjects s LEFT JOIN form_instances fi ON fi.subject_id = s.id
    WHERE s.site_id = ${siteId}
    GROUP BY s.id`.execute(db);
}
