// The app's loopback transport in the test process, on a fresh data folder (or a given one, e.g. a site or a
// coordinator's folder prepared through core): what `npm run start:browser [-- --data-dir DIR]` runs.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppContext } from '../../src/core/api/app-context';
import { studyModules } from '../../src/studies';
import { startLoopbackServer, type LoopbackServer } from '../../src/server/loopback-server';

export interface AppServer {
  readonly dataDir: string;
  readonly server: LoopbackServer;
  readonly serverLog: string[];
  stop(): Promise<void>;
}

export async function startApp(options: { dataDir?: string } = {}): Promise<AppServer> {
  const owned = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'edc-e2e-data-'));
  const ctx = new AppContext({ dataDir, modules: studyModules });
  const serverLog: string[] = [];
  const server = await startLoopbackServer({ ctx, rendererDir: resolve(__dirname, '..', '..', 'dist', 'renderer'), log: (line) => serverLog.push(line) });
  return {
    dataDir,
    server,
    serverLog,
    async stop() {
      await server.close();
      await ctx.dispose();
      if (owned && process.env.EDC_E2E_KEEP !== '1') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
