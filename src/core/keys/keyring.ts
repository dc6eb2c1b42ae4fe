// The keyring file beside a store: the database key wrapped once per user and once under the recovery
// code, plus failed-login counters (kept here because they must persist while the store is shut).

import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { writeFileAtomic } from '../files/write-file-atomic';
import { z } from 'zod';
import { AppError } from '../../shared/errors/app-error';
import { WrappedKey } from './wrap';

/** Consecutive failed logins of one name and the end of its current lock. */
export const FailureCounter = z.strictObject({
  failures: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
  updatedAt: z.string(),
});
export type FailureCounter = z.infer<typeof FailureCounter>;

export const KeyringUser = z.strictObject({ wrapped: WrappedKey, ...FailureCounter.shape });
export type KeyringUser = z.infer<typeof KeyringUser>;

/** At most this many counters of unknown names are kept (the oldest go first), so guessing cannot grow the file without bound. */
export const MAX_UNKNOWN_NAMES = 1000;

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
  /**
   * Failed-login counters of names that are no user, keyed by a slow hash of the name (never the name: it may
   * be a password typed into the wrong box), so an unknown name is answered and locked like a real one.
   */
  unknownNames: z
    .record(z.string().regex(/^[0-9a-f]{64}$/), FailureCounter)
    .refine((names) => Object.keys(names).length <= MAX_UNKNOWN_NAMES)
    .optional(),
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
