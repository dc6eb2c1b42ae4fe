// Migration 20261210-10: protocol amendments a store holds — queued for the sites (centre), applied (site).

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('amendments')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('study_id', 'text', (c) => c.notNull())
    .addColumn('base_version', 'text', (c) => c.notNull())
    .addColumn('definition_hash', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
}
