// One subject's audit entries at a time, walking a trail ordered by subject id alongside the dataset.

import type { SubjectAuditEntry } from '../../../db/repositories/snapshot.repository';
import { compareBinary } from '../../../shared/text/binary-order';

export const FIELD_ACTIONS = ['field.change'] as const;
/** Entries that change a form instance as a whole; the last one is the FormData AuditRecord. */
export const FORM_ACTIONS = ['form.create', 'form.status', 'form.sign', 'form.lock', 'form.unlock', 'form.signatureVoided'] as const;
export const SUBJECT_ACTIONS = ['subject.create'] as const;
export const EXPORTED_ACTIONS: readonly string[] = [...FIELD_ACTIONS, ...FORM_ACTIONS, ...SUBJECT_ACTIONS];

export class SubjectAuditCursor {
  private pending: SubjectAuditEntry | undefined;
  private done = false;

  constructor(private readonly rows: AsyncIterator<SubjectAuditEntry>) {}

  /** The entries of one subject, oldest first; subjects must be asked for in ascending id order. */
  async take(subjectId: string): Promise<SubjectAuditEntry[]> {
    const out: SubjectAuditEntry[] = [];
    for (;;) {
      const row = this.pending ?? (await this.next());
      this.pending = undefined;
      if (!row) return out;
      const order = compareBinary(row.subject_id, subjectId);
      if (order < 0) continue; // a subject that is not exported
      if (order > 0) {
        this.pending = row;
        return out;
      }
      out.push(row);
    }
  }

  private async next(): Promise<SubjectAuditEntry | undefined> {
    if (this.done) return undefined;
    const r = await this.rows.next();
    if (r.done) {
      this.done = true;
      return undefined;
    }
    return r.value;
  }

  /** Releases the underlying query when the walk stops early. */
  async close(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.rows.return?.();
    }
  }
}

export interface SubjectAudit {
  readonly created?: SubjectAuditEntry;
  /** Last form-level entry per `form|instance`. */
  readonly forms: ReadonlyMap<string, SubjectAuditEntry>;
  /** Last field change per `form|instance`, then per field: one key built per instance, not per item. */
  readonly items: ReadonlyMap<string, ReadonlyMap<string, SubjectAuditEntry>>;
}

export const formKey = (form: string, instanceNo: number): string => `${form}|${instanceNo}`;

export function indexSubjectAudit(rows: readonly SubjectAuditEntry[]): SubjectAudit {
  let created: SubjectAuditEntry | undefined;
  const forms = new Map<string, SubjectAuditEntry>();
  const items = new Map<string, Map<string, SubjectAuditEntry>>();
  for (const row of rows) {
    if (row.action === 'subject.create') created ??= row;
    else if (row.form_key === null || row.instance_no === null) continue;
    else if (row.action === 'field.change') {
      if (row.field === null) continue;
      const key = formKey(row.form_key, row.instance_no);
      let fields = items.get(key);
      if (!fields) items.set(key, (fields = new Map()));
      fields.set(row.field, row);
    } else forms.set(formKey(row.form_key, row.instance_no), row);
  }
  return { ...(created ? { created } : {}), forms, items };
}
