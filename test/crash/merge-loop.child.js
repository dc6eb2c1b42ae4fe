// Crash-test child: merges one bundle into the central store through the compiled core, again and again
// (the first time for real, then as no-ops), reporting each start and end, until it is killed.
// Usage: node merge-loop.child.js <coordinatorDir> <bundleFile>; passphrase from EDC_PASSPHRASE.
'use strict';
const path = require('node:path');
const dist = path.join(__dirname, '..', '..', 'dist');
const { openSession } = require(path.join(dist, 'core/auth/open-session'));
const { centralDbFile, COORDINATOR_USER } = require(path.join(dist, 'core/central/coordinator-files'));
const { mergeBundle } = require(path.join(dist, 'core/central/merge-bundle'));

async function main() {
  const [dir, bundle] = process.argv.slice(2);
  const session = await openSession({ dbFile: centralDbFile(dir), username: COORDINATOR_USER, password: process.env.EDC_PASSPHRASE, kind: 'central' });
  process.stdout.write('READY\n');
  for (;;) {
    process.stdout.write('MERGING\n');
    const result = await mergeBundle(session, bundle);
    process.stdout.write(`MERGED ${result.status} ${result.sequence}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`child failed: ${error && error.code ? error.code : error}\n`);
  process.exit(3);
});
