// Contract entries for a site set up from a coordinator's kit, or a stand-alone site joining a centre later:
// what a kit says before its fingerprint is confirmed, and the two ways of taking its keys.

import { z } from 'zod';
import { SiteAdmin } from './app';
import { SessionInfo } from './auth';
import { FileInput, Sha256, TypedFingerprint } from './bundles';
import { IsoTimestamp, SiteId } from './common';

export const KitInspectInput = z.strictObject({
  ...FileInput.shape,
  /** Also check that the logged-in site store could join with this kit (same site code and study, never exported). */
  forJoin: z.boolean().default(false),
});

/** A kit whose signature verifies, shown so that its coordinator fingerprint can be confirmed by phone. */
export const KitSummary = z.strictObject({
  siteId: SiteId,
  siteName: z.string(),
  study: z.strictObject({ id: z.string(), version: z.string(), hash: Sha256, title: z.strictObject({ it: z.string(), en: z.string() }) }),
  issuedAt: IsoTimestamp,
  coordinatorFingerprint: Sha256,
});
export type KitSummary = z.infer<typeof KitSummary>;

export const SiteInitFromKitInput = z.strictObject({
  ...FileInput.shape,
  /** The coordinator fingerprint as the coordinating centre read it out (by phone, on paper). */
  coordinatorFingerprint: TypedFingerprint,
  admin: SiteAdmin,
});

export const SiteInitFromKitResult = z.strictObject({
  recoveryCode: z.string(),
  session: SessionInfo,
  /** The site's own signing key, to be read to the coordinating centre, which pins it at the first merge. */
  siteFingerprint: Sha256,
});

export const JoinCentreInput = z.strictObject({ ...FileInput.shape, coordinatorFingerprint: TypedFingerprint });

export const JoinCentreOut = z.strictObject({
  siteId: SiteId,
  studyId: z.string(),
  siteFingerprint: Sha256,
  coordinatorFingerprint: Sha256,
});
