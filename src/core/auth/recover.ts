// Recovery: the code printed at set-up unwraps the database key, and a user's password is set anew.

import { findUser } from '../../db/repositories/users.repository';
import { inWriteTransaction } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from '../store/audit-chain';
import { isoNow, systemClock, type Clock } from '../clock';
import { keyringPathFor, readKeyring, slotAad, writeKeyring } from '../keys/keyring';
import { normaliseRecoveryCode } from '../keys/recovery-code';
import { unwrapKey, wrapKey } from '../keys/wrap';
import { openStore } from '../../db/open-store';

/** Opens the store key with the recovery code, or throws auth.wrongRecoveryCode. */
export async function unlockWithRecoveryCode(dbFile: string, code: string): Promise<Buffer> {
  const keyring = readKeyring(keyringPathFor(dbFile));
  const key = await unwrapKey(keyring.recovery, normaliseRecoveryCode(code), slotAad(keyring.storeId, 'recovery'));
  if (!key) throw new AppError('auth.wrongRecoveryCode');
  return key;
}

export async function recoverAccess(input: { dbFile: string; code: string; username: string; newPassword: string; clock?: Clock }): Promise<void> {
  const clock = input.clock ?? systemClock;
  const key = await unlockWithRecoveryCode(input.dbFile, input.code);
  const keyringFile = keyringPathFor(input.dbFile);
  const store = await openStore(input.dbFile, key, { create: false });
  try {
    const user = await findUser(store.db, input.username);
    if (!user) throw new AppError('user.notFound', { user: input.username });
    const keyring = readKeyring(keyringFile);
    const now = isoNow(clock);
    const wrapped = await wrapKey(key, input.newPassword, slotAad(keyring.storeId, `user:${input.username}`));
    await inWriteTransaction(store.db, async (tx) => {
      await appendAudit(tx, now, input.username, [{ action: 'auth.recovery', details: { username: input.username } }]);
      const fresh = readKeyring(keyringFile);
      fresh.users[input.username] = { wrapped, failures: 0, lockedUntil: null, updatedAt: now };
      writeKeyring(keyringFile, fresh);
    });
  } finally {
    key.fill(0);
    await store.close();
  }
}
