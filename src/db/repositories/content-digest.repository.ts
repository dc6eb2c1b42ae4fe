// A content digest of the central dataset: stable across runs while nothing changed, different as soon as
// any site's records, quarantine or merged audit trail differ. It hashes the stored text of each record
// (JSON columns as written), so it is computed here, beside that encoding, without decoding any row.

import { createHash, type Hash } from 'node:crypto';
import type { Subject } from '../domain/subject';
import { kyselyOf, type Db } from '../handle';

/** The instance columns the digest hashes, in the order of INSTANCE_COLUMNS' positional reads (see INSTANCE_AT). */
type InstanceText = {
  readonly subject_id: string;
  readonly form_key: string;
  readonly instance_no: number;
  readonly version: number;
  readonly status: string;
  readonly def_version: string;
  readonly data: string;
  readonly overrides: string;
  readonly signed_by: string | null;
  readonly signed_at: string | null;
  readonly locked_at: string | null;
};

/** Positions of the hashed columns in a raw row read with INSTANCE_COLUMNS (form-instance.mapper.ts). */
const INSTANCE_AT = { subject_id: 2, form_key: 3, instance_no: 4, data: 5, def_version: 6, status: 7, version: 8, overrides: 10, signed_by: 15, signed_at: 16, locked_at: 19 } as const;

/**
 * The digest fed in its order (sites and bundles, subjects, instances, quarantine), so that a pass that reads
 * the subjects and instances anyway (the report's) can hash them as it goes instead of reading them again.
 */
export class ContentDigest {
  private readonly hash: Hash = createHash('sha256');
  private instances = 0;

  /** Sites and merged bundles: first, before any subject. */
  async start(db: Db): Promise<void> {
    const k = kyselyOf(db);
    for (const site of await k.selectFrom('sites').select(['site_id', 'key_fingerprint']).orderBy('site_id').execute()) this.hash.update(`site|${site.site_id}|${site.key_fingerprint}\n`);
    const bundles = await k.selectFrom('merged_bundles').select(['site_id', 'sequence', 'manifest_sha256', 'audit_entries', 'audit_head']).orderBy('site_id').orderBy('sequence').execute();
    for (const b of bundles) this.hash.update(`bundle|${b.site_id}|${b.sequence}|${b.manifest_sha256}|${b.audit_entries}|${b.audit_head}\n`);
  }

  /** Every subject in id order, all before the first instance. */
  subject(s: Pick<Subject, 'id' | 'siteId' | 'seq' | 'createdAt'>): void {
    this.hash.update(`subject|${s.id}|${s.siteId}|${s.seq}|${s.createdAt}\n`);
  }

  /** Every instance in subject, form, instance order. */
  instance(i: InstanceText): void {
    this.instances += 1;
    this.hash.update(`instance|${i.subject_id}|${i.form_key}|${i.instance_no}|${i.version}|${i.status}|${i.def_version}|${i.data}|${i.overrides}|${i.signed_by ?? ''}|${i.signed_at ?? ''}|${i.locked_at ?? ''}\n`);
  }

  /** An instance from a raw row read with INSTANCE_COLUMNS. */
  instanceValues(v: readonly unknown[]): void {
    this.instances += 1;
    this.hash.update(
      `instance|${v[INSTANCE_AT.subject_id] as string}|${v[INSTANCE_AT.form_key] as string}|${v[INSTANCE_AT.instance_no] as number}|${v[INSTANCE_AT.version] as number}|${v[INSTANCE_AT.status] as string}|${v[INSTANCE_AT.def_version] as string}|${v[INSTANCE_AT.data] as string}|${v[INSTANCE_AT.overrides] as string}|${(v[INSTANCE_AT.signed_by] as string | null) ?? ''}|${(v[INSTANCE_AT.signed_at] as string | null) ?? ''}|${(v[INSTANCE_AT.locked_at] as string | null) ?? ''}\n`,
    );
  }

  /** How many instances were hashed (a shared pass compares it with the table's count). */
  get instanceCount(): number {
    return this.instances;
  }

  /** The quarantine, last; the hex digest. */
  async finish(db: Db): Promise<string> {
    for (const q of await kyselyOf(db).selectFrom('quarantine').select(['site_id', 'record_key', 'reasons']).orderBy('site_id').orderBy('id').execute()) this.hash.update(`quarantine|${q.site_id}|${q.record_key}|${q.reasons}\n`);
    return this.hash.digest('hex');
  }
}

/** Instances in the store; a pass that hashed fewer missed some (e.g. outside its subjects' ranges). */
export async function countFormInstances(db: Db): Promise<number> {
  const row = await kyselyOf(db).selectFrom('form_instances').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function centralContentDigest(db: Db): Promise<string> {
  const k = kyselyOf(db);
  const digest = new ContentDigest();
  await digest.start(db);
  for await (const s of k.selectFrom('subjects').selectAll().orderBy('id').stream(500)) digest.subject({ id: s.id, siteId: s.site_id, seq: s.seq, createdAt: s.created_at });
  const instances = k
    .selectFrom('form_instances')
    .select(['subject_id', 'form_key', 'instance_no', 'version', 'status', 'def_version', 'data', 'overrides', 'signed_by', 'signed_at', 'locked_at'])
    .orderBy('subject_id')
    .orderBy('form_key')
    .orderBy('instance_no')
    .stream(500);
  for await (const i of instances) digest.instance(i);
  return digest.finish(db);
}
