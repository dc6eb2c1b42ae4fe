// The handles core passes to db functions without seeing inside them: `Db` for reads, `Tx` for a write
// transaction. Only src/db unwraps them, so a second dialect (PostgreSQL) is a change inside src/db only.

import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Kysely } from 'kysely';
import type { Pool, PoolClient } from 'pg';
import { AppError } from '../shared/errors/app-error';
import type { PostgresLocation } from './location';
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
  readonly dialect?: 'sqlite';
  readonly kysely: Kysely<Database>;
  /** The connection `kysely` runs on (one at a time), for prepared statements and pragmas. */
  readonly sqlite: Sqlite;
  readonly file: string;
  /** The store's key, for opening a second connection on the same file (snapshots, backups). */
  readonly key: Buffer;
}

/** A central store on a PostgreSQL server: a pool, or (inside a transaction or snapshot) one client of it. */
export interface PostgresHandle {
  readonly dialect: 'postgres';
  readonly kysely: Kysely<Database>;
  readonly pool: Pool;
  /** Set inside a transaction or a read snapshot: the one connection `kysely` runs on. */
  readonly client?: PoolClient;
  readonly inTransaction?: boolean;
  readonly location: PostgresLocation;
  /** Where the keyring is anchored (the coordinator directory's central.db path, which does not exist). */
  readonly file: string;
  /** The store's key: PostgreSQL has no at-rest encryption, so meta values (the coordinator's keys) are sealed with it. */
  readonly key: Buffer;
}

export type StoreHandle = SqliteHandle | PostgresHandle;

export function handleOf(db: Db): StoreHandle {
  return db as unknown as StoreHandle;
}

export function isPostgres(handle: StoreHandle): handle is PostgresHandle {
  return handle.dialect === 'postgres';
}

/** The SQLite handle of a store, for what only SQLite has (pragmas, VACUUM INTO backups); refused on PostgreSQL. */
export function sqliteHandleOf(db: Db): SqliteHandle {
  const handle = handleOf(db);
  if (isPostgres(handle)) throw new AppError('store.sqliteOnly');
  return handle;
}

export function kyselyOf(db: Db): Kysely<Database> {
  return (db as unknown as StoreHandle).kysely;
}

export function asDb(handle: StoreHandle): Db {
  return handle as unknown as Db;
}

export function asTx(handle: StoreHandle): Tx {
  return handle as unknown as Tx;
}
