// A consistent copy of an open store (VACUUM INTO), encrypted with the same key, reopened and checked
// (integrity, then the caller's own checks) and left in rollback-journal mode so it is one self-contained file.

import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { AppError } from '../shared/errors/app-error';
import { asDb, sqliteHandleOf, type Db } from './handle';
import { openConnection } from './open-store';

/**
 * Writes the copy to `file` (which must not exist) and returns what `check` returns on the copy.
 * On any failure the copy is removed; a failed integrity check is `store.backupFailed`.
 */
export async function writeBackupCopy<T>(db: Db, file: string, check: (copy: Db) => Promise<T>): Promise<T> {
  const { kysely, key } = sqliteHandleOf(db);
  const leftovers = [file, `${file}-wal`, `${file}-shm`];
  try {
    // VACUUM INTO takes no bound parameters; the path is passed as an escaped SQL string literal.
    await sql.raw(`VACUUM INTO '${file.replace(/'/g, "''")}'`).execute(kysely);
    const copy = openConnection(file, key);
    let result: T;
    try {
      const integrity = copy.handle.sqlite.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new AppError('store.backupFailed', { detail: String(integrity) });
      result = await check(asDb(copy.handle));
      copy.handle.sqlite.pragma('journal_mode = DELETE');
    } finally {
      await copy.close();
    }
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    return result;
  } catch (error) {
    for (const f of leftovers) rmSync(f, { force: true });
    throw error;
  }
}
