// The PostgreSQL benchmarks' server: the same local cluster and roles the tests use (scripts/pg-test-setup.sh,
// run here so `npm run bench` needs nothing done first), a fresh database per measurement, dropped afterwards,
// and a bench coordinator folder moved into one (`edc central migrate --to`, the way a real store gets there).

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { centralDatabase, type PostgresLocation } from '../src/core/central/database-location';
import { moveCentralToPostgres } from '../src/core/central/move-to-postgres';
import { PASSPHRASE } from './exchange-fixture';

export interface PostgresServer {
  /** A new empty database (C collation, as the setup script makes the test one), owned by the owner role. */
  database(): Promise<PostgresLocation>;
  /** Moves a coordinator folder's (SQLite) central store into a new database; the folder then names it. */
  moveCoordinator(coordinatorDir: string): Promise<PostgresLocation>;
  /** Drops every database made here. */
  close(): Promise<void>;
}

/** Runs the setup script and takes its exports into this process's environment (children inherit them). */
function setUpCluster(): string {
  const script = join(__dirname, '..', 'scripts', 'pg-test-setup.sh');
  const out = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of out.split('\n')) {
    const match = /^export ([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) process.env[match[1]!] = match[2]!;
  }
  const url = process.env.EDC_TEST_PG_URL;
  if (!url) throw new Error('scripts/pg-test-setup.sh printed no EDC_TEST_PG_URL');
  return url;
}

export async function startPostgres(): Promise<PostgresServer> {
  const adminUrl = setUpCluster();
  const created: string[] = [];
  const admin = async (text: string): Promise<void> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const database = async (): Promise<PostgresLocation> => {
    const name = `edc_bench_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
    created.push(name);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return centralDatabase({ url: url.toString() });
  };
  return {
    database,
    async moveCoordinator(coordinatorDir) {
      const target = await database();
      await moveCentralToPostgres({ dir: coordinatorDir, passphrase: PASSPHRASE, target });
      return target;
    },
    async close() {
      for (const name of created.splice(0)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
