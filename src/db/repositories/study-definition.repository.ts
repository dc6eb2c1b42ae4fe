// Queries on installed study definitions (one row per version the store has seen).

import type { Kysely } from 'kysely';
import type { Database } from '../schema/tables';

export async function insertDefinition(
  db: Kysely<Database>,
  row: { version: string; hash: string; study_id: string; definition: string; installed_at: string },
): Promise<void> {
  await db.insertInto('study_definitions').values(row).onConflict((oc) => oc.column('version').doNothing()).execute();
}

export async function getDefinition(db: Kysely<Database>, version: string): Promise<{ hash: string; definition: string } | undefined> {
  return db.selectFrom('study_definitions').select(['hash', 'definition']).where('version', '=', version).executeTakeFirst();
}

export async function listDefinitionVersions(db: Kysely<Database>): Promise<{ version: string; hash: string; installed_at: string }[]> {
  return db.selectFrom('study_definitions').select(['version', 'hash', 'installed_at']).orderBy('installed_at').execute();
}
