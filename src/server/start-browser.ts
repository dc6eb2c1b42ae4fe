// `npm run start:browser [-- --data-dir DIR]`: the app in any local browser through the loopback transport.

import { resolve } from 'node:path';
import { AppContext } from '../core/api/app-context';
import { studyModules } from '../studies';
import { startLoopbackServer } from './loopback-server';
import { rendererRoot } from './static-files';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--data-dir');
  const dataDir = resolve(at >= 0 && args[at + 1] ? args[at + 1]! : process.env.EDC_DATA_DIR ?? 'edc-data');
  const ctx = new AppContext({ dataDir, modules: studyModules });
  const server = await startLoopbackServer({ ctx, rendererDir: rendererRoot(__dirname) });
  process.stdout.write(`EDC running on this computer only. Open / Aprire:\n  ${server.launchUrl}\nData folder / Cartella dati: ${dataDir}\nPress Ctrl+C to stop / Ctrl+C per fermare.\n`);
  const stop = (): void => {
    void server.close().then(() => ctx.dispose()).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
