// The return bundle (centre → site): its signed manifest and the record schema of each named section, parsed
// with these wherever a return bundle crosses a boundary. A section is one NDJSON file, `<name>.ndjson`.

import { z } from 'zod';
import { Receipt, Sha256 } from './bundles';
import { TransferredQuery } from './queries';
import { AmendmentDocument, AmendmentOutcome } from './amendments';
import { FormKey, InstanceNo, IsoTimestamp, Reason, SiteId, SubjectId, Username } from './common';

const AgeRecipient = z.string().regex(/^age1[02-9ac-hj-np-z]{58}$/);

/** A form instance marked source-verified, at the site (by a monitor) or at the centre. */
export const ReviewMark = z.strictObject({
  siteId: SiteId,
  subjectId: SubjectId,
  form: FormKey,
  instanceNo: InstanceNo,
  markedAt: IsoTimestamp,
  markedBy: Username,
  side: z.enum(['site', 'centre']),
});
export type ReviewMark = z.infer<typeof ReviewMark>;

export const LOCK_SCOPES = ['subject', 'site', 'study'] as const;
export const LockScope = z.enum(LOCK_SCOPES);
export type LockScope = z.infer<typeof LockScope>;

/** A freeze set by the centre: a subject, a site or the whole study becomes read-only. */
export const CentralLock = z.strictObject({
  lockId: z.string().regex(/^[0-9a-f]{32}$/),
  scope: LockScope,
  /** The subject or site id; null for the study. */
  target: z.string().regex(/^[A-Z0-9-]{2,11}$/).nullable(),
  reason: Reason,
  lockedAt: IsoTimestamp,
  lockedBy: Username,
  /** SHA-256 of the signed lock certificate file (study locks only). */
  certificateSha256: Sha256.nullable(),
});
export type CentralLock = z.infer<typeof CentralLock>;

/** Whether a central lock freezes data of this site (subject ids start with their site's code: IT01-0007). */
export function lockConcernsSite(lock: CentralLock, siteId: string): boolean {
  if (lock.scope === 'study') return true;
  if (lock.scope === 'site') return lock.target === siteId;
  return lock.target?.startsWith(`${siteId}-`) ?? false;
}

/**
 * The sections, in the order they are packed, and each one's record schema. A new section is one line here,
 * one collector in core/central/return-sections.ts and one applier in core/bundles/return-sections.ts
 * (the compiler asks for both).
 */
export const RETURN_SECTION_SCHEMAS = {
  receipts: Receipt,
  reviews: ReviewMark,
  locks: CentralLock,
  queries: TransferredQuery,
  /** Protocol amendments the site has not applied yet, oldest first (applied last, over the other sections). */
  amendments: AmendmentDocument,
} as const;
export type ReturnSectionName = keyof typeof RETURN_SECTION_SCHEMAS;
export const RETURN_SECTIONS = Object.keys(RETURN_SECTION_SCHEMAS) as ReturnSectionName[];
export type ReturnRecord<N extends ReturnSectionName> = z.infer<(typeof RETURN_SECTION_SCHEMAS)[N]>;

export function returnSectionFile(name: ReturnSectionName): string {
  return `${name}.ndjson`;
}

export const ReturnManifest = z.strictObject({
  format: z.literal('edc-return/1'),
  study: z.strictObject({ id: z.string().min(1).max(60), definitionHash: Sha256 }),
  /** The one site this bundle is for, and the recipient it was encrypted to. */
  site: z.strictObject({ id: SiteId, recipient: AgeRecipient }),
  coordinatorFingerprint: Sha256,
  sequence: z.number().int().min(1).max(1_000_000_000),
  previousReturnSha256: Sha256.nullable(),
  files: z.array(z.strictObject({ name: z.string().regex(/^[a-z_]{1,40}\.ndjson$/), sha256: Sha256, size: z.number().int().min(0), records: z.number().int().min(0) })).max(40),
  createdAt: IsoTimestamp,
  createdBy: z.string().max(64),
  app: z.string().max(40),
});
export type ReturnManifest = z.infer<typeof ReturnManifest>;

/** What importing a return bundle did at the site. */
export const ReturnImportResult = z.strictObject({
  status: z.enum(['applied', 'unchanged']),
  sequence: z.number().int(),
  createdAt: z.string(),
  /** Records applied per section. */
  counts: z.record(z.string(), z.number().int()),
  /** What each amendment of the bundle did (absent when nothing was applied). */
  amendments: z.array(AmendmentOutcome).optional(),
});
export type ReturnImportResult = z.infer<typeof ReturnImportResult>;

export const ReturnExportResult = z.strictObject({
  file: z.string(),
  siteId: z.string(),
  sequence: z.number().int(),
  sha256: z.string(),
  counts: z.record(z.string(), z.number().int()),
});
export type ReturnExportResult = z.infer<typeof ReturnExportResult>;
