// An open, authenticated store: the database, its study definition, the user and the key, for one process.

import type { OpenedStore } from '../../db/open-store';
import type { Role } from '../../shared/study/definition.schema';
import type { Clock } from '../clock';
import type { LoadedStudy } from '../study/load-definition';

export interface SessionUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
}

export interface StoreInfo {
  readonly storeId: string;
  readonly kind: 'site' | 'central';
  readonly siteId: string;
  readonly siteName: string;
  readonly dbFile: string;
  readonly keyringFile: string;
}

export interface Session {
  readonly store: OpenedStore;
  readonly info: StoreInfo;
  readonly study: LoadedStudy;
  readonly user: SessionUser;
  /** The database key, kept for re-wrapping (new users, password resets) and backups. Zeroed on close. */
  readonly dbKey: Buffer;
  readonly clock: Clock;
  close(): Promise<void>;
}
