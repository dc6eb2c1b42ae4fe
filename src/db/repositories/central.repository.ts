// Queries of the central store: the site registry, merged bundles, quarantine and per-site counts.
// Replacing a site's snapshot is site-snapshot.writer.ts.

import { sql } from 'kysely';
import type { MergedBundle, QuarantinedRecord, Site, SiteCounts } from '../domain/exchange';
import { kyselyOf, type Db, type Tx } from '../handle';
import { mergedBundleRow, siteRow, toMergedBundle, toQuarantinedRecord, toSite } from '../mappers/exchange.mapper';

export async function findSite(db: Db, siteId: string): Promise<Site | undefined> {
  const row = await kyselyOf(db).selectFrom('sites').selectAll().where('site_id', '=', siteId).executeTakeFirst();
  return row ? toSite(row) : undefined;
}

export async function listSites(db: Db): Promise<Site[]> {
  const rows = await kyselyOf(db).selectFrom('sites').selectAll().orderBy('site_id').execute();
  return rows.map(toSite);
}

export async function insertSite(tx: Tx, site: Site): Promise<void> {
  await kyselyOf(tx).insertInto('sites').values(siteRow(site)).execute();
}

export async function lastMergedBundle(db: Db, siteId: string): Promise<MergedBundle | undefined> {
  const row = await kyselyOf(db).selectFrom('merged_bundles').selectAll().where('site_id', '=', siteId).orderBy('sequence', 'desc').limit(1).executeTakeFirst();
  return row ? toMergedBundle(row) : undefined;
}

/** The sequence numbers of a site's merged bundles, in order. */
export async function mergedSequences(db: Db, siteId: string): Promise<number[]> {
  const rows = await kyselyOf(db).selectFrom('merged_bundles').select('sequence').where('site_id', '=', siteId).orderBy('sequence').execute();
  return rows.map((r) => Number(r.sequence));
}

export async function insertMergedBundle(tx: Tx, bundle: MergedBundle): Promise<void> {
  await kyselyOf(tx).insertInto('merged_bundles').values(mergedBundleRow(bundle)).execute();
}

export async function listMergedBundles(db: Db): Promise<MergedBundle[]> {
  const rows = await kyselyOf(db).selectFrom('merged_bundles').selectAll().orderBy('site_id').orderBy('sequence').execute();
  return rows.map(toMergedBundle);
}

export async function quarantineOfSite(db: Db, siteId?: string): Promise<QuarantinedRecord[]> {
  let q = kyselyOf(db).selectFrom('quarantine').selectAll();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  const rows = await q.orderBy('site_id').orderBy('id').execute();
  return rows.map(toQuarantinedRecord);
}

/** Quarantined records per site and kind: counts only, never the records. */
export async function quarantineCountsBySite(db: Db): Promise<{ siteId: string; kind: string; records: number }[]> {
  const rows = await kyselyOf(db)
    .selectFrom('quarantine')
    .select(['site_id', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['site_id', 'kind'])
    .orderBy('site_id')
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ siteId: r.site_id, kind: r.kind, records: Number(r.n) }));
}

export async function countsBySite(db: Db): Promise<SiteCounts[]> {
  const k = kyselyOf(db);
  const subjects = await k.selectFrom('subjects').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const instances = await k.selectFrom('form_instances').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const quarantine = await k.selectFrom('quarantine').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const audit = await k.selectFrom('site_audit').select(['site_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('site_id').execute();
  const sites = await listSites(db);
  const of = (rows: { site_id: string; n: number }[], site: string): number => Number(rows.find((r) => r.site_id === site)?.n ?? 0);
  return sites.map((s) => ({ siteId: s.siteId, subjects: of(subjects, s.siteId), instances: of(instances, s.siteId), quarantined: of(quarantine, s.siteId), audit: of(audit, s.siteId) }));
}

/**
 * The subject list's progress rows for a site just merged (check results are not evaluated at merge). Portable SQL:
 * no boolean sums. A form locked with its casebook before it was ever signed or completed counts as not complete:
 * the centre does not receive the site's casebook lock, so this is the closest it can tell.
 */
export async function refreshSiteSubjectStatus(tx: Tx, siteId: string, at: string): Promise<void> {
  // Subjects a central lock kept were not replaced: their rows go too, and come back refreshed.
  await sql`DELETE FROM subject_status WHERE subject_id IN (SELECT id FROM subjects WHERE site_id = ${siteId})`.execute(kyselyOf(tx));
  await sql`
    INSERT INTO subject_status (subject_id, instances, complete, signed, locked, failed_hard, failed_soft, missing_items, updated_at)
    SELECT s.id, count(fi.id),
           coalesce(sum(CASE WHEN fi.status <> 'draft' AND NOT (fi.status = 'locked' AND fi.signed_by IS NULL AND fi.completed_once = 0) THEN 1 ELSE 0 END), 0),
           coalesce(sum(CASE WHEN fi.status IN ('signed', 'locked') AND fi.signed_by IS NOT NULL THEN 1 ELSE 0 END), 0),
           coalesce(sum(CASE WHEN fi.status = 'locked' THEN 1 ELSE 0 END), 0),
           0, 0, 0, ${at}
    FROM subjects s LEFT JOIN form_instances fi ON fi.subject_id = s.id
    WHERE s.site_id = ${siteId}
    GROUP BY s.id`.execute(kyselyOf(tx));
}
