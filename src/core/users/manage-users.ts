// User administration: add users (wrapping the key under their password), change and reset passwords
// (re-wrap only; the database is never re-encrypted), unlock, deactivate, change roles.

import { countActiveAdmins, findUser, insertUser, listUsers as listUserRows, updateUser } from '../../db/repositories/users.repository';
import { inWriteTransaction } from '../../db/transaction';
import type { AddUserInput, ChangePasswordInput, ResetPasswordInput, SetRoleInput, UsernameInput, UserSummary } from '../../shared/contract/users';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from '../store/audit-chain';
import { remainingLockSeconds } from '../auth/lockout';
import { verifyPassword } from '../auth/open-session';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import { readKeyring, slotAad, writeKeyring } from '../keys/keyring';
import { wrapKey } from '../keys/wrap';
import type { Session } from '../store/session';

export async function addUser(session: Session, input: AddUserInput): Promise<UserSummary> {
  requireRole(session.user.role, 'user.manage');
  if (await findUser(session.store.db, input.username)) throw new AppError('user.exists', { user: input.username });
  const keyring = readKeyring(session.info.keyringFile);
  const now = isoNow(session.clock);
  const wrapped = await wrapKey(session.dbKey, input.password, slotAad(keyring.storeId, `user:${input.username}`));
  await inWriteTransaction(session.store.db, async (tx) => {
    await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      active: true,
      createdAt: now,
      createdBy: session.user.username,
      updatedAt: now,
    });
    await appendAudit(tx, now, session.user.username, [{ action: 'user.add', details: { username: input.username, role: input.role } }]);
    // Written inside the transaction so a failed keyring write rolls the user back.
    const fresh = readKeyring(session.info.keyringFile);
    fresh.users[input.username] = { wrapped, failures: 0, lockedUntil: null, updatedAt: now };
    writeKeyring(session.info.keyringFile, fresh);
  });
  return (await listUsers(session)).find((u) => u.username === input.username)!;
}

export async function listUsers(session: Session): Promise<UserSummary[]> {
  requireRole(session.user.role, 'data.read');
  const keyring = readKeyring(session.info.keyringFile);
  const now = session.clock();
  const rows = await listUserRows(session.store.db);
  return rows.map((u) => {
    const slot = keyring.users[u.username];
    const wait = remainingLockSeconds(slot?.lockedUntil ?? null, now);
    return {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      active: u.active,
      locked: wait > 0,
      lockedForSeconds: wait,
      failures: slot?.failures ?? 0,
      createdAt: u.createdAt,
    };
  });
}

async function rewrap(session: Session, username: string, password: string, action: string, by: string): Promise<void> {
  const keyring = readKeyring(session.info.keyringFile);
  const now = isoNow(session.clock);
  const wrapped = await wrapKey(session.dbKey, password, slotAad(keyring.storeId, `user:${username}`));
  await inWriteTransaction(session.store.db, async (tx) => {
    await appendAudit(tx, now, by, [{ action, details: { username } }]);
    const fresh = readKeyring(session.info.keyringFile);
    fresh.users[username] = { wrapped, failures: 0, lockedUntil: null, updatedAt: now };
    writeKeyring(session.info.keyringFile, fresh);
  });
}

export async function changeOwnPassword(session: Session, input: ChangePasswordInput): Promise<void> {
  await verifyPassword(session, input.currentPassword);
  if (input.currentPassword === input.newPassword) throw new AppError('auth.passwordReuse');
  await rewrap(session, session.user.username, input.newPassword, 'user.passwordChange', session.user.username);
}

export async function resetPassword(session: Session, input: ResetPasswordInput): Promise<void> {
  requireRole(session.user.role, 'user.manage');
  const user = await findUser(session.store.db, input.username);
  if (!user) throw new AppError('user.notFound', { user: input.username });
  await rewrap(session, input.username, input.newPassword, 'user.passwordReset', session.user.username);
  if (!user.active) {
    await inWriteTransaction(session.store.db, async (tx) => {
      await updateUser(tx, input.username, { active: true, updatedAt: isoNow(session.clock) });
      await appendAudit(tx, isoNow(session.clock), session.user.username, [{ action: 'user.activate', details: { username: input.username } }]);
    });
  }
}

export async function unlockUser(session: Session, input: UsernameInput): Promise<void> {
  requireRole(session.user.role, 'user.manage');
  if (!(await findUser(session.store.db, input.username))) throw new AppError('user.notFound', { user: input.username });
  const now = isoNow(session.clock);
  await inWriteTransaction(session.store.db, async (tx) => {
    await appendAudit(tx, now, session.user.username, [{ action: 'user.unlock', details: { username: input.username } }]);
    const keyring = readKeyring(session.info.keyringFile);
    const slot = keyring.users[input.username];
    if (slot) {
      slot.failures = 0;
      slot.lockedUntil = null;
      slot.updatedAt = now;
      writeKeyring(session.info.keyringFile, keyring);
    }
  });
}

/** Deactivating removes the user's wrapped key too, so the password no longer opens the store at all. */
export async function deactivateUser(session: Session, input: UsernameInput): Promise<void> {
  requireRole(session.user.role, 'user.manage');
  const user = await findUser(session.store.db, input.username);
  if (!user) throw new AppError('user.notFound', { user: input.username });
  if (user.role === 'admin' && user.active && (await countActiveAdmins(session.store.db)) <= 1) throw new AppError('user.lastAdmin');
  const now = isoNow(session.clock);
  await inWriteTransaction(session.store.db, async (tx) => {
    await updateUser(tx, input.username, { active: false, updatedAt: now });
    await appendAudit(tx, now, session.user.username, [{ action: 'user.deactivate', details: { username: input.username } }]);
    const keyring = readKeyring(session.info.keyringFile);
    delete keyring.users[input.username];
    writeKeyring(session.info.keyringFile, keyring);
  });
}

export async function setRole(session: Session, input: SetRoleInput): Promise<void> {
  requireRole(session.user.role, 'user.manage');
  const user = await findUser(session.store.db, input.username);
  if (!user) throw new AppError('user.notFound', { user: input.username });
  if (user.role === input.role) return;
  if (user.role === 'admin' && user.active && (await countActiveAdmins(session.store.db)) <= 1) throw new AppError('user.lastAdmin');
  const now = isoNow(session.clock);
  await inWriteTransaction(session.store.db, async (tx) => {
    await updateUser(tx, input.username, { role: input.role, updatedAt: now });
    await appendAudit(tx, now, session.user.username, [{ action: 'user.role', old_value: user.role, new_value: input.role, details: { username: input.username } }]);
  });
}
