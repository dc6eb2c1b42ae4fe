// Online backup: VACUUM INTO writes a consistent copy encrypted with the same key; the keyring is
// copied beside it; the copy is reopened and checked before the backup counts as done.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { writeBackupCopy } from '../../db/backup';
import { getMeta, setMeta } from '../../db/repositories/meta.repository';
import { inWriteTransaction } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit, verifyAuditChain } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import { keyringPathFor, readKeyring } from '../keys/keyring';
import type { Session } from '../store/session';

export interface BackupResult {
  readonly file: string;
  readonly keyringFile: string;
  readonly sha256: string;
  readonly auditEntries: number;
  readonly at: string;
}

export async function backupStore(session: Session, outFile: string): Promise<BackupResult> {
  requireRole(session.user.role, 'store.backup');
  const keyringOut = keyringPathFor(outFile);
  if (existsSync(outFile) || existsSync(keyringOut)) throw new AppError('store.exists', { file: outFile });
  const at = isoNow(session.clock);
  await inWriteTransaction(session.store.db, async (tx) => {
    await setMeta(tx, 'last_backup_at', at);
    await appendAudit(tx, at, session.user.username, [{ action: 'store.backup', details: { file: outFile } }]);
  });
  const tmp = `${outFile}.partial`;
  rmSync(tmp, { force: true });
  try {
    // The copy counts only once its audit chain verifies and it is this store's.
    const entries = await writeBackupCopy(session.store.db, tmp, async (copy) => {
      const chain = await verifyAuditChain(copy);
      if (!chain.ok) throw new AppError('store.backupFailed', { detail: `audit chain broken at ${chain.brokenAt}` });
      if ((await getMeta(copy, 'store_id')) !== session.info.storeId) throw new AppError('store.backupFailed', { detail: 'store id differs' });
      return chain.entries;
    });
    renameSync(tmp, outFile);
    copyFileSync(session.info.keyringFile, keyringOut);
    readKeyring(keyringOut);
    const sha256 = createHash('sha256').update(readFileSync(outFile)).digest('hex');
    return { file: outFile, keyringFile: keyringOut, sha256, auditEntries: entries, at };
  } catch (error) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    if (error instanceof AppError) throw error;
    throw new AppError('store.backupFailed', { detail: error instanceof Error ? error.message.replace(/\/[^\s]*/g, '…') : 'unknown' });
  }
}
