// A content digest of the central dataset: stable across runs while nothing changed, different as soon as
// any site's records, quarantine or merged audit trail differ. It hashes the stored text of each record
// (JSON columns as written), so it is computed here, beside that encoding, without decoding any row.

import { createHash } from 'node:crypto';
import { kyselyOf, type Db } from '../handle';

export async function centralContentDigest(db: Db): Promise<string> {
  const k = kyselyOf(db);
  const hash = createHash('sha256');
  for (const site of await k.selectFrom('sites').select(['site_id', 'key_fingerprint']).orderBy('site_id').execute()) hash.update(`site|${site.site_id}|${site.key_fingerprint}\n`);
  const bundles = await k.selectFrom('merged_bundles').select(['site_id', 'sequence', 'manifest_sha256', 'audit_entries', 'audit_head']).orderBy('site_id').orderBy('sequence').execute();
  for (const b of bundles) hash.update(`bundle|${b.site_id}|${b.sequence}|${b.manifest_sha256}|${b.audit_entries}|${b.audit_head}\n`);
  for await (const s of k.selectFrom('subjects').selectAll().orderBy('id').stream(500)) hash.update(`subject|${s.id}|${s.site_id}|${s.seq}|${s.created_at}\n`);
  const instances = k
    .selectFrom('form_instances')
    .select(['subject_id', 'form_key', 'instance_no', 'version', 'status', 'def_version', 'data', 'overrides', 'signed_by', 'signed_at', 'locked_at'])
    .orderBy('subject_id')
    .orderBy('form_key')
    .orderBy('instance_no')
    .stream(500);
  for await (const i of instances) {
    hash.update(`instance|${i.subject_id}|${i.form_key}|${i.instance_no}|${i.version}|${i.status}|${i.def_version}|${i.data}|${i.overrides}|${i.signed_by ?? ''}|${i.signed_at ?? ''}|${i.locked_at ?? ''}\n`);
  }
  for (const q of await k.selectFrom('quarantine').select(['site_id', 'record_key', 'reasons']).orderBy('site_id').orderBy('id').execute()) hash.update(`quarantine|${q.site_id}|${q.record_key}|${q.reasons}\n`);
  return hash.digest('hex');
}
