// Opens the store named by --db as the user named by --user, with the password from EDC_PASSWORD or a prompt.

import { resolve } from 'node:path';
import { openSession } from '../core/auth/open-session';
import type { Session } from '../core/store/session';
import { Username } from '../shared/contract/common';
import type { CliIo } from './io';
import { cliText } from './messages';
import { parseWith } from './parse-input';
import { readSecret } from './secrets';

export interface StoreOptions {
  readonly db: string;
  readonly user: string;
}

export async function withSession<T>(io: CliIo, options: StoreOptions, work: (session: Session) => Promise<T>): Promise<T> {
  const username = parseWith(Username, options.user);
  const password = await readSecret(io, 'EDC_PASSWORD', cliText(io)('prompts.password', { user: username }));
  const session = await openSession({ dbFile: resolve(io.cwd, options.db), username, password });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
