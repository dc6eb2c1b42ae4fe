// Opens the central store of a coordinator directory with the passphrase (EDC_PASSPHRASE or a prompt).

import { resolve } from 'node:path';
import { openSession } from '../core/auth/open-session';
import { centralDbFile, COORDINATOR_USER } from '../core/central/coordinator-files';
import type { Session } from '../core/store/session';
import type { CliIo } from './io';
import { cliText } from './messages';
import { readSecret } from './secrets';

export async function withCentral<T>(io: CliIo, dir: string, work: (session: Session) => Promise<T>): Promise<T> {
  const passphrase = await readSecret(io, 'EDC_PASSPHRASE', cliText(io)('prompts.passphrase'));
  const session = await openSession({ dbFile: centralDbFile(resolve(io.cwd, dir)), username: COORDINATOR_USER, password: passphrase, kind: 'central' });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
