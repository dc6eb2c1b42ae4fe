// Child process of the exchange fixture: derives the named sites' bundles from the decrypted base bundle
// (identity in EDC_BENCH_AGE_IDENTITY) into a folder, printing their key fingerprints as JSON.

import { deriveSites } from './exchange-fixture';

async function main(): Promise<void> {
  const [baseFile, recipient, outDir, ...siteIds] = process.argv.slice(2);
  const identity = process.env.EDC_BENCH_AGE_IDENTITY;
  if (!baseFile || !recipient || !outDir || !identity) throw new Error('usage: derive-child.ts BASE RECIPIENT OUT_DIR SITE… (identity in EDC_BENCH_AGE_IDENTITY)');
  const fingerprints = await deriveSites(baseFile, identity, recipient, outDir, siteIds);
  process.stdout.write(`${JSON.stringify(fingerprints)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
