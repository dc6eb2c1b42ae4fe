// Upload-abuse child: runs the coordinator's upload server in a process of its own so the test can read
// that process's peak memory. Usage: node -r scripts/register-ts.js upload-server.child.ts <coordinatorDir>
// <cert.pem> <key.pem> <bounds JSON>; passphrase from EDC_PASSPHRASE. Prints `READY <port>`; answers each
// `RSS` line on stdin with `RSS <peak resident set size in bytes>`.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openSession } from '../../src/core/auth/open-session';
import { centralDbFile, COORDINATOR_USER } from '../../src/core/central/coordinator-files';
import { startUploadServer, type UploadBounds } from '../../src/core/central/upload-server';

async function main(): Promise<void> {
  const [dir, cert, key, bounds] = process.argv.slice(2) as [string, string, string, string];
  const session = await openSession({ dbFile: centralDbFile(dir), username: COORDINATOR_USER, password: process.env['EDC_PASSPHRASE'] ?? '', kind: 'central' });
  const server = await startUploadServer({
    session,
    dir,
    host: '127.0.0.1',
    port: 0,
    cert: readFileSync(cert, 'utf8'),
    key: readFileSync(key, 'utf8'),
    bounds: JSON.parse(bounds) as Partial<UploadBounds>,
    clock: () => new Date(),
  });
  createInterface({ input: process.stdin }).on('line', (line) => {
    // maxRSS is the peak since the process started, in KiB.
    if (line === 'RSS') process.stdout.write(`RSS ${process.resourceUsage().maxRSS * 1024}\n`);
  });
  process.stdin.once('end', () => {
    void server.close().then(() => session.close()).then(() => process.exit(0));
  });
  process.stdout.write(`READY ${server.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`child failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(3);
});
