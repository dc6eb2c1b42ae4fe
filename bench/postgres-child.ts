// Child process of the PostgreSQL benchmarks, on a coordinator folder whose central store is in PostgreSQL:
// `merge` (total and per-bundle times, peak memory), `copy` (the raw COPY baseline), `csv` (the central CSV
// export) or `raw-csv` (cursor SELECT + csv-stringify); prints its figures as JSON, one process per measurement.

import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { Client } from 'pg';
import Cursor from 'pg-cursor';
import { centralStoreLocation } from '../src/core/central/coordinator-files';
import { coordinatorSecrets } from '../src/core/central/coordinator-init';
import { mergeRun } from '../src/core/central/merge-run';
import { openCentralSession } from '../src/core/central/open-central';
import { exportCsv } from '../src/core/exports/csv/export-csv';
import { clientConfigOf } from '../src/db/location';
import { studyModules } from '../src/studies';
import { PASSPHRASE } from './exchange-fixture';
import { nowMs } from './measure';
import { rawCopy } from './postgres-copy';

const maxRssMB = (): number => process.resourceUsage().maxRSS / 1024;

/** A raw connection to the folder's database, as the app's own role would open it. */
async function rawClient(coordinatorDir: string): Promise<Client> {
  const location = centralStoreLocation(coordinatorDir);
  if (!location) throw new Error(`${coordinatorDir} is not on PostgreSQL`);
  const client = new Client(clientConfigOf(location));
  await client.connect();
  return client;
}

async function merge(coordinatorDir: string, registrations: string, files: readonly string[]): Promise<object> {
  const registerSites = new Map(Object.entries(JSON.parse(registrations) as Record<string, string>));
  const session = await openCentralSession({ dir: coordinatorDir, passphrase: PASSPHRASE });
  try {
    // Each bundle's time: from its progress call to the next one (the last ends before the run's digest).
    const starts: number[] = [];
    const t = nowMs();
    const report = await mergeRun(session, files, { registerSites, receiptsDir: join(coordinatorDir, 'receipts'), onProgress: () => starts.push(nowMs()) });
    const ms = nowMs() - t;
    const perBundleMs = starts.slice(1).map((end, i) => end - starts[i]!);
    const instances = report.outcomes.reduce((n, o) => n + (o.counts?.formInstances ?? 0), 0);
    return { ms, instances, refused: report.totals.refused, perBundleMs, maxRssMB: maxRssMB() };
  } finally {
    await session.close();
  }
}

async function copy(coordinatorDir: string, files: readonly string[]): Promise<object> {
  const session = await openCentralSession({ dir: coordinatorDir, passphrase: PASSPHRASE });
  let identity: string;
  try {
    identity = (await coordinatorSecrets(session.store.db)).ageIdentity;
  } finally {
    await session.close();
  }
  const client = await rawClient(coordinatorDir);
  try {
    return await rawCopy(client, files, identity);
  } finally {
    await client.end();
  }
}

async function csv(coordinatorDir: string, outDir: string): Promise<object> {
  const session = await openCentralSession({ dir: coordinatorDir, passphrase: PASSPHRASE });
  try {
    const t = nowMs();
    await exportCsv(session, join(outDir, 'csv'), { dialect: 'rfc4180', modules: studyModules });
    return { ms: nowMs() - t, maxRssMB: maxRssMB() };
  } finally {
    await session.close();
  }
}

/** Every subject and form instance read through a cursor, 1000 rows at a time, into one CSV file. */
async function rawCsv(coordinatorDir: string, outDir: string): Promise<object> {
  // Connected before the clock starts, as the export's session is.
  const client = await rawClient(coordinatorDir);
  try {
    const out = createWriteStream(join(outDir, 'raw.csv'));
    const t = nowMs();
    for (const table of ['subjects', 'form_instances']) {
      const cursor = client.query(new Cursor<Record<string, unknown>>(`SELECT * FROM ${table}`));
      for (let rows = await cursor.read(1000); rows.length > 0; rows = await cursor.read(1000)) {
        if (!out.write(stringify(rows))) await new Promise<void>((r) => out.once('drain', () => r()));
      }
      await cursor.close();
    }
    await new Promise<void>((r) => out.end(() => r()));
    return { ms: nowMs() - t, maxRssMB: maxRssMB() };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const [what, coordinatorDir, ...rest] = process.argv.slice(2);
  const dir = coordinatorDir!;
  let result: object;
  if (what === 'merge') result = await merge(dir, rest[0]!, rest.slice(1));
  else if (what === 'copy') result = await copy(dir, rest);
  else if (what === 'csv') result = await csv(dir, rest[0]!);
  else if (what === 'raw-csv') result = await rawCsv(dir, rest[0]!);
  else throw new Error(`unknown measurement ${what ?? ''}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
