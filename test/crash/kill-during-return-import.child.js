// Crash-test child: imports one return bundle into a site store through the compiled core, again and again
// (the first time for real, then as no-ops), reporting each start and end, until it is killed.
// Usage: node kill-during-return-import.child.js <siteDbFile> <username> <returnFile>; password from EDC_PASSWORD.
'use strict';
const path = require('node:path');
const dist = path.join(__dirname, '..', '..', 'dist');
const { openSession } = require(path.join(dist, 'core/auth/open-session'));
const { importReturn, readReturnFile } = require(path.join(dist, 'core/bundles/import-return'));

async function main() {
  const [dbFile, username, file] = process.argv.slice(2);
  const session = await openSession({ dbFile, username, password: process.env.EDC_PASSWORD });
  const bytes = readReturnFile(file);
  process.stdout.write('READY\n');
  for (;;) {
    process.stdout.write('IMPORTING\n');
    const result = await importReturn(session, bytes);
    process.stdout.write(`IMPORTED ${result.status} ${result.sequence}\n`);
  }
}

main().catch((error) => {
  process.stderr.write(`child failed: ${error && error.code ? error.code : error}\n`);
  process.exit(3);
});
