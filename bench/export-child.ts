// Child process of the central benchmarks: one export (csv, odm, report, or the raw CSV baseline) of a
// central store, printing elapsed time and peak memory as JSON.

import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { openSession } from '../src/core/auth/open-session';
import { openSqlite } from '../src/db/open-store';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { exportCsv } from '../src/core/exports/csv/export-csv';
import { exportOdm } from '../src/core/exports/odm/export-odm';
import { writeReport } from '../src/core/report';
import { studyModules } from '../src/studies';
import { PASSPHRASE } from './exchange-fixture';
import { nowMs } from './measure';

/** Raw SELECT of every form instance (and subject) streamed through csv-stringify into one file. */
async function rawCsv(coordinatorDir: string, file: string): Promise<number> {
  const s = await openSession({ dbFile: centralDbFile(coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE });
  try {
    // A raw connection of its own, opened before the clock starts.
    const sqlite = openSqlite(s.store.file, s.dbKey, false);
    const out = createWriteStream(file);
    const t = nowMs();
    for (const table of ['subjects', 'form_instances']) {
      let batch: unknown[][] = [];
      for (const row of sqlite.prepare(`SELECT * FROM ${table}`).raw(true).iterate() as IterableIterator<unknown[]>) {
        batch.push(row);
        if (batch.length === 1000) {
          if (!out.write(stringify(batch))) await new Promise<void>((r) => out.once('drain', () => r()));
          batch = [];
        }
      }
      out.write(stringify(batch));
    }
    await new Promise<void>((r) => out.end(() => r()));
    const ms = nowMs() - t;
    sqlite.close();
    return ms;
  } finally {
    await s.close();
  }
}


async function main(): Promise<void> {
  const [what, coordinatorDir, outDir] = process.argv.slice(2);
  if (what === 'raw-csv') {
    const ms = await rawCsv(coordinatorDir!, join(outDir!, 'raw.csv'));
    process.stdout.write(`${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
    return;
  }
  const session = await openSession({ dbFile: centralDbFile(coordinatorDir!), username: COORDINATOR_USER, password: PASSPHRASE });
  try {
    const t = process.hrtime.bigint();
    if (what === 'csv') await exportCsv(session, join(outDir!, 'csv'), { dialect: 'rfc4180', modules: studyModules });
    else if (what === 'odm') await exportOdm(session, join(outDir!, 'central.odm.xml'));
    else await writeReport(session, { out: join(outDir!, 'report.html'), lang: 'en', modules: studyModules });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    process.stdout.write(`${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
  } finally {
    await session.close();
  }
}

void main();
