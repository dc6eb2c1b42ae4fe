// Online backup: VACUUM INTO writes a consistent copy encrypted with the same key; the keyring is
// copied beside it; the copy is reopened and checked before the backup counts as done.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { openStore } from '../../db/open-store';
import { getMeta, setMeta } from '../../db/repositories/meta.repository';
import { inWriteTransaction } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit, verifyAuditChain } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import { keyringPathFor, readKeyring } from '../keys/keyring';
import type { Session } from '../store/session';
import { sql } from 'kysely';

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
    // VACUUM INTO takes no bound parameters; the path is passed as an escaped SQL string literal.
    await sql.raw(`VACUUM INTO '${tmp.replace(/'/g, "''")}'`).execute(session.store.db);
    const backup = await openStore(tmp, session.dbKey, { create: false });
    let entries: number;
    try {
      const integrity = backup.sqlite.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new AppError('store.backupFailed', { detail: String(integrity) });
      const chain = await verifyAuditChain(backup.db);
      if (!chain.ok) throw new AppError('store.backupFailed', { detail: `audit chain broken at ${chain.brokenAt}` });
      if ((await getMeta(backup.db, 'store_id')) !== session.info.storeId) throw new AppError('store.backupFailed', { detail: 'store id differs' });
      entries = chain.entries;
      backup.sqlite.pragma('journal_mode = DELETE');
    } finally {
      await backup.close();
    }
    rmSync(`${tmp}-wal`, { force: true });
    rmSync(`${tmp}-shm`, { force: true });
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
