// Bundle records (the NDJSON wire format, shared/contract/bundle-records.ts) ↔ the store: what a site
// exports of its instances and subjects, and the statement parameters a merge binds for what it receives.
// The one place records are mapped, both ways.

import type { AuditRecord, FormInstanceRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import type { StoredEntry } from '../../shared/study/entries';
import type { AuditEntry } from '../domain/audit';
import type { FormInstance } from '../domain/form-instance';
import type { Subject } from '../domain/subject';
import { encodeJson } from './json-column';

export function subjectRecordOf(s: Subject): SubjectRecord {
  return { id: s.id, site_id: s.siteId, seq: s.seq, created_at: s.createdAt, created_by: s.createdBy };
}

/** A site's instance as exported, with the values calculated on the device (the centre cannot: exact age). */
export function formInstanceRecordOf(i: FormInstance, calcs: Readonly<Record<string, StoredEntry | null>>): FormInstanceRecord {
  return {
    site_id: i.siteId,
    subject_id: i.subjectId,
    form_key: i.form,
    instance_no: i.instanceNo,
    data: i.data,
    def_version: i.defVersion,
    status: i.status,
    version: i.version,
    completed_once: i.completedOnce ? 1 : 0,
    overrides: i.overrides,
    created_at: i.createdAt,
    created_by: i.createdBy,
    updated_at: i.updatedAt,
    updated_by: i.updatedBy,
    signed_by: i.signedBy,
    signed_at: i.signedAt,
    sign_meaning: i.signMeaning,
    locked_by: i.lockedBy,
    locked_at: i.lockedAt,
    calcs,
  };
}

/** The audit entry is its record (domain/audit.ts). */
export function auditRecordOf(entry: AuditEntry): AuditRecord {
  return entry;
}

/** A prepared statement's run, as the merge's inserts use it (positional parameters, no array per row). */
interface Insert {
  run(...params: unknown[]): unknown;
}

export const SUBJECT_COLUMNS = 'id, site_id, seq, created_at, created_by';

export function insertSubjectRecord(insert: Insert, r: SubjectRecord): void {
  insert.run(r.id, r.site_id, r.seq, r.created_at, r.created_by);
}

export const RECEIVED_INSTANCE_COLUMNS =
  'site_id, subject_id, form_key, instance_no, data, def_version, status, version, completed_once, overrides, created_at, created_by, updated_at, updated_by, ' +
  'signed_by, signed_at, sign_meaning, locked_by, locked_at, n_missing, n_hard, n_soft, calcs, failed_checks, missing_fields';

/**
 * A received instance as stored at the centre: data as the site sent it (`dataText`, already encoded for
 * change detection), device calcs kept, no results yet (they are not evaluated at merge).
 */
export function insertFormInstanceRecord(insert: Insert, r: FormInstanceRecord, dataText: string): void {
  insert.run(
    r.site_id, r.subject_id, r.form_key, r.instance_no, dataText, r.def_version, r.status, r.version, r.completed_once, encodeJson(r.overrides), r.created_at, r.created_by, r.updated_at, r.updated_by,
    r.signed_by, r.signed_at, r.sign_meaning, r.locked_by, r.locked_at, 0, 0, 0, encodeJson(r.calcs), null, null,
  );
}

export const SITE_AUDIT_COLUMNS = 'site_id, id, at, user, action, subject_id, form_key, instance_no, field, old_value, new_value, reason, details, prev_hash, hash';

export function insertSiteAuditRecord(insert: Insert, siteId: string, a: AuditEntry): void {
  insert.run(siteId, a.id, a.at, a.user, a.action, a.subject_id, a.form_key, a.instance_no, a.field, a.old_value, a.new_value, a.reason, a.details, a.prev_hash, a.hash);
}

/** One `?` per column of a column list, for its VALUES. */
export function placeholders(columns: string): string {
  return columns.split(',').map(() => '?').join(', ');
}
