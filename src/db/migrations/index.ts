// The static, ordered list of migrations: the schema version of a store is its position here.

import type { Kysely } from 'kysely';
import * as initial from './20261125-01-initial';
import * as bundles from './20261125-02-bundles';
import * as checkState from './20261125-03-check-state';
import * as uploadQueue from './20261202-60-upload-queue';
import * as returnBundles from './20261202-10-return-bundles';
import * as queries from './20261202-20-queries';
import * as amendments from './20261210-10-amendments';
import * as casebookLocks from './20261212-10-casebook-locks';
import * as siteAuditUsers from './20261214-10-site-audit-users';

export interface Migration {
  readonly name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '20261125-01-initial', up: initial.up },
  { name: '20261125-02-bundles', up: bundles.up },
  { name: '20261125-03-check-state', up: checkState.up },
  { name: '20261202-60-upload-queue', up: uploadQueue.up },
  { name: '20261202-10-return-bundles', up: returnBundles.up },
  { name: '20261202-20-queries', up: queries.up },
  { name: '20261210-10-amendments', up: amendments.up },
  { name: '20261212-10-casebook-locks', up: casebookLocks.up },
  { name: '20261214-10-site-audit-users', up: siteAuditUsers.up },
];

export const SCHEMA_VERSION = MIGRATIONS.length;
