// Claims a site for the length of a merge transaction. On PostgreSQL, merges of different sites run side by
// side and a second merge of the same site is refused at once (`merge.busy`), changing nothing; on SQLite the
// write transaction already holds the store's one write lock, so there is nothing more to claim.

import { sql } from 'kysely';
import { AppError } from '../shared/errors/app-error';
import { handleOf, isPostgres, type Tx } from './handle';
import { LOCKS } from './postgres/advisory-locks';

export async function claimSiteForMerge(tx: Tx, siteId: string): Promise<void> {
  const handle = handleOf(tx);
  if (!isPostgres(handle)) return;
  const { rows } = await sql<{ claimed: boolean }>`SELECT pg_try_advisory_xact_lock(${LOCKS.siteMerge}, hashtext(${siteId})) AS claimed`.execute(handle.kysely);
  if (rows[0]?.claimed !== true) throw new AppError('merge.busy', { site: siteId });
}
