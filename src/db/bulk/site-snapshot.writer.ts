// Replacing one site's snapshot at the centre (inside the merge's transaction): the previous snapshot is
// removed, and what the bundle holds is written through prepared statements in batches, subjects before
// the instances that reference them. Building hundreds of thousands of rows through the query builder
// would cost more than the inserts themselves.

import type { FormInstanceRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import type { AuditEntry } from '../domain/audit';
import type { QuarantinedRecord } from '../domain/exchange';
import { handleOf, kyselyOf, type Tx } from '../handle';
import { insertFormInstanceRecord, insertSiteAuditRecord, insertSubjectRecord, placeholders, RECEIVED_INSTANCE_COLUMNS, SITE_AUDIT_COLUMNS, SUBJECT_COLUMNS } from '../mappers/bundle-record.mapper';
import { encodeJson } from '../mappers/json-column';

/** How a received instance compares with the same site's previous snapshot. */
export type InstanceChange = 'added' | 'changed' | 'unchanged';

export interface SiteSnapshotWriter {
  subject(record: SubjectRecord): void;
  /** Buffers the instance and says how it differs from what the site sent before (version or data). */
  formInstance(record: FormInstanceRecord): InstanceChange;
  /** An entry of the site's audit trail, as received (its chain is checked by the caller). */
  audit(entry: AuditEntry): void;
  quarantine(record: QuarantinedRecord): void;
  /** Writes everything still buffered. */
  flush(): void;
  /** Instances of the previous snapshot that the new one no longer holds (after every instance was given). */
  removed(): number;
}

const instanceKey = (subjectId: string, form: string, instanceNo: number): string => `${subjectId}|${form}|${instanceNo}`;

export async function replaceSiteSnapshot(tx: Tx, siteId: string, batchSize: number): Promise<SiteSnapshotWriter> {
  const k = kyselyOf(tx);
  const rows = await k.selectFrom('form_instances').select(['subject_id', 'form_key', 'instance_no', 'version', 'data']).where('site_id', '=', siteId).execute();
  const previous = new Map(rows.map((r) => [instanceKey(r.subject_id, r.form_key, r.instance_no), { version: r.version, data: r.data }]));
  await k.deleteFrom('form_instances').where('site_id', '=', siteId).execute();
  await k.deleteFrom('subjects').where('site_id', '=', siteId).execute();
  await k.deleteFrom('site_audit').where('site_id', '=', siteId).execute();
  await k.deleteFrom('quarantine').where('site_id', '=', siteId).execute();

  // The same connection as `tx` (Kysely runs one query at a time on it), so these run inside the transaction.
  const { sqlite } = handleOf(tx);
  const insertSubject = sqlite.prepare(`INSERT INTO subjects (${SUBJECT_COLUMNS}) VALUES (${placeholders(SUBJECT_COLUMNS)})`);
  const insertInstance = sqlite.prepare(`INSERT INTO form_instances (${RECEIVED_INSTANCE_COLUMNS}) VALUES (${placeholders(RECEIVED_INSTANCE_COLUMNS)})`);
  const insertAudit = sqlite.prepare(`INSERT INTO site_audit (${SITE_AUDIT_COLUMNS}) VALUES (${placeholders(SITE_AUDIT_COLUMNS)})`);
  const insertQuarantine = sqlite.prepare('INSERT INTO quarantine (site_id, sequence, kind, record_key, reasons, record) VALUES (?, ?, ?, ?, ?, ?)');

  let subjects: SubjectRecord[] = [];
  // Parallel arrays: the encoded data of each buffered instance without an object per pair.
  let instances: FormInstanceRecord[] = [];
  let instanceData: string[] = [];
  let audit: AuditEntry[] = [];
  let quarantined: QuarantinedRecord[] = [];
  const seen = new Set<string>();

  const flush = (): void => {
    // Positional parameters: binding them is markedly cheaper than binding named objects.
    for (const s of subjects) insertSubjectRecord(insertSubject, s);
    for (let i = 0; i < instances.length; i += 1) insertFormInstanceRecord(insertInstance, instances[i]!, instanceData[i]!);
    for (const a of audit) insertSiteAuditRecord(insertAudit, siteId, a);
    for (const q of quarantined) insertQuarantine.run(q.siteId, q.sequence, q.kind, q.recordKey, encodeJson(q.reasons), encodeJson(q.record));
    subjects = [];
    instances = [];
    instanceData = [];
    audit = [];
    quarantined = [];
  };
  const flushWhenFull = (length: number): void => {
    if (length >= batchSize) flush();
  };

  return {
    subject: (record) => {
      subjects.push(record);
      flushWhenFull(subjects.length);
    },
    formInstance: (record) => {
      const key = instanceKey(record.subject_id, record.form_key, record.instance_no);
      // Stored as received: change detection compares with the text the same site sent before.
      const data = encodeJson(record.data);
      const before = previous.get(key);
      seen.add(key);
      instances.push(record);
      instanceData.push(data);
      flushWhenFull(instances.length);
      if (!before) return 'added';
      return before.version !== record.version || before.data !== data ? 'changed' : 'unchanged';
    },
    audit: (entry) => {
      audit.push(entry);
      flushWhenFull(audit.length);
    },
    quarantine: (record) => {
      quarantined.push(record);
      seen.add(record.recordKey);
      flushWhenFull(quarantined.length);
    },
    flush,
    removed: () => [...previous.keys()].filter((key) => !seen.has(key)).length,
  };
}
