// Opens the central store of a coordinator directory with the passphrase (EDC_PASSPHRASE or a prompt),
// wherever coordinator.json says its data is.

import { resolve } from 'node:path';
import { openCentralSession } from '../core/central/open-central';
import type { Session } from '../core/store/session';
import type { CliIo } from './io';
import { cliText } from './messages';
import { readSecret } from './secrets';

export async function withCentral<T>(io: CliIo, dir: string, work: (session: Session) => Promise<T>): Promise<T> {
  const passphrase = await readSecret(io, 'EDC_PASSPHRASE', cliText(io)('prompts.passphrase'));
  const session = await openCentralSession({ dir: resolve(io.cwd, dir), passphrase });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
