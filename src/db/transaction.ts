// Transactions and read snapshots. A write transaction takes the write lock up front (BEGIN IMMEDIATE),
// so two processes (the app and the CLI) never interleave a read of the audit head with another's append.
// A read snapshot runs on a connection of its own, so one export sees one committed state while saves
// and merges go on (WAL). On PostgreSQL both run on a client of the pool: writers of different sites go on
// side by side (the audit head is locked where it is read), a snapshot is a REPEATABLE READ transaction.

import { sql } from 'kysely';
import type { PoolClient } from 'pg';
import { asDb, asTx, handleOf, isPostgres, type Db, type PostgresHandle, type Tx } from './handle';
import { openConnection } from './open-store';
import { kyselyOnClient, unreachable } from './postgres/open-postgres';

export type { Db, Tx } from './handle';

async function onClient<T>(handle: PostgresHandle, begin: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
  let client: PoolClient;
  try {
    client = await handle.pool.connect();
  } catch (error) {
    throw unreachable(handle.location, error);
  }
  let broken = false;
  try {
    await client.query(begin);
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

export async function inWriteTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  const handle = handleOf(db);
  if (isPostgres(handle)) {
    return onClient(handle, 'BEGIN', (client) => work(asTx({ ...handle, kysely: kyselyOnClient(client), client, inTransaction: true })));
  }
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
  const pg = handleOf(db);
  if (isPostgres(pg)) {
    return onClient(pg, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY', (client) => work(asDb({ ...pg, kysely: kyselyOnClient(client), client })));
  }
  const { handle, close } = openConnection(pg.file, pg.key);
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
