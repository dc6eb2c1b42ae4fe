// `edc central migrate --to postgres://…`: a coordinator whose SQLite central store has outgrown one machine
// moves it to PostgreSQL with its keys (sealed), users, receipts, merged bundles and audit history. The content
// digest is compared inside the copy's transaction; coordinator.json then names the database. central.db is kept.

import type { PostgresLocation } from '../../db/location';
import { copySqliteToPostgres, type CopiedTable } from '../../db/postgres/copy-from-sqlite';
import { AppError } from '../../shared/errors/app-error';
import { writeFileAtomic } from '../files/write-file-atomic';
import { isoNow, type Clock } from '../clock';
import { appendAudit } from '../store/audit-chain';
import { centralDigest } from './central-digest';
import { centralDbFile, centralStoreLocation, coordinatorPublicFile, readCoordinatorFile } from './coordinator-files';
import { describeLocation } from '../../db/location';
import { openCentralSession } from './open-central';

export interface MoveResult {
  readonly digest: string;
  readonly tables: readonly CopiedTable[];
}

export async function moveCentralToPostgres(input: { dir: string; passphrase: string; target: PostgresLocation; clock?: Clock }): Promise<MoveResult> {
  const current = centralStoreLocation(input.dir);
  if (current) throw new AppError('store.alreadyMoved', { database: describeLocation(current) });
  const session = await openCentralSession({ dir: input.dir, passphrase: input.passphrase, ...(input.clock ? { clock: input.clock } : {}) });
  try {
    const before = await centralDigest(session.store.db);
    const tables = await copySqliteToPostgres(session.store.db, input.target, centralDbFile(input.dir), async (copy) => {
      const after = await centralDigest(copy);
      if (after !== before) throw new AppError('store.digestMismatch', { before, after });
      await appendAudit(copy, isoNow(session.clock), session.user.username, [{ action: 'central.moved', details: { to: describeLocation(input.target), digest: before } }]);
    });
    const file = readCoordinatorFile(input.dir);
    writeFileAtomic(coordinatorPublicFile(input.dir), `${JSON.stringify({ ...file, database: input.target }, null, 2)}\n`);
    return { digest: before, tables };
  } finally {
    await session.close();
  }
}
