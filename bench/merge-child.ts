// Child process of the exchange benchmark: merges the given bundles into a coordinator's central store
// and prints the elapsed time and the process's peak memory as JSON (one process per measurement).

import { openSession } from '../src/core/auth/open-session';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { mergeRun } from '../src/core/central/merge-run';
import { join } from 'node:path';
import { PASSPHRASE } from './exchange-fixture';

async function main(): Promise<void> {
  const [coordinatorDir, registrations, ...files] = process.argv.slice(2);
  const registerSites = new Map(Object.entries(JSON.parse(registrations!) as Record<string, string>));
  const session = await openSession({ dbFile: centralDbFile(coordinatorDir!), username: COORDINATOR_USER, password: PASSPHRASE });
  try {
    const t = process.hrtime.bigint();
    const report = await mergeRun(session, files, { registerSites, receiptsDir: join(coordinatorDir!, 'receipts') });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const instances = report.outcomes.reduce((n, o) => n + (o.counts?.formInstances ?? 0), 0);
    const refused = report.totals.refused;
    process.stdout.write(`${JSON.stringify({ ms, instances, refused, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
  } finally {
    await session.close();
  }
}

void main();
