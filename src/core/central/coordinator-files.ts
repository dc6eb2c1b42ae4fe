// The coordinator directory: the encrypted central store (central.db + keyring) and coordinator.json,
// the public half of the coordinator's keys that sites and people may read.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoordinatorPublic } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';

export const COORDINATOR_USER = 'coordinator';

export function centralDbFile(dir: string): string {
  return join(dir, 'central.db');
}

export function coordinatorPublicFile(dir: string): string {
  return join(dir, 'coordinator.json');
}

export function readCoordinatorPublic(dir: string): CoordinatorPublic {
  const file = coordinatorPublicFile(dir);
  if (!existsSync(file)) throw new AppError('store.notFound', { file });
  const parsed = CoordinatorPublic.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new AppError('store.keyringCorrupt');
  return parsed.data;
}

export const COORDINATOR_META = {
  ageIdentity: 'coordinator_age_identity',
  ageRecipient: 'coordinator_age_recipient',
  signingPrivate: 'coordinator_signing_private_pem',
  signingPublic: 'coordinator_signing_public_pem',
  fingerprint: 'coordinator_fingerprint',
} as const;
