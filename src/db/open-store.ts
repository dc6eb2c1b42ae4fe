// Opens an encrypted store: SQLCipher-v4 format keyed with a raw 32-byte key, WAL, foreign keys,
// synchronous=FULL; migrates forward and refuses a store written by a newer schema.

import { existsSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { AppError } from '../shared/errors/app-error';
import { asDb, type Db, type Sqlite, type SqliteHandle } from './handle';
import type { PostgresLocation } from './location';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { openPostgresStore } from './postgres/open-postgres';
import type { Database } from './schema/tables';

export type { Sqlite } from './handle';

/** An open store as core holds it: the handle for db functions, its file, and closing. No raw connection. */
export interface OpenedStore {
  readonly db: Db;
  readonly file: string;
  close(): Promise<void>;
}

/** Applies the cipher and key to a freshly opened connection; PRAGMAs take no parameters, so the key is hex-checked. */
export function applyKey(sqlite: Sqlite, key: Buffer): void {
  if (key.length !== 32) throw new AppError('store.notADatabase');
  const hex = key.toString('hex');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new AppError('store.notADatabase');
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${hex}'"`);
}

/** A wrong key is only noticed on the first read: probe now and map it to a coded error. */
function probe(sqlite: Sqlite): void {
  try {
    sqlite.prepare('SELECT count(*) AS n FROM sqlite_master').get();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new AppError('store.notADatabase');
    throw error;
  }
}

export function openSqlite(file: string, key: Buffer, create: boolean): Sqlite {
  if (!create && !existsSync(file)) throw new AppError('store.notFound', { file });
  if (create && existsSync(file)) throw new AppError('store.exists', { file });
  let sqlite: Sqlite;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: !create });
  } catch {
    throw new AppError('store.notFound', { file });
  }
  try {
    applyKey(sqlite, key);
    probe(sqlite);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/**
 * better-sqlite3 through Kysely, with prepared statements kept per SQL text: Kysely prepares on every
 * call, which costs more than running most of our small statements. Safe because Kysely runs one query
 * at a time on the connection.
 */
function withStatementCache(sqlite: Sqlite): { prepare(sql: string): BetterSqlite3.Statement; close(): void } {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        // Multi-row inserts of varying sizes make many texts; keep the most recent ones only.
        if (cache.size >= 400) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
    close: () => sqlite.close(),
  };
}

function handleOn(sqlite: Sqlite, file: string, key: Buffer): SqliteHandle {
  return { kysely: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }), sqlite, file, key };
}

/**
 * Opens a store: the one place that picks the dialect. Without `location`, the encrypted SQLite file `file`;
 * with one, that PostgreSQL database (`file` then only anchors the keyring beside it).
 */
export async function openStore(file: string, key: Buffer, options: { create: boolean; location?: PostgresLocation | undefined }): Promise<OpenedStore> {
  if (options.location) {
    const opened = await openPostgresStore(options.location, file, key, { create: options.create });
    return { db: asDb(opened.handle), file, close: opened.close };
  }
  const handle = handleOn(openSqlite(file, key, options.create), file, key);
  try {
    await migrate(handle.kysely, handle.sqlite);
  } catch (error) {
    await handle.kysely.destroy();
    throw error;
  }
  return { db: asDb(handle), file, close: () => handle.kysely.destroy() };
}

/**
 * A second connection on a store another connection already opened (and migrated): for read snapshots and
 * checking backups. Never migrates: the first connection did; a newer schema is refused as at open.
 */
export function openConnection(file: string, key: Buffer): { handle: SqliteHandle; close(): Promise<void> } {
  const handle = handleOn(openSqlite(file, key, false), file, key);
  const found = schemaVersionOf(handle.sqlite);
  if (found > SCHEMA_VERSION) {
    handle.sqlite.close();
    throw new AppError('store.newerSchema', { found, known: SCHEMA_VERSION });
  }
  return { handle, close: () => handle.kysely.destroy() };
}

async function migrate(db: Kysely<Database>, sqlite: Sqlite): Promise<void> {
  const current = Number(sqlite.pragma('user_version', { simple: true }));
  if (current > SCHEMA_VERSION) throw new AppError('store.newerSchema', { found: current, known: SCHEMA_VERSION });
  for (let version = current; version < SCHEMA_VERSION; version += 1) {
    const migration = MIGRATIONS[version]!;
    await db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        await migration.up(conn as unknown as Kysely<unknown>);
        await sql.raw(`PRAGMA user_version = ${version + 1}`).execute(conn);
        await sql`COMMIT`.execute(conn);
      } catch (error) {
        await sql`ROLLBACK`.execute(conn);
        throw error;
      }
    });
  }
}

export function schemaVersionOf(sqlite: Sqlite): number {
  return Number(sqlite.pragma('user_version', { simple: true }));
}
