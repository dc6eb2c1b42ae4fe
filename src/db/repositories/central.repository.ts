// Queries of the central store: the site registry, merged bundles, quarantine, and replacing a site's
// snapshot (subjects, form instances, audit trail) as one unit.

import type { Kysely } from 'kysely';
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

export async function insertSubjects(db: Kysely<Database>, rows: readonly SubjectRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 150) await db.insertInto('subjects').values(rows.slice(i, i + 150)).execute();
}

export async function insertFormInstances(db: Kysely<Database>, rows: readonly Omit<FormInstanceRow, 'id'>[]): Promise<void> {
  // 26 columns per row: 35 rows stay under SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 35) await db.insertInto('form_instances').values(rows.slice(i, i + 35)).execute();
}

export async function insertSiteAudit(db: Kysely<Database>, rows: readonly SiteAuditRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 60) await db.insertInto('site_audit').values(rows.slice(i, i + 60)).execute();
}

export async function insertQuarantine(db: Kysely<Database>, rows: readonly Omit<QuarantineRow, 'id'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) await db.insertInto('quarantine').values(rows.slice(i, i + 100)).execute();
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
