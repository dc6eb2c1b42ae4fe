// A site's exchange keys, made when it is set up from a kit or joins a centre later: its Ed25519 signing key
// and age identity, and the kit's coordinator keys, as the meta values `site-identity` reads back.

import type { SiteKitBody } from '../../shared/contract/bundles';
import { generateAgeKey } from '../crypto/age';
import { generateSigningKey } from '../crypto/signing';
import { SITE_KEY_META } from './site-identity';

export interface SiteExchangeKeys {
  /** The meta values to write in the store, in the transaction that sets the site up or joins it. */
  readonly meta: Readonly<Record<string, string | Readonly<Record<string, unknown>>>>;
  /** The fingerprint of the site's signing key, to be read to the coordinating centre. */
  readonly fingerprint: string;
}

export async function newSiteExchangeKeys(kit: SiteKitBody): Promise<SiteExchangeKeys> {
  const signing = generateSigningKey();
  const age = await generateAgeKey();
  return {
    fingerprint: signing.fingerprint,
    meta: {
      [SITE_KEY_META.signingPrivate]: signing.privateKeyPem,
      [SITE_KEY_META.signingPublic]: signing.publicKeyPem,
      [SITE_KEY_META.fingerprint]: signing.fingerprint,
      [SITE_KEY_META.ageIdentity]: age.identity,
      [SITE_KEY_META.ageRecipient]: age.recipient,
      [SITE_KEY_META.coordinator]: kit.coordinator,
      kit_issued_at: kit.issuedAt,
    },
  };
}
