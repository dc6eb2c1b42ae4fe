// `edc site init --kit` and the app's first run from a kit: a site store created from a verified coordinator
// kit, with the site's own Ed25519 signing key and age identity generated inside the encrypted store.

import type { Clock } from '../clock';
import { verifySiteKit } from '../exchange/site-kit';
import { initStore } from '../store/init-site';
import { newSiteExchangeKeys } from './site-exchange-keys';

export interface InitFromKitInput {
  readonly dbFile: string;
  readonly kit: unknown;
  readonly expectedFingerprint: string | undefined;
  readonly admin: { readonly username: string; readonly displayName: string; readonly password: string };
  readonly clock?: Clock;
}

export async function initSiteFromKit(input: InitFromKitInput): Promise<{ recoveryCode: string; siteId: string; siteFingerprint: string; coordinatorFingerprint: string; studyId: string }> {
  const { kit, study } = verifySiteKit(input.kit, input.expectedFingerprint);
  const keys = await newSiteExchangeKeys(kit);
  const { recoveryCode } = await initStore({
    dbFile: input.dbFile,
    kind: 'site',
    siteId: kit.siteId,
    siteName: kit.siteName,
    study,
    admin: input.admin,
    meta: keys.meta,
    ...(input.clock ? { clock: input.clock } : {}),
  });
  return { recoveryCode, siteId: kit.siteId, siteFingerprint: keys.fingerprint, coordinatorFingerprint: kit.coordinator.fingerprint, studyId: study.definition.id };
}
