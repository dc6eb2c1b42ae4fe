// Logging in: unwrap the database key with the user's password (or refuse, counting the failure and
// locking after repeated ones), open the store, and record authentication events in the audit trail.

import type { PostgresLocation } from '../../db/location';
import { openStore, type OpenedStore } from '../../db/open-store';
import { getAllMeta } from '../../db/repositories/meta.repository';
import { findUser } from '../../db/repositories/users.repository';
import { inWriteTransaction } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit, type AuditEntryInput } from '../store/audit-chain';
import { isoNow, systemClock, type Clock } from '../clock';
import { keyringPathFor, readKeyring, slotAad, writeKeyring, type Keyring } from '../keys/keyring';
import { unwrapKey } from '../keys/wrap';
import type { Session, StoreInfo } from '../store/session';
import { studyOfStore } from '../store/store-study';
import { MAX_FAILURES, recordFailure, remainingLockSeconds } from './lockout';
import { storeUnknownNameCounter, unknownNameCounter, unknownNameTag } from './unknown-names';

export interface OpenSessionInput {
  readonly dbFile: string;
  readonly username: string;
  readonly password: string;
  readonly clock?: Clock;
  /** Record a login entry in the audit trail (the app does; one-shot CLI commands do not). */
  readonly auditLogin?: boolean;
  /** Expected kind of store, when the caller only handles one. */
  readonly kind?: 'site' | 'central';
  /** A central store on PostgreSQL (coordinator.json says so); the keyring stays beside `dbFile`. */
  readonly location?: PostgresLocation | undefined;
}

/** The answer to a refused login, the same for a user and for a name that is no user. */
function refusal(failures: number, seconds: number): AppError {
  if (seconds > 0) return new AppError('auth.locked', { seconds });
  return new AppError('auth.wrongPassword', { remaining: Math.max(MAX_FAILURES - failures, 0) });
}

/**
 * Unwraps the key of one user, counting a failure in the keyring when the password is wrong.
 * Throws auth.locked or auth.wrongPassword; never opens the database on failure. A name that is no user gets
 * the same answers, after the same key-derivation work, from a counter of its own (see unknown-names.ts).
 */
export async function unlockKey(keyringFile: string, username: string, password: string, clock: Clock): Promise<{ key: Buffer; keyring: Keyring }> {
  const keyring = readKeyring(keyringFile);
  const entry = Object.hasOwn(keyring.users, username) ? keyring.users[username] : undefined;
  if (!entry) return refuseUnknownName(keyringFile, keyring.storeId, username, clock);
  // Derive before looking at the lock, as for an unknown name (whose counter needs the derivation to be found):
  // a locked account then answers in the same time as an unlocked one.
  const key = await unwrapKey(entry.wrapped, password, slotAad(keyring.storeId, `user:${username}`));
  const now = clock();
  const waiting = remainingLockSeconds(entry.lockedUntil, now);
  if (waiting > 0) {
    key?.fill(0);
    throw new AppError('auth.locked', { seconds: waiting });
  }
  if (key) return { key, keyring };
  // Re-read before writing: another process may have counted a failure meanwhile.
  const fresh = readKeyring(keyringFile);
  const current = Object.hasOwn(fresh.users, username) ? fresh.users[username] : undefined;
  // The user was deactivated meanwhile: nothing left to count on; answer as to a first failure.
  if (!current) throw refusal(1, 0);
  const seconds = recordFailure(current, now);
  fresh.pendingEvents.push({ at: now.toISOString(), user: username, action: 'auth.failure' });
  if (seconds > 0) fresh.pendingEvents.push({ at: now.toISOString(), user: username, action: 'auth.locked' });
  writeKeyring(keyringFile, fresh);
  throw refusal(current.failures, seconds);
}

/**
 * Refuses a name that is no user exactly as a wrong password: counted, locked after as many failures, kept
 * in the keyring. Not written to the audit trail, whose entries name the user: the name may be a mistyped password.
 */
async function refuseUnknownName(keyringFile: string, storeId: string, username: string, clock: Clock): Promise<never> {
  const tag = await unknownNameTag(storeId, username);
  const now = clock();
  const fresh = readKeyring(keyringFile);
  const counter = unknownNameCounter(fresh, tag);
  const waiting = remainingLockSeconds(counter.lockedUntil, now);
  if (waiting > 0) throw new AppError('auth.locked', { seconds: waiting });
  const seconds = recordFailure(counter, now);
  storeUnknownNameCounter(fresh, tag, counter);
  writeKeyring(keyringFile, fresh);
  throw refusal(counter.failures, seconds);
}

export function storeInfoOf(meta: Record<string, string>, dbFile: string): StoreInfo {
  const kind = meta.store_kind === 'central' ? 'central' : 'site';
  return {
    storeId: meta.store_id ?? '',
    kind,
    siteId: meta.site_id ?? '',
    siteName: meta.site_name ?? '',
    dbFile,
    keyringFile: keyringPathFor(dbFile),
  };
}

/** Opens a store with an already unwrapped key, as a given user, and writes pending auth events. */
export async function sessionFromKey(args: {
  dbFile: string;
  key: Buffer;
  username: string;
  clock: Clock;
  extraAudit?: readonly AuditEntryInput[];
  kind?: 'site' | 'central';
  location?: PostgresLocation | undefined;
}): Promise<Session> {
  const { dbFile, key, username, clock } = args;
  let store: OpenedStore | undefined;
  try {
    store = await openStore(dbFile, key, { create: false, location: args.location });
    const meta = await getAllMeta(store.db);
    const info = storeInfoOf(meta, dbFile);
    if (args.kind && info.kind !== args.kind) throw new AppError('store.wrongKind', { found: info.kind, expected: args.kind });
    const keyring = readKeyring(info.keyringFile);
    if (keyring.storeId !== info.storeId) throw new AppError('store.keyringCorrupt');
    const user = await findUser(store.db, username);
    // The password opened a slot of the keyring that names no user of the store: the two disagree.
    if (!user) throw new AppError('store.keyringCorrupt');
    if (!user.active) throw new AppError('auth.disabled');
    const study = await studyOfStore(store.db);
    const pending = keyring.pendingEvents;
    const entry = keyring.users[username];
    const entries: AuditEntryInput[] = pending.map((e) => ({ action: e.action, details: { user: e.user, at: e.at } }));
    if (args.extraAudit) entries.push(...args.extraAudit);
    if (entries.length > 0) {
      await inWriteTransaction(store.db, (tx) => appendAudit(tx, isoNow(clock), username, entries));
    }
    if (pending.length > 0 || (entry && entry.failures > 0)) {
      const fresh = readKeyring(info.keyringFile);
      fresh.pendingEvents = fresh.pendingEvents.filter((e) => !pending.some((p) => p.at === e.at && p.user === e.user && p.action === e.action));
      const mine = fresh.users[username];
      if (mine) {
        mine.failures = 0;
        mine.lockedUntil = null;
      }
      writeKeyring(info.keyringFile, fresh);
    }
    const opened = store;
    return {
      store: opened,
      info,
      study,
      user: { username: user.username, displayName: user.displayName, role: user.role },
      dbKey: key,
      clock,
      close: async () => {
        key.fill(0);
        await opened.close();
      },
    };
  } catch (error) {
    key.fill(0);
    await store?.close();
    throw error;
  }
}

export async function openSession(input: OpenSessionInput): Promise<Session> {
  const clock = input.clock ?? systemClock;
  const { key } = await unlockKey(keyringPathFor(input.dbFile), input.username, input.password, clock);
  return sessionFromKey({
    dbFile: input.dbFile,
    key,
    username: input.username,
    clock,
    ...(input.kind ? { kind: input.kind } : {}),
    location: input.location,
    ...(input.auditLogin ? { extraAudit: [{ action: 'auth.login' }] } : {}),
  });
}

/** Re-checks a logged-in user's password (signatures): counts failures and locks like a login. */
export async function verifyPassword(session: Session, password: string): Promise<void> {
  const { key } = await unlockKey(session.info.keyringFile, session.user.username, password, session.clock);
  const same = key.equals(session.dbKey);
  key.fill(0);
  if (!same) throw new AppError('store.keyringCorrupt');
  const keyring = readKeyring(session.info.keyringFile);
  const entry = keyring.users[session.user.username];
  if (entry && entry.failures > 0) {
    entry.failures = 0;
    entry.lockedUntil = null;
    writeKeyring(session.info.keyringFile, keyring);
  }
}
