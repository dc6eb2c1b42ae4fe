// One write transaction: BEGIN IMMEDIATE takes the write lock up front, so two processes (the app and
// the CLI) never interleave a read of the audit head with another's append.

import { sql, type Kysely } from 'kysely';
import type { Database } from './schema/tables';

export type Tx = Kysely<Database>;

export async function inWriteTransaction<T>(db: Kysely<Database>, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await work(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}
