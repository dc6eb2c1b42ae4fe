// `edc coordinator init`: the coordinator's age identity and Ed25519 signing key, kept inside an encrypted
// central store (the same envelope scheme as site stores, under the coordinator's passphrase).

import { existsSync, mkdirSync } from 'node:fs';
import type { PostgresLocation } from '../../db/location';
import { getMeta } from '../../db/repositories/meta.repository';
import type { Db } from '../../db/transaction';
import type { CoordinatorPublic } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { Clock } from '../clock';
import { generateAgeKey } from '../crypto/age';
import { generateSigningKey } from '../crypto/signing';
import { initStore } from '../store/init-site';
import type { LoadedStudy } from '../study/load-definition';
import { centralDbFile, COORDINATOR_META, COORDINATOR_USER, coordinatorPublicFile, type CoordinatorFile } from './coordinator-files';

export async function initCoordinator(input: { dir: string; passphrase: string; study: LoadedStudy; name?: string; clock?: Clock; database?: PostgresLocation }): Promise<{ recoveryCode: string; coordinator: CoordinatorPublic }> {
  if (!existsSync(input.dir)) mkdirSync(input.dir, { recursive: true });
  if (existsSync(centralDbFile(input.dir))) throw new AppError('store.exists', { file: centralDbFile(input.dir) });
  if (existsSync(coordinatorPublicFile(input.dir))) throw new AppError('store.exists', { file: coordinatorPublicFile(input.dir) });
  const age = await generateAgeKey();
  const signing = generateSigningKey();
  const { recoveryCode } = await initStore({
    dbFile: centralDbFile(input.dir),
    kind: 'central',
    siteId: 'CENTRAL',
    siteName: input.name ?? 'Coordinating centre',
    study: input.study,
    admin: { username: COORDINATOR_USER, displayName: 'Coordinating centre', password: input.passphrase },
    meta: {
      [COORDINATOR_META.ageIdentity]: age.identity,
      [COORDINATOR_META.ageRecipient]: age.recipient,
      [COORDINATOR_META.signingPrivate]: signing.privateKeyPem,
      [COORDINATOR_META.signingPublic]: signing.publicKeyPem,
      [COORDINATOR_META.fingerprint]: signing.fingerprint,
    },
    ...(input.clock ? { clock: input.clock } : {}),
    location: input.database,
  });
  const coordinator: CoordinatorPublic = { recipient: age.recipient, signingPublicKeyPem: signing.publicKeyPem, fingerprint: signing.fingerprint };
  const file: CoordinatorFile = input.database ? { ...coordinator, database: input.database } : coordinator;
  writeFileAtomic(coordinatorPublicFile(input.dir), `${JSON.stringify(file, null, 2)}\n`);
  return { recoveryCode, coordinator };
}

export interface CoordinatorSecrets extends CoordinatorPublic {
  readonly ageIdentity: string;
  readonly signingPrivateKeyPem: string;
}

export async function coordinatorSecrets(db: Db): Promise<CoordinatorSecrets> {
  const [ageIdentity, recipient, signingPrivateKeyPem, signingPublicKeyPem, fingerprint] = await Promise.all(
    [COORDINATOR_META.ageIdentity, COORDINATOR_META.ageRecipient, COORDINATOR_META.signingPrivate, COORDINATOR_META.signingPublic, COORDINATOR_META.fingerprint].map((k) => getMeta(db, k)),
  );
  if (!ageIdentity || !recipient || !signingPrivateKeyPem || !signingPublicKeyPem || !fingerprint) throw new AppError('store.wrongKind', { found: 'site', expected: 'central' });
  return { ageIdentity, recipient, signingPrivateKeyPem, signingPublicKeyPem, fingerprint };
}
