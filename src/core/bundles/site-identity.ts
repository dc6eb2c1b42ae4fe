// A kit-initialised site's keys and its coordinator, kept in the encrypted store's meta table.

import { getMeta, getMetaJson } from '../../db/repositories/meta.repository';
import type { Db } from '../../db/transaction';
import { CoordinatorPublic } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';

export interface SiteKeys {
  readonly signingPrivateKeyPem: string;
  readonly signingPublicKeyPem: string;
  readonly fingerprint: string;
  readonly ageIdentity: string;
  readonly ageRecipient: string;
  readonly coordinator: CoordinatorPublic;
}

export const SITE_KEY_META = {
  signingPrivate: 'site_signing_private_pem',
  signingPublic: 'site_signing_public_pem',
  fingerprint: 'site_key_fingerprint',
  ageIdentity: 'site_age_identity',
  ageRecipient: 'site_age_recipient',
  coordinator: 'coordinator_public',
} as const;

export async function siteKeysOf(db: Db): Promise<SiteKeys | undefined> {
  const { coordinator: coordinatorKey, ...textKeys } = SITE_KEY_META;
  const values = await Promise.all(Object.values(textKeys).map((k) => getMeta(db, k)));
  const coordinator = await getMetaJson(db, coordinatorKey);
  if (values.some((v) => v === undefined) || coordinator === undefined) return undefined;
  const [signingPrivateKeyPem, signingPublicKeyPem, fingerprint, ageIdentity, ageRecipient] = values as string[];
  const parsed = CoordinatorPublic.safeParse(coordinator);
  if (!parsed.success) throw new AppError('bundle.badKit', { detail: 'stored coordinator keys' });
  return { signingPrivateKeyPem: signingPrivateKeyPem!, signingPublicKeyPem: signingPublicKeyPem!, fingerprint: fingerprint!, ageIdentity: ageIdentity!, ageRecipient: ageRecipient!, coordinator: parsed.data };
}

export async function requireSiteKeys(db: Db): Promise<SiteKeys> {
  const keys = await siteKeysOf(db);
  if (!keys) throw new AppError('bundle.noCoordinator');
  return keys;
}
