// Rows of subjects, subject_status and subject_identity ↔ their domain types.

import type { IdentityData, Subject, SubjectProgress, SubjectStatus } from '../domain/subject';
import type { SubjectRow, SubjectStatusRow } from '../schema/tables';
import { decodeJson } from './json-column';

export function toSubject(row: SubjectRow): Subject {
  return { id: row.id, siteId: row.site_id, seq: row.seq, createdAt: row.created_at, createdBy: row.created_by };
}

export function subjectRow(subject: Subject): SubjectRow {
  return { id: subject.id, site_id: subject.siteId, seq: subject.seq, created_at: subject.createdAt, created_by: subject.createdBy };
}

export function subjectStatusRow(status: SubjectStatus): SubjectStatusRow {
  return {
    subject_id: status.subjectId,
    instances: status.instances,
    complete: status.complete,
    signed: status.signed,
    locked: status.locked,
    failed_hard: status.failedHard,
    failed_soft: status.failedSoft,
    missing_items: status.missingItems,
    updated_at: status.updatedAt,
  };
}

/** Counters from a LEFT JOIN: all null when the subject has no status row. */
export function toProgress(row: Record<keyof Omit<SubjectStatusRow, 'subject_id' | 'updated_at'>, number | null>): SubjectProgress | null {
  if (row.instances === null) return null;
  return {
    instances: row.instances,
    complete: row.complete ?? 0,
    signed: row.signed ?? 0,
    locked: row.locked ?? 0,
    failedHard: row.failed_hard ?? 0,
    failedSoft: row.failed_soft ?? 0,
    missingItems: row.missing_items ?? 0,
  };
}

export function decodeIdentity(text: string): IdentityData {
  return decodeJson<IdentityData>(text);
}
