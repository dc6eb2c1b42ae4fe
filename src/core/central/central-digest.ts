// A content digest of the central dataset: stable across runs while nothing changed, different as soon
// as any site's records, quarantine or merged audit trail differ.

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { listMergedBundles, listSites, quarantineOfSite } from '../../db/repositories/central.repository';
import { streamFormInstances, streamSubjects } from '../../db/repositories/snapshot.repository';
import type { Database } from '../../db/schema/tables';

export async function centralDigest(db: Kysely<Database>): Promise<string> {
  const hash = createHash('sha256');
  for (const site of await listSites(db)) hash.update(`site|${site.site_id}|${site.key_fingerprint}\n`);
  for (const b of await listMergedBundles(db)) hash.update(`bundle|${b.site_id}|${b.sequence}|${b.manifest_sha256}|${b.audit_entries}|${b.audit_head}\n`);
  for await (const s of streamSubjects(db)) hash.update(`subject|${s.id}|${s.site_id}|${s.seq}|${s.created_at}\n`);
  for await (const i of streamFormInstances(db)) {
    hash.update(`instance|${i.subject_id}|${i.form_key}|${i.instance_no}|${i.version}|${i.status}|${i.def_version}|${i.data}|${i.overrides}|${i.signed_by ?? ''}|${i.signed_at ?? ''}|${i.locked_at ?? ''}\n`);
  }
  for (const q of await quarantineOfSite(db)) hash.update(`quarantine|${q.site_id}|${q.record_key}|${q.reasons}\n`);
  return hash.digest('hex');
}
