// Opening the central store of a coordinator directory, wherever its data is (central.db, or the PostgreSQL
// database coordinator.json names): what the CLI, the demo and the tests call instead of naming the file.

import { openSession } from '../auth/open-session';
import type { Clock } from '../clock';
import type { Session } from '../store/session';
import { centralDbFile, centralStoreLocation, COORDINATOR_USER } from './coordinator-files';

export function openCentralSession(input: { dir: string; passphrase: string; clock?: Clock; auditLogin?: boolean }): Promise<Session> {
  return openSession({
    dbFile: centralDbFile(input.dir),
    username: COORDINATOR_USER,
    password: input.passphrase,
    kind: 'central',
    location: centralStoreLocation(input.dir),
    ...(input.clock ? { clock: input.clock } : {}),
    ...(input.auditLogin ? { auditLogin: true } : {}),
  });
}
