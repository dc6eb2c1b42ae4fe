// Replacing one site's snapshot at the centre (inside the merge's transaction): the previous snapshot is
// removed, and what the bundle holds is written through prepared statements in batches, subjects before
// the instances that reference them. Building hundreds of thousands of rows through the query builder
// would cost more than the inserts themselves. On PostgreSQL, batches go as COPY … FROM STDIN (text
// format) on the transaction's client, queued so the caller's reading goes on; `drain`
// waits for all but the last batch (back-pressure), so the server writes one batch while the next is read.
// Subjects frozen by a central lock keep their rows: the caller compares what the site sent with them.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { FormInstanceRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import type { AuditEntry } from '../domain/audit';
import type { QuarantinedRecord } from '../domain/exchange';
import { handleOf, isPostgres, kyselyOf, sqliteHandleOf, type PostgresHandle, type Tx } from '../handle';
import { insertFormInstanceRecord, insertSiteAuditRecord, insertSubjectRecord, placeholders, RECEIVED_INSTANCE_COLUMNS, SITE_AUDIT_COLUMNS, SUBJECT_COLUMNS } from '../mappers/bundle-record.mapper';
import { encodeJson } from '../mappers/json-column';
import { compareBinary } from '../../shared/text/binary-order';
import { copyLine } from './copy-text';

/** How a received instance compares with the same site's previous snapshot. */
export type InstanceChange = 'added' | 'changed' | 'unchanged';

export interface SiteSnapshotWriter {
  subject(record: SubjectRecord): void;
  /** Buffers the instance and says how it differs from what the site sent before (version or data). */
  formInstance(record: FormInstanceRecord): InstanceChange;
  /** An entry of the site's audit trail, as received (its chain is checked by the caller). */
  audit(entry: AuditEntry): void;
  quarantine(record: QuarantinedRecord): void;
  /** A frozen subject's instance: how it differs from the kept row, which stays as it is. */
  compareKept(record: FormInstanceRecord): InstanceChange;
  /** Keys (`subject|form|instance`) of kept rows the bundle no longer holds (after every instance was given). */
  keptNotReceived(): string[];
  /** Writes everything still buffered. */
  flush(): Promise<void>;
  /**
   * Waits for the writes queued before the last batch (PostgreSQL), which goes on while the caller reads on:
   * at most one batch in flight. The caller's own queries on the transaction wait for `flush` (that batch
   * may not be sent yet).
   * Rethrows the first write that failed.
   */
  drain(): Promise<void>;
  /** Instances of the previous snapshot that the new one no longer holds (after every instance was given). */
  removed(): number;
}

const instanceKey = (subjectId: string, form: string, instanceNo: number): string => `${subjectId}|${form}|${instanceNo}`;

/** Subjects whose central rows a lock keeps: all of the site's (a site or study lock), or these. */
export interface FrozenSubjects {
  readonly all: boolean;
  readonly subjects: ReadonlySet<string>;
}

export const NOTHING_FROZEN: FrozenSubjects = { all: false, subjects: new Set() };

export function isFrozen(frozen: FrozenSubjects, subjectId: string): boolean {
  return frozen.all || frozen.subjects.has(subjectId);
}

export async function replaceSiteSnapshot(tx: Tx, siteId: string, batchSize: number, frozen: FrozenSubjects = NOTHING_FROZEN): Promise<SiteSnapshotWriter> {
  const k = kyselyOf(tx);
  const rows = await k.selectFrom('form_instances').select(['subject_id', 'form_key', 'instance_no', 'version', 'data']).where('site_id', '=', siteId).execute();
  const previous = new Map(rows.map((r) => [instanceKey(r.subject_id, r.form_key, r.instance_no), { version: r.version, data: r.data }]));
  if (!frozen.all) {
    const kept = [...frozen.subjects];
    let instances = k.deleteFrom('form_instances').where('site_id', '=', siteId);
    let subjectRows = k.deleteFrom('subjects').where('site_id', '=', siteId);
    if (kept.length > 0) {
      instances = instances.where('subject_id', 'not in', kept);
      subjectRows = subjectRows.where('id', 'not in', kept);
    }
    await instances.execute();
    await subjectRows.execute();
  }
  await k.deleteFrom('site_audit').where('site_id', '=', siteId).execute();
  await k.deleteFrom('site_audit_users').where('site_id', '=', siteId).execute();
  await k.deleteFrom('site_user_changes').where('site_id', '=', siteId).execute();
  await k.deleteFrom('quarantine').where('site_id', '=', siteId).execute();

  const handle = handleOf(tx);
  const inserts = isPostgres(handle) ? postgresInserts(handle) : sqliteInserts(tx);
  const { insertSubject, insertInstance, insertAudit, insertQuarantine } = inserts;
  const users = new TrailUsers();

  let subjects: SubjectRecord[] = [];
  // Parallel arrays: the encoded data of each buffered instance without an object per pair.
  let instances: FormInstanceRecord[] = [];
  let instanceData: string[] = [];
  let audit: AuditEntry[] = [];
  let quarantined: QuarantinedRecord[] = [];
  const seen = new Set<string>();

  const write = (): void => {
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
    inserts.send();
  };
  const flushWhenFull = (length: number): void => {
    if (length >= batchSize) write();
  };

  const change = (key: string, version: number, data: string): InstanceChange => {
    const before = previous.get(key);
    seen.add(key);
    if (!before) return 'added';
    return before.version !== version || before.data !== data ? 'changed' : 'unchanged';
  };

  return {
    subject: (record) => {
      // A frozen subject's row is kept; one the centre never had is not added while its site is locked.
      if (isFrozen(frozen, record.id)) return;
      subjects.push(record);
      flushWhenFull(subjects.length);
    },
    formInstance: (record) => {
      const key = instanceKey(record.subject_id, record.form_key, record.instance_no);
      // Stored as received: change detection compares with the text the same site sent before.
      const data = encodeJson(record.data);
      instances.push(record);
      instanceData.push(data);
      flushWhenFull(instances.length);
      return change(key, record.version, data);
    },
    compareKept: (record) => change(instanceKey(record.subject_id, record.form_key, record.instance_no), record.version, encodeJson(record.data)),
    keptNotReceived: () => [...previous.keys()].filter((key) => !seen.has(key) && isFrozen(frozen, key.slice(0, key.indexOf('|')))),
    audit: (entry) => {
      audit.push(entry);
      users.add(entry);
      flushWhenFull(audit.length);
    },
    quarantine: (record) => {
      quarantined.push(record);
      seen.add(record.recordKey);
      flushWhenFull(quarantined.length);
    },
    flush: () => {
      users.write(siteId, inserts);
      write();
      return inserts.settle();
    },
    drain: () => inserts.drain(),
    removed: () => [...previous.keys()].filter((key) => !seen.has(key) && !isFrozen(frozen, key.slice(0, key.indexOf('|')))).length,
  };
}

/** Signatures per (user) of the site's trail and the greatest signature details (as SQL's max: UTF-8 byte order). */
interface TrailUser {
  signs: number;
  signDetails: string | null;
}

/** The users a site's trail names (site_audit_users, site_user_changes), gathered entry by entry as received. */
class TrailUsers {
  private readonly users = new Map<string, TrailUser>();
  private readonly changes: AuditEntry[] = [];

  add(entry: AuditEntry): void {
    let user = this.users.get(entry.user);
    if (!user) this.users.set(entry.user, (user = { signs: 0, signDetails: null }));
    if (entry.action === 'form.sign') {
      user.signs += 1;
      if (entry.details !== null && (user.signDetails === null || compareBinary(entry.details, user.signDetails) > 0)) user.signDetails = entry.details;
    } else if (entry.action === 'user.add' || entry.action === 'user.role') this.changes.push(entry);
  }

  write(siteId: string, inserts: Inserts): void {
    for (const [name, user] of this.users) inserts.insertAuditUser.run(siteId, name, user.signs, user.signDetails);
    for (const e of this.changes) inserts.insertUserChange.run(siteId, e.id, e.user, e.action, e.new_value, e.details);
    this.users.clear();
    this.changes.length = 0;
  }
}

/** A statement's rows as the mappers bind them: `run` per row (bundle-record.mapper.ts). */
interface Insert {
  run(...params: unknown[]): unknown;
}

interface Inserts {
  readonly insertSubject: Insert;
  readonly insertInstance: Insert;
  readonly insertAudit: Insert;
  readonly insertQuarantine: Insert;
  readonly insertAuditUser: Insert;
  readonly insertUserChange: Insert;
  /** Sends what was collected since the last call (PostgreSQL); nothing to do on SQLite. */
  send(): void;
  /** Waits for what was sent before the last `send`. */
  drain(): Promise<void>;
  /** Waits for everything sent. */
  settle(): Promise<void>;
}

const QUARANTINE_COLUMNS = 'site_id, sequence, kind, record_key, reasons, record';
const AUDIT_USER_COLUMNS = 'site_id, user, signs, sign_details';
const USER_CHANGE_COLUMNS = 'site_id, id, user, action, new_value, details';

function sqliteInserts(tx: Tx): Inserts {
  // The same connection as `tx` (Kysely runs one query at a time on it), so these run inside the transaction.
  const { sqlite } = sqliteHandleOf(tx);
  const done = Promise.resolve();
  return {
    insertSubject: sqlite.prepare(`INSERT INTO subjects (${SUBJECT_COLUMNS}) VALUES (${placeholders(SUBJECT_COLUMNS)})`),
    insertInstance: sqlite.prepare(`INSERT INTO form_instances (${RECEIVED_INSTANCE_COLUMNS}) VALUES (${placeholders(RECEIVED_INSTANCE_COLUMNS)})`),
    insertAudit: sqlite.prepare(`INSERT INTO site_audit (${SITE_AUDIT_COLUMNS}) VALUES (${placeholders(SITE_AUDIT_COLUMNS)})`),
    insertQuarantine: sqlite.prepare(`INSERT INTO quarantine (${QUARANTINE_COLUMNS}) VALUES (${placeholders(QUARANTINE_COLUMNS)})`),
    insertAuditUser: sqlite.prepare(`INSERT INTO site_audit_users (${AUDIT_USER_COLUMNS}) VALUES (${placeholders(AUDIT_USER_COLUMNS)})`),
    insertUserChange: sqlite.prepare(`INSERT INTO site_user_changes (${USER_CHANGE_COLUMNS}) VALUES (${placeholders(USER_CHANGE_COLUMNS)})`),
    send: () => undefined,
    drain: () => done,
    settle: () => done,
  };
}

/** COPYs `text` (lines in COPY's text format) into `table` on the transaction's client. */
async function copyInto(client: PoolClient, table: string, columns: string, text: string): Promise<void> {
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
}

function postgresInserts(handle: PostgresHandle): Inserts {
  const client = handle.client;
  if (!client) throw new Error('replaceSiteSnapshot needs a write transaction');
  let queue: Promise<void> = Promise.resolve();
  /** The queue as the last `send` found it. */
  let beforeLast: Promise<void> = queue;
  let failure: unknown;
  const tables: { table: string; columns: string; text: string }[] = [];
  const collector = (table: string, columnList: string): Insert => {
    // Quoted: `user` is reserved in PostgreSQL.
    const columns = columnList.split(',').map((c) => `"${c.trim()}"`).join(', ');
    const entry = { table, columns, text: '' };
    tables.push(entry);
    // Each row becomes its COPY line as it is given: no array per row or per column, and the server parses
    // no parameters (binding arrays for unnest cost about as much as the rows' own writing).
    return { run: (...params: unknown[]) => void (entry.text += copyLine(params)) };
  };
  const enqueue = (table: string, columns: string, text: string): void => {
    queue = queue.then(async () => {
      if (failure !== undefined) return;
      try {
        await copyInto(client, table, columns, text);
      } catch (error) {
        failure = error;
      }
    });
  };
  const inserts: Inserts = {
    insertSubject: collector('subjects', SUBJECT_COLUMNS),
    insertInstance: collector('form_instances', RECEIVED_INSTANCE_COLUMNS),
    insertAudit: collector('site_audit', SITE_AUDIT_COLUMNS),
    insertQuarantine: collector('quarantine', QUARANTINE_COLUMNS),
    insertAuditUser: collector('site_audit_users', AUDIT_USER_COLUMNS),
    insertUserChange: collector('site_user_changes', USER_CHANGE_COLUMNS),
    // In table order: subjects before the instances that reference them.
    send: () => {
      beforeLast = queue;
      for (const entry of tables) {
        if (entry.text === '') continue;
        enqueue(entry.table, entry.columns, entry.text);
        entry.text = '';
      }
    },
    drain: async () => {
      await beforeLast;
      if (failure !== undefined) throw failure;
    },
    settle: async () => {
      await queue;
      if (failure !== undefined) throw failure;
    },
  };
  return inserts;
}
