// Child process of the central benchmarks: one export (csv, odm or report) of a central store, printing
// elapsed time and peak memory as JSON.

import { join } from 'node:path';
import { openSession } from '../src/core/auth/open-session';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { exportCsv } from '../src/core/exports/csv/export-csv';
import { exportOdm } from '../src/core/exports/odm/export-odm';
import { writeReport } from '../src/core/report';
import { PASSPHRASE } from './exchange-fixture';

async function main(): Promise<void> {
  const [what, coordinatorDir, outDir] = process.argv.slice(2);
  const session = await openSession({ dbFile: centralDbFile(coordinatorDir!), username: COORDINATOR_USER, password: PASSPHRASE });
  try {
    const t = process.hrtime.bigint();
    if (what === 'csv') await exportCsv(session, join(outDir!, 'csv'), { dialect: 'rfc4180' });
    else if (what === 'odm') await exportOdm(session, join(outDir!, 'central.odm.xml'));
    else await writeReport(session, { out: join(outDir!, 'report.html'), lang: 'en' });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    process.stdout.write(`${JSON.stringify({ ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
  } finally {
    await session.close();
  }
}

void main();
