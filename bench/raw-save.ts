// The save benchmark's baseline: the rows of one audited save written raw — instance counter, instance row
// (and its indexes), one audit row per entry, the audit head, the subject's status row — with the statements
// the save runs, prepared, in one BEGIN IMMEDIATE transaction: no validation, no evaluation, no query builder.

import type { Sqlite } from '../src/db/open-store';
import { GENESIS_HASH, hashAuditEntry } from '../src/core/store/audit-chain';

type Row = Record<string, unknown>;

/** The rows an audited save wrote, read back to be written again raw for other subjects. */
export interface SavedRows {
  readonly instance: Row;
  readonly audit: readonly Row[];
  readonly status: Row;
}

/** The last instance of `form` saved for `subjectId`, its audit entries and the subject's status row. */
export function savedRowsOf(sqlite: Sqlite, subjectId: string, form: string): SavedRows {
  const instance = sqlite.prepare('SELECT * FROM form_instances WHERE subject_id = ? AND form_key = ? ORDER BY instance_no DESC LIMIT 1').get(subjectId, form) as Row | undefined;
  if (!instance) throw new Error(`no ${form} instance of ${subjectId} to copy`);
  const audit = sqlite.prepare('SELECT * FROM audit WHERE subject_id = ? AND form_key = ? AND instance_no = ? ORDER BY id').all(subjectId, form, instance.instance_no) as Row[];
  const status = sqlite.prepare('SELECT * FROM subject_status WHERE subject_id = ?').get(subjectId) as Row | undefined;
  if (audit.length === 0 || !status) throw new Error(`the ${form} save of ${subjectId} left no audit or status rows`);
  return { instance, audit, status };
}

const insertSql = (table: string, columns: readonly string[], rows = 1): string =>
  `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${columns.map(() => '?').join(', ')})`).join(', ')}`;

/** Writes `template`'s rows as a new instance of another subject, exactly as the audited save writes them. */
export class RawSave {
  private readonly begin;
  private readonly commit;
  private readonly counterGet;
  private readonly counterSet;
  private readonly instanceInsert;
  private readonly headGet;
  private readonly auditInsert;
  private readonly headSet;
  private readonly statusUpsert;
  private readonly instanceColumns: string[];
  private readonly auditColumns: string[];
  private readonly statusColumns: string[];

  constructor(
    private readonly sqlite: Sqlite,
    private readonly template: SavedRows,
  ) {
    this.instanceColumns = Object.keys(template.instance).filter((c) => c !== 'id');
    this.auditColumns = Object.keys(template.audit[0]!);
    this.statusColumns = Object.keys(template.status);
    this.begin = sqlite.prepare('BEGIN IMMEDIATE');
    this.commit = sqlite.prepare('COMMIT');
    this.counterGet = sqlite.prepare('SELECT next_no FROM instance_counters WHERE subject_id = ? AND form_key = ?');
    this.counterSet = sqlite.prepare('INSERT INTO instance_counters (subject_id, form_key, next_no) VALUES (?, ?, ?) ON CONFLICT (subject_id, form_key) DO UPDATE SET next_no = excluded.next_no');
    this.instanceInsert = sqlite.prepare(`${insertSql('form_instances', this.instanceColumns)} RETURNING id`);
    this.headGet = sqlite.prepare('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
    // One multi-row INSERT, as the save's repository writes its entries.
    this.auditInsert = sqlite.prepare(insertSql('audit', this.auditColumns, template.audit.length));
    this.headSet = sqlite.prepare("INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    const others = this.statusColumns.filter((c) => c !== 'subject_id');
    this.statusUpsert = sqlite.prepare(`${insertSql('subject_status', this.statusColumns)} ON CONFLICT (subject_id) DO UPDATE SET ${others.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`);
  }

  /** One save's rows for `subjectId` at time `at`, committed. */
  save(subjectId: string, at: string): void {
    const form = this.template.instance.form_key as string;
    this.begin.run();
    try {
      const next = ((this.counterGet.get(subjectId, form) as { next_no: number } | undefined)?.next_no ?? 1) as number;
      this.counterSet.run(subjectId, form, next + 1);
      const instance: Row = { ...this.template.instance, subject_id: subjectId, instance_no: next, created_at: at, updated_at: at };
      this.instanceInsert.get(this.instanceColumns.map((c) => instance[c]));
      const head = this.headGet.get() as { id: number; hash: string } | undefined;
      let id = head?.id ?? 0;
      let prev = head?.hash ?? GENESIS_HASH;
      const params: unknown[] = [];
      for (const t of this.template.audit) {
        id += 1;
        const unhashed = { ...(t as Parameters<typeof hashAuditEntry>[0]), id, at, subject_id: subjectId, instance_no: next, prev_hash: prev };
        const row: Row = { ...unhashed, hash: hashAuditEntry(unhashed) };
        prev = row.hash as string;
        for (const c of this.auditColumns) params.push(row[c]);
      }
      this.auditInsert.run(params);
      this.headSet.run(`${id}:${prev}`);
      const status: Row = { ...this.template.status, subject_id: subjectId, updated_at: at };
      this.statusUpsert.run(this.statusColumns.map((c) => status[c]));
      this.commit.run();
    } catch (error) {
      if (this.sqlite.inTransaction) this.sqlite.exec('ROLLBACK');
      throw error;
    }
  }
}
