// `edc site init --kit`: a site store created from a verified coordinator kit, with the site's own
// Ed25519 signing key and age identity generated inside the encrypted store.

import type { Clock } from '../clock';
import { generateAgeKey } from '../crypto/age';
import { generateSigningKey } from '../crypto/signing';
import { verifySiteKit } from '../exchange/site-kit';
import { initStore } from '../store/init-site';
import { SITE_KEY_META } from './site-identity';

export interface InitFromKitInput {
  readonly dbFile: string;
  readonly kit: unknown;
  readonly expectedFingerprint: string | undefined;
  readonly admin: { readonly username: string; readonly displayName: string; readonly password: string };
  readonly clock?: Clock;
}

export async function initSiteFromKit(input: InitFromKitInput): Promise<{ recoveryCode: string; siteId: string; siteFingerprint: string; coordinatorFingerprint: string; studyId: string }> {
  const { kit, study } = verifySiteKit(input.kit, input.expectedFingerprint);
  const signing = generateSigningKey();
  const age = await generateAgeKey();
  const { recoveryCode } = await initStore({
    dbFile: input.dbFile,
    kind: 'site',
    siteId: kit.siteId,
    siteName: kit.siteName,
    study,
    admin: input.admin,
    meta: {
      [SITE_KEY_META.signingPrivate]: signing.privateKeyPem,
      [SITE_KEY_META.signingPublic]: signing.publicKeyPem,
      [SITE_KEY_META.fingerprint]: signing.fingerprint,
      [SITE_KEY_META.ageIdentity]: age.identity,
      [SITE_KEY_META.ageRecipient]: age.recipient,
      [SITE_KEY_META.coordinator]: kit.coordinator,
      kit_issued_at: kit.issuedAt,
    },
    ...(input.clock ? { clock: input.clock } : {}),
  });
  return { recoveryCode, siteId: kit.siteId, siteFingerprint: signing.fingerprint, coordinatorFingerprint: kit.coordinator.fingerprint, studyId: study.definition.id };
}
