// What a site kit says, shown before its coordinator fingerprint is confirmed by phone: the kit is verified
// in full (shape, signature, definition and its hash) against its own key, so only the out-of-band check is left.

import type { KitSummary } from '../../shared/contract/site-kit';
import { kitFingerprint, verifySiteKit, type VerifiedKit } from './site-kit';

/** The kit verified as far as it can be without the fingerprint read out of band. */
export function verifyKitUnconfirmed(raw: unknown): VerifiedKit {
  return verifySiteKit(raw, kitFingerprint(raw));
}

export function kitSummary({ kit, study }: VerifiedKit): KitSummary {
  return {
    siteId: kit.siteId,
    siteName: kit.siteName,
    study: { id: study.definition.id, version: study.definition.version, hash: study.hash, title: study.definition.title },
    issuedAt: kit.issuedAt,
    coordinatorFingerprint: kit.coordinator.fingerprint,
  };
}
