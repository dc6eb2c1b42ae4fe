// Queries on installed study definitions (one row per version the store has seen).

import { canonicalJson } from '../../shared/canonical-json';
import type { InstalledDefinition } from '../domain/study-definition';
import { kyselyOf, type Db, type Tx } from '../handle';
import { decodeJson } from '../mappers/json-column';

export async function insertDefinition(tx: Tx, definition: InstalledDefinition): Promise<void> {
  const row = { version: definition.version, hash: definition.hash, study_id: definition.studyId, definition: canonicalJson(definition.definition), installed_at: definition.installedAt };
  await kyselyOf(tx).insertInto('study_definitions').values(row).onConflict((oc) => oc.column('version').doNothing()).execute();
}

/** The definition of one version, decoded (the study loader validates it). */
export async function getDefinition(db: Db, version: string): Promise<{ hash: string; definition: unknown } | undefined> {
  const row = await kyselyOf(db).selectFrom('study_definitions').select(['hash', 'definition']).where('version', '=', version).executeTakeFirst();
  return row ? { hash: row.hash, definition: decodeJson<unknown>(row.definition) } : undefined;
}

export async function listDefinitionVersions(db: Db): Promise<{ version: string; hash: string; installedAt: string }[]> {
  const rows = await kyselyOf(db).selectFrom('study_definitions').select(['version', 'hash', 'installed_at']).orderBy('installed_at').execute();
  return rows.map((r) => ({ version: r.version, hash: r.hash, installedAt: r.installed_at }));
}
