// Migration 20261212-10: casebook locks set by the site's administrator, with the per-form states they replaced.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('casebook_locks')
    .addColumn('subject_id', 'text', (c) => c.primaryKey())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('prior', 'text', (c) => c.notNull())
    .execute();
}
