// Transactions and read snapshots. A write transaction takes the write lock up front (BEGIN IMMEDIATE),
// so two processes (the app and the CLI) never interleave a read of the audit head with another's append.
// A read snapshot runs on a connection of its own, so one export sees one committed state while saves
// and merges go on (WAL).

import { sql } from 'kysely';
import { asDb, asTx, handleOf, type Db, type Tx } from './handle';
import { openConnection } from './open-store';

export type { Db, Tx } from './handle';

export async function inWriteTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const handle = handleOf(db);
  return handle.kysely.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await work(asTx({ ...handle, kysely: conn }));
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}

/** Runs `work` on one consistent snapshot of the store, on a second connection closed afterwards. */
export async function inReadSnapshot<T>(db: Db, work: (snapshot: Db) => Promise<T>): Promise<T> {
  const { handle, close } = openConnection(handleOf(db).file, handleOf(db).key);
  try {
    // A deferred transaction takes its snapshot at the first read; nothing is written on this connection.
    handle.sqlite.exec('BEGIN');
    const result = await work(asDb(handle));
    handle.sqlite.exec('COMMIT');
    return result;
  } finally {
    await close();
  }
}
