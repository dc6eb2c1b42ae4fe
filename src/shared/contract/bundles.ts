// Formats exchanged between sites and the coordinating centre: bundle manifest, site kit, merge receipt,
// merge report — each parsed with these schemas wherever it crosses a boundary.

import { z } from 'zod';
import { SiteId } from './common';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/** A key fingerprint as people type what was read to them: hex digits, in groups separated by spaces, colons or dashes. */
export const TypedFingerprint = z.string().regex(/^[0-9a-fA-F\s:-]{64,100}$/);
const Pem = z.string().regex(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+-----END PUBLIC KEY-----\n?$/);
const AgeRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/);
const Timestamp = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

export const BUNDLE_FILES = ['subjects.ndjson', 'form_instances.ndjson', 'audit.ndjson'] as const;
export type BundleFileName = (typeof BUNDLE_FILES)[number];
/** Files a bundle may carry after the required ones, listed in its manifest when present (query answers). */
export const OPTIONAL_BUNDLE_FILES = ['query_events.ndjson'] as const;
export type AnyBundleFileName = BundleFileName | (typeof OPTIONAL_BUNDLE_FILES)[number];

export const BundleManifest = z.strictObject({
  format: z.literal('edc-bundle/1'),
  study: z.strictObject({ id: z.string().min(1).max(60), version: z.string().max(20), definitionHash: Sha256 }),
  /** `ageRecipient`: the site's own recipient, which the centre encrypts return bundles to (absent from older bundles). */
  site: z.strictObject({ id: SiteId, name: z.string().max(200), keyFingerprint: Sha256, publicKeyPem: Pem, ageRecipient: AgeRecipient.optional() }),
  sequence: z.number().int().min(1).max(1_000_000_000),
  previousBundleSha256: Sha256.nullable(),
  auditHead: z.strictObject({ entries: z.number().int().min(0), hash: Sha256 }),
  files: z
    .array(z.strictObject({ name: z.enum([...BUNDLE_FILES, ...OPTIONAL_BUNDLE_FILES]), sha256: Sha256, size: z.number().int().min(0), records: z.number().int().min(0) }))
    .min(BUNDLE_FILES.length)
    .max(BUNDLE_FILES.length + OPTIONAL_BUNDLE_FILES.length)
    .refine((files) => BUNDLE_FILES.every((name) => files.some((f) => f.name === name)) && new Set(files.map((f) => f.name)).size === files.length, 'every required file once'),
  counts: z.strictObject({ subjects: z.number().int().min(0), formInstances: z.number().int().min(0), auditEntries: z.number().int().min(0) }),
  createdAt: Timestamp,
  createdBy: z.string().max(64),
  app: z.string().max(40),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

export const CoordinatorPublic = z.strictObject({
  recipient: AgeRecipient,
  signingPublicKeyPem: Pem,
  fingerprint: Sha256,
});
export type CoordinatorPublic = z.infer<typeof CoordinatorPublic>;

export const SiteKitBody = z.strictObject({
  format: z.literal('edc-site-kit/1'),
  siteId: SiteId,
  siteName: z.string().min(1).max(200),
  studyId: z.string().min(1).max(60),
  definitionHash: Sha256,
  /** The assembled study definition; validated by the study meta-schema when the site is created. */
  definition: z.unknown(),
  coordinator: CoordinatorPublic,
  issuedAt: Timestamp,
});
export type SiteKitBody = z.infer<typeof SiteKitBody>;

export const SiteKit = z.strictObject({
  kit: SiteKitBody,
  /** Ed25519 signature (base64) of the canonical JSON of `kit` by the coordinator's signing key. */
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type SiteKit = z.infer<typeof SiteKit>;

export const MergeCounts = z.strictObject({
  subjects: z.number().int(),
  formInstances: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  quarantined: z.number().int(),
  auditEntries: z.number().int(),
});
export type MergeCounts = z.infer<typeof MergeCounts>;

/** Bundle numbers of a site never merged, from `from` to `to`: a gap is accepted (each bundle is a full snapshot) but named. */
export const SequenceGap = z.strictObject({ from: z.number().int().min(1), to: z.number().int().min(1) });
export type SequenceGap = z.infer<typeof SequenceGap>;

export const ReceiptBody = z.strictObject({
  format: z.literal('edc-receipt/1'),
  studyId: z.string(),
  siteId: SiteId,
  sequence: z.number().int().min(1),
  manifestSha256: Sha256,
  mergedAt: Timestamp,
  counts: MergeCounts,
  coordinatorFingerprint: Sha256,
});
export type ReceiptBody = z.infer<typeof ReceiptBody>;

export const Receipt = z.strictObject({
  receipt: ReceiptBody,
  signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
});
export type Receipt = z.infer<typeof Receipt>;

export const MergeOutcome = z.strictObject({
  file: z.string(),
  status: z.enum(['merged', 'unchanged', 'refused']),
  siteId: z.string().nullable(),
  sequence: z.number().int().nullable(),
  counts: MergeCounts.nullable(),
  /** Bundles of the site skipped before this one (never merged), when it was merged. */
  gap: SequenceGap.nullable(),
  error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
  receiptFile: z.string().nullable(),
});
export type MergeOutcome = z.infer<typeof MergeOutcome>;

export const MergeReport = z.strictObject({
  startedAt: z.string(),
  finishedAt: z.string(),
  outcomes: z.array(MergeOutcome),
  totals: z.strictObject({ merged: z.number().int(), unchanged: z.number().int(), refused: z.number().int() }),
  centralDigest: Sha256,
});
export type MergeReport = z.infer<typeof MergeReport>;

export const ExportResult = z.strictObject({
  file: z.string(),
  fileName: z.string(),
  sequence: z.number().int(),
  sha256: z.string(),
  counts: z.strictObject({ subjects: z.number().int(), formInstances: z.number().int(), auditEntries: z.number().int() }),
  bytes: z.number().int(),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const ExportStatus = z.strictObject({
  canExport: z.boolean(),
  lastExport: z.strictObject({ sequence: z.number().int(), fileName: z.string(), at: z.string(), sha256: z.string() }).nullable(),
  lastReceipt: z.strictObject({ sequence: z.number().int(), mergedAt: z.string(), importedAt: z.string(), counts: MergeCounts }).nullable(),
  coordinatorFingerprint: z.string().nullable(),
  siteFingerprint: z.string().nullable(),
  uploadUrl: z.string().nullable(),
  uploadCa: z.boolean(),
});
export type ExportStatus = z.infer<typeof ExportStatus>;

export const FolderInput = z.strictObject({ folder: z.string().min(1).max(1000) });
export const FileInput = z.strictObject({ file: z.string().min(1).max(1000) });
export const UploadUrlInput = z.strictObject({
  url: z.url().refine((u) => u.startsWith('https://'), 'HTTPS only').nullable(),
  /** The coordinator's CA certificate (PEM), when it is not one the operating system trusts. */
  ca: z
    .string()
    .max(20_000)
    .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----\s*$/, 'a PEM certificate')
    .nullable()
    .optional(),
});
export const MergeInput = z.strictObject({
  /** Bundle files or folders holding them. */
  paths: z.array(z.string().min(1).max(1000)).min(1).max(500),
  registerSites: z.record(SiteId, TypedFingerprint).default({}),
});
export const UploadInput = z.strictObject({ files: z.array(z.string().min(1).max(1000)).min(1).max(100) });

export const CentralSummaryOut = z.strictObject({
  study: z.strictObject({ id: z.string(), version: z.string() }),
  sites: z.array(
    z.strictObject({
      siteId: z.string(),
      siteName: z.string(),
      fingerprint: z.string(),
      lastSequence: z.number().int().nullable(),
      lastMergedAt: z.string().nullable(),
      subjects: z.number().int(),
      formInstances: z.number().int(),
      quarantined: z.number().int(),
      auditEntries: z.number().int(),
      /** Bundle numbers below the last merged one that were never merged. */
      missingSequences: z.array(SequenceGap),
    }),
  ),
  totals: z.strictObject({ sites: z.number().int(), subjects: z.number().int(), formInstances: z.number().int(), quarantined: z.number().int() }),
  digest: z.string(),
});

/** Periodic exchange: how often the site exports on its own, and where to. */
export const ExchangeSettings = z.strictObject({
  /** Days between automatic exports; null: never automatically. */
  intervalDays: z.number().int().min(1).max(365).nullable(),
  /** The folder the automatic export writes to (a USB drive or a shared folder). */
  folder: z.string().min(1).max(1000).nullable(),
});
export type ExchangeSettings = z.infer<typeof ExchangeSettings>;

export const ExchangeStatus = z.strictObject({
  settings: ExchangeSettings,
  uploadUrl: z.string().nullable(),
  lastExport: z.strictObject({ sequence: z.number().int(), fileName: z.string(), at: z.string() }).nullable(),
  lastReceipt: z.strictObject({ sequence: z.number().int(), mergedAt: z.string(), importedAt: z.string() }).nullable(),
  /** Data changes since the last bundle was written. */
  changes: z.strictObject({ subjects: z.number().int(), entries: z.number().int() }),
  /** When the next automatic export is due (null when no interval is set). */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  queue: z.strictObject({ pending: z.number().int(), nextAttemptAt: z.string().nullable(), lastError: z.string().nullable() }),
});
export type ExchangeStatus = z.infer<typeof ExchangeStatus>;

export const ExchangeCycleResult = z.strictObject({
  exported: ExportResult.nullable(),
  uploads: z.array(
    z.strictObject({
      sequence: z.number().int(),
      state: z.enum(['done', 'refused', 'retry']),
      attempts: z.number().int(),
      error: z.string().nullable(),
      /** The return bundle the answer carried, imported or refused (with its code). */
      returnBundle: z.strictObject({ status: z.enum(['applied', 'unchanged', 'refused']), sequence: z.number().int().nullable(), code: z.string().nullable(), error: z.string().nullable() }).optional(),
    }),
  ),
  status: ExchangeStatus,
});
export type ExchangeCycleResult = z.infer<typeof ExchangeCycleResult>;

export const ExchangeRunInput = z.strictObject({ force: z.boolean().default(false) });
