// The handles core passes to db functions without seeing inside them: `Db` for reads, `Tx` for a write
// transaction. Only src/db unwraps them, so a second dialect (PostgreSQL) is a change inside src/db only.

import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Database } from './schema/tables';

declare const DB: unique symbol;
declare const TX: unique symbol;

/** A store's database, as core holds it: an argument for repositories and db functions, nothing more. */
export interface Db {
  readonly [DB]: true;
}

/** A write transaction on a store: accepted wherever a `Db` is; required by every write. */
export interface Tx extends Db {
  readonly [TX]: true;
}

export type Sqlite = BetterSqlite3.Database;

/** What a handle is inside src/db: the query builder and the connection it runs on. */
export interface SqliteHandle {
  readonly kysely: Kysely<Database>;
  /** The connection `kysely` runs on (one at a time), for prepared statements and pragmas. */
  readonly sqlite: Sqlite;
  readonly file: string;
  /** The store's key, for opening a second connection on the same file (snapshots, backups). */
  readonly key: Buffer;
}

export function handleOf(db: Db): SqliteHandle {
  return db as unknown as SqliteHandle;
}

export function kyselyOf(db: Db): Kysely<Database> {
  return (db as unknown as SqliteHandle).kysely;
}

export function asDb(handle: SqliteHandle): Db {
  return handle as unknown as Db;
}

export function asTx(handle: SqliteHandle): Tx {
  return handle as unknown as Tx;
}
