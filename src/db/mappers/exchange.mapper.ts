// Rows of bundle_exports, receipts, upload_queue, sites, merged_bundles and quarantine ↔ their domain types.

import { canonicalJson } from '../../shared/canonical-json';
import type { BundleManifest, MergeCounts, Receipt } from '../../shared/contract/bundles';
import type { BundleExport, ImportedReceipt, MergedBundle, QuarantinedRecord, QueuedUpload, Site } from '../domain/exchange';
import type { BundleExportRow, MergedBundleRow, QuarantineRow, ReceiptRow, SiteRow, UploadQueueRow } from '../schema/tables';
import { decodeJson } from './json-column';

export function toBundleExport(row: BundleExportRow): BundleExport {
  return {
    sequence: row.sequence,
    fileName: row.file_name,
    sha256: row.sha256,
    manifestSha256: row.manifest_sha256,
    exportedAt: row.exported_at,
    exportedBy: row.exported_by,
    counts: decodeJson<BundleManifest['counts']>(row.counts),
  };
}

export function bundleExportRow(e: BundleExport): BundleExportRow {
  return { sequence: e.sequence, file_name: e.fileName, sha256: e.sha256, manifest_sha256: e.manifestSha256, exported_at: e.exportedAt, exported_by: e.exportedBy, counts: canonicalJson(e.counts) };
}

export function toImportedReceipt(row: ReceiptRow): ImportedReceipt {
  return { sequence: row.sequence, manifestSha256: row.manifest_sha256, mergedAt: row.merged_at, importedAt: row.imported_at, importedBy: row.imported_by, receipt: decodeJson<Receipt>(row.receipt) };
}

export function receiptRow(r: ImportedReceipt): ReceiptRow {
  return { sequence: r.sequence, manifest_sha256: r.manifestSha256, merged_at: r.mergedAt, imported_at: r.importedAt, imported_by: r.importedBy, receipt: canonicalJson(r.receipt) };
}

export function toSite(row: SiteRow): Site {
  return { siteId: row.site_id, siteName: row.site_name, keyFingerprint: row.key_fingerprint, publicKeyPem: row.public_key_pem, registeredAt: row.registered_at, registeredBy: row.registered_by };
}

export function siteRow(s: Site): SiteRow {
  return { site_id: s.siteId, site_name: s.siteName, key_fingerprint: s.keyFingerprint, public_key_pem: s.publicKeyPem, registered_at: s.registeredAt, registered_by: s.registeredBy };
}

export function toMergedBundle(row: MergedBundleRow): MergedBundle {
  return {
    siteId: row.site_id,
    sequence: row.sequence,
    manifestSha256: row.manifest_sha256,
    bundleSha256: row.bundle_sha256,
    defVersion: row.def_version,
    auditEntries: row.audit_entries,
    auditHead: row.audit_head,
    counts: decodeJson<MergeCounts>(row.counts),
    mergedAt: row.merged_at,
    mergedBy: row.merged_by,
    receipt: decodeJson<Receipt>(row.receipt),
  };
}

export function mergedBundleRow(b: MergedBundle): Omit<MergedBundleRow, 'id'> {
  return {
    site_id: b.siteId,
    sequence: b.sequence,
    manifest_sha256: b.manifestSha256,
    bundle_sha256: b.bundleSha256,
    def_version: b.defVersion,
    audit_entries: b.auditEntries,
    audit_head: b.auditHead,
    counts: canonicalJson(b.counts),
    merged_at: b.mergedAt,
    merged_by: b.mergedBy,
    receipt: canonicalJson(b.receipt),
  };
}

export function toQuarantinedRecord(row: QuarantineRow): QuarantinedRecord {
  return { siteId: row.site_id, sequence: row.sequence, kind: row.kind as QuarantinedRecord['kind'], recordKey: row.record_key, reasons: decodeJson<string[]>(row.reasons), record: decodeJson<unknown>(row.record) };
}

const UPLOAD_STATES: ReadonlySet<string> = new Set(['pending', 'done', 'refused']);

export function toQueuedUpload(row: UploadQueueRow): QueuedUpload {
  const state = UPLOAD_STATES.has(row.state) ? (row.state as QueuedUpload['state']) : 'pending';
  return { sequence: row.sequence, file: row.file, queuedAt: row.queued_at, attempts: row.attempts, nextAttemptAt: row.next_attempt_at, state, lastError: row.last_error, finishedAt: row.finished_at };
}
