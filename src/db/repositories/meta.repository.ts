// Queries on the meta table: store-wide settings (study, site, key fingerprints, audit head).

import type { Kysely } from 'kysely';
import type { Database } from '../schema/tables';

export async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function getAllMeta(db: Kysely<Database>): Promise<Record<string, string>> {
  const rows = await db.selectFrom('meta').selectAll().execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export async function setMeta(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
