// Restore: a verified backup (database + keyring) is copied to the target place; an existing store there
// is kept aside, never overwritten. The restoring user must be an admin of the backup.

import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { AppError } from '../../shared/errors/app-error';
import { openSession } from '../auth/open-session';
import { requireRole } from '../store/permissions';
import { verifyAuditChain } from '../store/audit-chain';
import { inWriteTransaction } from '../../db/transaction';
import { appendAudit } from '../store/audit-chain';
import { isoNow, systemClock, type Clock } from '../clock';
import { keyringPathFor } from '../keys/keyring';

export interface RestoreInput {
  readonly backupFile: string;
  readonly dbFile: string;
  readonly username: string;
  readonly password: string;
  readonly replace: boolean;
  readonly clock?: Clock;
}

export async function restoreStore(input: RestoreInput): Promise<{ keptAside: string | null; auditEntries: number }> {
  const clock = input.clock ?? systemClock;
  // Authenticate against the backup itself, and check it before touching the target.
  const probe = await openSession({ dbFile: input.backupFile, username: input.username, password: input.password, clock });
  try {
    requireRole(probe.user.role, 'store.backup');
    const chain = await verifyAuditChain(probe.store.db);
    if (!chain.ok) throw new AppError('store.backupFailed', { detail: `audit chain broken at ${chain.brokenAt}` });
  } finally {
    await probe.close();
  }
  let keptAside: string | null = null;
  if (existsSync(input.dbFile)) {
    if (!input.replace) throw new AppError('store.exists', { file: input.dbFile });
    keptAside = `${input.dbFile}.replaced-${clock().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(input.dbFile, keptAside);
    for (const suffix of ['-wal', '-shm']) if (existsSync(input.dbFile + suffix)) renameSync(input.dbFile + suffix, keptAside + suffix);
    if (existsSync(keyringPathFor(input.dbFile))) renameSync(keyringPathFor(input.dbFile), keyringPathFor(keptAside));
  }
  copyFileSync(input.backupFile, input.dbFile);
  copyFileSync(keyringPathFor(input.backupFile), keyringPathFor(input.dbFile));
  rmSync(`${input.dbFile}-wal`, { force: true });
  rmSync(`${input.dbFile}-shm`, { force: true });
  const session = await openSession({ dbFile: input.dbFile, username: input.username, password: input.password, clock });
  try {
    await inWriteTransaction(session.store.db, (tx) =>
      appendAudit(tx, isoNow(clock), input.username, [{ action: 'store.restore', details: { from: input.backupFile, keptAside } }]),
    );
    const chain = await verifyAuditChain(session.store.db);
    return { keptAside, auditEntries: chain.entries };
  } finally {
    await session.close();
  }
}
