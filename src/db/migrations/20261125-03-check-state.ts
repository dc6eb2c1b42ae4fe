// Migration 3: each form instance keeps which checks failed and which items were missing at its last
// evaluation, so a save re-checks only what the change can affect.

import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('form_instances').addColumn('failed_checks', 'text').execute();
  await db.schema.alterTable('form_instances').addColumn('missing_fields', 'text').execute();
}
