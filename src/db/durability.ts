// How hard a commit waits for the disk. Clinical data commits with synchronous=FULL (set at open); only
// generating a synthetic seed may relax it, for the duration of the work, and it is restored afterwards.

import { handleOf, isPostgres, sqliteHandleOf, type Db } from './handle';

export type Durability = 'full' | 'normal' | 'off' | 'extra';

const MODES: readonly Durability[] = ['off', 'normal', 'full', 'extra'];

/** The commit durability of this connection (SQLite's `synchronous`). */
export function durabilityOf(db: Db): Durability {
  // A PostgreSQL server's commits wait for its WAL flush (synchronous_commit, the server's setting).
  if (isPostgres(handleOf(db))) return 'full';
  return MODES[Number(sqliteHandleOf(db).sqlite.pragma('synchronous', { simple: true }))] ?? 'full';
}

/**
 * Commits on these stores' connections stop waiting for fsync until the returned function is called: a
 * crash meanwhile can lose the last commits (a useless seed, never a damaged store). Call it in a `finally`.
 */
export function relaxDurability(dbs: readonly Db[]): () => void {
  const connections = [...new Set(dbs.filter((db) => !isPostgres(handleOf(db))).map((db) => sqliteHandleOf(db).sqlite))];
  for (const sqlite of connections) sqlite.pragma('synchronous = OFF');
  return () => {
    for (const sqlite of connections) sqlite.pragma('synchronous = FULL');
  };
}
