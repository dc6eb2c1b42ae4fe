// The keyring file beside a store: the database key wrapped once per user and once under the recovery
// code, plus each user's failed-login counter (kept here because it must persist while the store is shut).

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { writeFileAtomic } from '../files/write-file-atomic';
import { z } from 'zod';
import { AppError } from '../../shared/errors/app-error';
import { WrappedKey } from './wrap';

export const KeyringUser = z.strictObject({
  wrapped: WrappedKey,
  failures: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
  updatedAt: z.string(),
});
export type KeyringUser = z.infer<typeof KeyringUser>;

/** Authentication events that happened while the store was shut; written to the audit trail at next open. */
export const PendingEvent = z.strictObject({
  at: z.string(),
  user: z.string().max(64),
  action: z.enum(['auth.failure', 'auth.locked']),
});
export type PendingEvent = z.infer<typeof PendingEvent>;

export const Keyring = z.strictObject({
  format: z.literal('edc-keyring/1'),
  storeId: z.uuid(),
  users: z.record(z.string(), KeyringUser),
  recovery: WrappedKey,
  pendingEvents: z.array(PendingEvent).max(10_000),
});
export type Keyring = z.infer<typeof Keyring>;

export function keyringPathFor(dbFile: string): string {
  return join(dirname(dbFile), `${basename(dbFile)}.keyring.json`);
}

export function newStoreId(): string {
  return randomUUID();
}

export function readKeyring(file: string): Keyring {
  if (!existsSync(file)) throw new AppError('store.keyringMissing', { file });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new AppError('store.keyringCorrupt');
  }
  const parsed = Keyring.safeParse(raw);
  if (!parsed.success) throw new AppError('store.keyringCorrupt');
  return parsed.data;
}

/** Writes atomically (temporary file, fsync, rename): a crash leaves the old or the new keyring, never half. */
export function writeKeyring(file: string, keyring: Keyring): void {
  writeFileAtomic(file, `${JSON.stringify(keyring, null, 1)}\n`);
}

/** Associated data binding a wrapped key to its store and slot, so slots cannot be swapped between files. */
export function slotAad(storeId: string, slot: string): string {
  return `edc-keyring/1|${storeId}|${slot}`;
}
