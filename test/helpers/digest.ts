// A digest of a store's logical content (every row of every table) and its keyring, to prove "nothing written".

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Session } from '../../src/core/store/session';
import { withRawConnection } from './raw-connection';

const TABLES = ['meta', 'study_definitions', 'users', 'subjects', 'subject_identity', 'form_instances', 'instance_counters', 'subject_status', 'audit'];

export function storeDigest(session: Session): string {
  const hash = createHash('sha256');
  withRawConnection(session, (sqlite) => {
    for (const table of TABLES) {
      const rows = sqlite.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all();
      hash.update(table).update(JSON.stringify(rows));
    }
  });
  const keyring = JSON.parse(readFileSync(session.info.keyringFile, 'utf8')) as { users: Record<string, { updatedAt: string }> };
  hash.update(JSON.stringify(Object.keys(keyring.users).sort()));
  return hash.digest('hex');
}

/** The SHA-256 of a store file and its write-ahead log as they are on disk: "unchanged byte for byte". */
export function storeFileBytesDigest(dbFile: string): string {
  const hash = createHash('sha256').update(readFileSync(dbFile));
  if (existsSync(`${dbFile}-wal`)) hash.update(readFileSync(`${dbFile}-wal`));
  return hash.digest('hex');
}
