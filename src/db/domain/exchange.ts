// What the stores keep about bundles: a site's exports and the receipts it imported; the centre's site
// registry, merged bundles and quarantined records.

import type { BundleManifest, MergeCounts, Receipt } from '../../shared/contract/bundles';

export interface BundleExport {
  readonly sequence: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly manifestSha256: string;
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly counts: BundleManifest['counts'];
}

/** A coordinator's receipt as imported at the site (its signature was verified before it was stored). */
export interface ImportedReceipt {
  readonly sequence: number;
  readonly manifestSha256: string;
  readonly mergedAt: string;
  readonly importedAt: string;
  readonly importedBy: string;
  readonly receipt: Receipt;
}

/** A site registered at the centre, with the signing key pinned on its first merge. */
export interface Site {
  readonly siteId: string;
  readonly siteName: string;
  readonly keyFingerprint: string;
  readonly publicKeyPem: string;
  readonly registeredAt: string;
  readonly registeredBy: string;
}

export interface MergedBundle {
  readonly siteId: string;
  readonly sequence: number;
  readonly manifestSha256: string;
  readonly bundleSha256: string;
  readonly defVersion: string;
  /** Entries of the site's audit trail merged so far, and the hash of the last one. */
  readonly auditEntries: number;
  readonly auditHead: string;
  readonly counts: MergeCounts;
  readonly mergedAt: string;
  readonly mergedBy: string;
  readonly receipt: Receipt;
}

/** A received record that failed validation: kept with its reasons, never silently dropped. */
export interface QuarantinedRecord {
  readonly siteId: string;
  readonly sequence: number;
  readonly kind: 'form_instance';
  /** `subject|form|instance`. */
  readonly recordKey: string;
  readonly reasons: readonly string[];
  /** The record as received. */
  readonly record: unknown;
}

/** Records of one site at the centre. */
export interface SiteCounts {
  readonly siteId: string;
  readonly subjects: number;
  readonly instances: number;
  readonly quarantined: number;
  readonly audit: number;
}

/** A bundle waiting in the site's upload queue, or the outcome of its last upload. */
export interface QueuedUpload {
  readonly sequence: number;
  readonly file: string;
  readonly queuedAt: string;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly state: 'pending' | 'done' | 'refused';
  readonly lastError: string | null;
  readonly finishedAt: string | null;
}
