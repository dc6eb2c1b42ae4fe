// PostgreSQL for the central store's tests: a fresh database per call on the server scripts/pg-test-setup.sh
// prepares (EDC_TEST_PG_URL, the owner role), with the app role's rights, dropped after the file's tests.
// No server reachable is a failure, never a skip: `.ci/run` starts one.

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { centralDatabase, type PostgresLocation } from '../../src/core/central/database-location';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

const ADMIN_URL = process.env.EDC_TEST_PG_URL ?? 'postgres://edc_owner@127.0.0.1:5432/edc_test';
const APP_ROLE = process.env.EDC_TEST_PG_APP ?? 'edc_app';
// The test cluster's throwaway password (scripts/pg-test-setup.sh); pg reads PGPASSWORD like libpq.
process.env.PGPASSWORD ??= 'edc-test-only';

const created: string[] = [];

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL for the tests is not reachable at ${ADMIN_URL} (run scripts/pg-test-setup.sh): ${String(error)}`, { cause: error });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function urlFor(database: string, role?: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  if (role) url.username = role;
  return url.toString();
}

export interface TestDatabase {
  readonly name: string;
  /** The owner's location (migrations, as `coordinator init` runs them here). */
  readonly owner: PostgresLocation;
  /** The app role's location: rows only, no DDL. */
  readonly app: PostgresLocation;
}

/** A new empty database owned by the owner role; the app role gets row rights on what the owner creates. */
export async function freshPostgresDatabase(): Promise<TestDatabase> {
  const name = `edc_t_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`));
  created.push(name);
  const owner = new Client({ connectionString: urlFor(name) });
  await owner.connect();
  try {
    // The README's SQL for the app role, per database.
    await owner.query(`REVOKE ALL ON SCHEMA public FROM PUBLIC`);
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`);
    await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`);
    await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`);
  } finally {
    await owner.end();
  }
  return { name, owner: centralDatabase({ url: urlFor(name) }), app: centralDatabase({ url: urlFor(name, APP_ROLE) }) };
}

/** Runs SQL as the owner on a test database (inspection, or tampering a test needs). */
export async function asOwner<T>(database: TestDatabase, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: urlFor(database.name) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  if (created.length === 0) return;
  await admin(async (c) => {
    for (const name of created.splice(0)) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
});
