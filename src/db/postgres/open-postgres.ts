// Opens a central store on PostgreSQL: a connection pool (pg, streamed reads through pg-cursor), the same
// migrations as SQLite under a lock, and the schema version in a table of its own (SQLite keeps it in
// user_version). A database written by a newer version is refused, never "upgraded" backwards.

import { Kysely, PostgresDialect, sql } from 'kysely';
import { Pool, types, type PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import { AppError } from '../../shared/errors/app-error';
import type { PostgresHandle } from '../handle';
import { clientConfigOf, describeLocation, type PostgresLocation } from '../location';
import { MIGRATIONS, SCHEMA_VERSION } from '../migrations';
import type { Database } from '../schema/tables';
import { LOCKS } from './advisory-locks';
import { PortableSchemaPlugin } from './portable-schema.plugin';

const INT8 = 20;
const NUMERIC = 1700;

/** Counts and sums come back as numbers, as from SQLite (they stay far below 2^53 here). */
const typeParsers = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    return format === 'binary' ? types.getTypeParser(oid, 'binary') : types.getTypeParser(oid, 'text');
  },
} as const;

const plugins = [new PortableSchemaPlugin()];

function kyselyOn(pool: { connect(): Promise<PoolClient>; end(): Promise<void> }): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }), plugins });
}

/** A query builder bound to one client of the pool (a transaction's or a snapshot's): never releases it. */
export function kyselyOnClient(client: PoolClient): Kysely<Database> {
  const borrowed = new Proxy(client, { get: (target, prop, receiver) => (prop === 'release' ? () => undefined : Reflect.get(target, prop, receiver) as unknown) });
  return kyselyOn({ connect: () => Promise.resolve(borrowed), end: () => Promise.resolve() });
}

/** A driver's refusal to connect, as a coded error naming the server (never the password). */
export function unreachable(location: PostgresLocation, error: unknown): AppError {
  const code = (error as { code?: string }).code;
  if (code === '28P01' || code === '28000') return new AppError('auth.wrongDatabasePassword', { database: describeLocation(location) });
  if (code === '3D000') return new AppError('store.notFound', { file: describeLocation(location) });
  return new AppError('store.unreachable', { database: describeLocation(location), detail: code ?? (error instanceof Error ? error.message : 'unknown') });
}

async function schemaVersion(client: PoolClient): Promise<number | undefined> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('edc_schema') AS t`);
  if (!exists.rows[0]?.t) return undefined;
  const row = await client.query<{ version: number }>('SELECT version FROM edc_schema WHERE id = 1');
  return row.rows[0]?.version ?? 0;
}

async function holdsStore(client: PoolClient): Promise<boolean> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('meta') AS t`);
  if (!exists.rows[0]?.t) return false;
  return (await client.query('SELECT 1 FROM meta LIMIT 1')).rows.length > 0;
}

async function migrate(client: PoolClient, location: PostgresLocation, create: boolean): Promise<void> {
  await client.query('BEGIN');
  try {
    // One migrator at a time (two coordinators starting at once); DDL is transactional here.
    await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCKS.migrate]);
    const found = await schemaVersion(client);
    // A schema without a store in it (an init or a move that failed after migrating) may be used again.
    if (create && found !== undefined && found > 0 && (await holdsStore(client))) throw new AppError('store.exists', { file: describeLocation(location) });
    if (!create && found === undefined) throw new AppError('store.notFound', { file: describeLocation(location) });
    const current = found ?? 0;
    if (current > SCHEMA_VERSION) throw new AppError('store.newerSchema', { found: current, known: SCHEMA_VERSION });
    if (current < SCHEMA_VERSION) {
      if (found === undefined) await client.query('CREATE TABLE edc_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)');
      if (found === undefined) await client.query('INSERT INTO edc_schema (id, version) VALUES (1, 0)');
      const db = kyselyOnClient(client);
      for (let version = current; version < SCHEMA_VERSION; version += 1) await MIGRATIONS[version]!.up(db as unknown as Kysely<unknown>);
      await sql`UPDATE edc_schema SET version = ${SCHEMA_VERSION} WHERE id = 1`.execute(db);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code === '42501') throw new AppError('store.migrationDenied', { database: describeLocation(location) });
    throw error;
  }
}

export function newPool(location: PostgresLocation): Pool {
  const pool = new Pool({ ...clientConfigOf(location), types: typeParsers, max: 8, idleTimeoutMillis: 10_000 });
  // An idle client's error (the server restarted) must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  return pool;
}

export async function openPostgresStore(location: PostgresLocation, anchorFile: string, key: Buffer, options: { create: boolean }): Promise<{ handle: PostgresHandle; close(): Promise<void> }> {
  const pool = newPool(location);
  try {
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw unreachable(location, error);
    }
    try {
      await migrate(client, location, options.create);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const kysely = kyselyOn(pool);
  const handle: PostgresHandle = { dialect: 'postgres', kysely, pool, location, file: anchorFile, key };
  return { handle, close: () => kysely.destroy() };
}
