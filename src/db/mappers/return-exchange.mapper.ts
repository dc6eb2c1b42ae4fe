// Rows of return_exports, return_imports, review_marks and central_locks ↔ their domain types.

import { canonicalJson } from '../../shared/canonical-json';
import type { CentralLock, ReturnExport, ReturnImport, ReviewMark } from '../domain/return-exchange';
import type { CentralLockRow, ReturnExportRow, ReturnImportRow, ReviewMarkRow } from '../schema/tables';
import { decodeJson } from './json-column';

export function toReturnExport(row: ReturnExportRow): ReturnExport {
  return { siteId: row.site_id, sequence: row.sequence, fileName: row.file_name, sha256: row.sha256, manifestSha256: row.manifest_sha256, createdAt: row.created_at, createdBy: row.created_by, counts: decodeJson<Record<string, number>>(row.counts) };
}

export function returnExportRow(e: ReturnExport): ReturnExportRow {
  return { site_id: e.siteId, sequence: e.sequence, file_name: e.fileName, sha256: e.sha256, manifest_sha256: e.manifestSha256, created_at: e.createdAt, created_by: e.createdBy, counts: canonicalJson(e.counts) };
}

export function toReturnImport(row: ReturnImportRow): ReturnImport {
  return { sequence: row.sequence, manifestSha256: row.manifest_sha256, bundleSha256: row.bundle_sha256, createdAt: row.created_at, importedAt: row.imported_at, importedBy: row.imported_by, counts: decodeJson<Record<string, number>>(row.counts) };
}

export function returnImportRow(i: ReturnImport): ReturnImportRow {
  return { sequence: i.sequence, manifest_sha256: i.manifestSha256, bundle_sha256: i.bundleSha256, created_at: i.createdAt, imported_at: i.importedAt, imported_by: i.importedBy, counts: canonicalJson(i.counts) };
}

export function toReviewMark(row: ReviewMarkRow): ReviewMark {
  return { siteId: row.site_id, subjectId: row.subject_id, form: row.form_key, instanceNo: row.instance_no, markedAt: row.marked_at, markedBy: row.marked_by, side: row.side as ReviewMark['side'] };
}

export function reviewMarkRow(m: ReviewMark): ReviewMarkRow {
  return { site_id: m.siteId, subject_id: m.subjectId, form_key: m.form, instance_no: m.instanceNo, marked_at: m.markedAt, marked_by: m.markedBy, side: m.side };
}

export function toCentralLock(row: CentralLockRow): CentralLock {
  return { lockId: row.lock_id, scope: row.scope as CentralLock['scope'], target: row.target, reason: row.reason, lockedAt: row.locked_at, lockedBy: row.locked_by, certificateSha256: row.certificate_sha256 };
}

export function centralLockRow(l: CentralLock): CentralLockRow {
  return { lock_id: l.lockId, scope: l.scope, target: l.target, reason: l.reason, locked_at: l.lockedAt, locked_by: l.lockedBy, certificate_sha256: l.certificateSha256 };
}
