// A second, raw connection on a session's store file, for tests that inspect or tamper with the database
// behind the app's back (the session itself exposes no raw handle).

import type { Session } from '../../src/core/store/session';
import { openSqlite, type Sqlite } from '../../src/db/open-store';

export function withRawConnection<T>(session: Session, work: (sqlite: Sqlite) => T): T {
  const sqlite = openSqlite(session.store.file, session.dbKey, false);
  try {
    return work(sqlite);
  } finally {
    sqlite.close();
  }
}
