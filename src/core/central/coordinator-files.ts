// The coordinator directory: the encrypted central store (central.db + keyring) and coordinator.json,
// the public half of the coordinator's keys that sites and people may read, and where the central data is
// when it is not central.db (a PostgreSQL database: its address, never a password).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { PostgresLocation } from '../../db/location';
import { CoordinatorPublic } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';

export const COORDINATOR_USER = 'coordinator';

export function centralDbFile(dir: string): string {
  return join(dir, 'central.db');
}

export function coordinatorPublicFile(dir: string): string {
  return join(dir, 'coordinator.json');
}

/** coordinator.json: the public keys, and `database` when the central store is on PostgreSQL. */
export const CoordinatorFile = CoordinatorPublic.extend({ database: PostgresLocation.optional() });
export type CoordinatorFile = z.infer<typeof CoordinatorFile>;

export function readCoordinatorFile(dir: string): CoordinatorFile {
  const file = coordinatorPublicFile(dir);
  if (!existsSync(file)) throw new AppError('store.notFound', { file });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('store.keyringCorrupt');
  }
  const parsed = CoordinatorFile.safeParse(json);
  if (!parsed.success) throw new AppError('store.keyringCorrupt');
  return parsed.data;
}

export function readCoordinatorPublic(dir: string): CoordinatorPublic {
  const { recipient, signingPublicKeyPem, fingerprint } = readCoordinatorFile(dir);
  return { recipient, signingPublicKeyPem, fingerprint };
}

/** Where the central data of a coordinator directory is: undefined for central.db (SQLite, the default). */
export function centralStoreLocation(dir: string): PostgresLocation | undefined {
  return existsSync(coordinatorPublicFile(dir)) ? readCoordinatorFile(dir).database : undefined;
}

export const COORDINATOR_META = {
  ageIdentity: 'coordinator_age_identity',
  ageRecipient: 'coordinator_age_recipient',
  signingPrivate: 'coordinator_signing_private_pem',
  signingPublic: 'coordinator_signing_public_pem',
  fingerprint: 'coordinator_fingerprint',
} as const;
