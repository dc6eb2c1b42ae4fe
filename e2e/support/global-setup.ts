// Builds the renderer before the browser tests, so they always run the current UI (a fresh clone works too).

import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export default function globalSetup(): void {
  if (process.env.EDC_E2E_SKIP_BUILD === '1') return;
  const root = join(__dirname, '..', '..');
  // vite's bin is not an exported subpath: run it from node_modules like npm scripts do.
  execFileSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
