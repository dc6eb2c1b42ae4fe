// The study definitions a central store knows, by version, compiled once.

import { getDefinition, listDefinitionVersions } from '../../db/repositories/study-definition.repository';
import type { Db } from '../../db/transaction';
import { loadDefinitionObject, type LoadedStudy } from '../study/load-definition';

const cache = new Map<string, LoadedStudy>();

export async function knownDefinitions(db: Db): Promise<Map<string, { hash: string; load: () => Promise<LoadedStudy> }>> {
  const rows = await listDefinitionVersions(db);
  return new Map(
    rows.map((r) => [
      r.version,
      {
        hash: r.hash,
        load: async () => {
          const hit = cache.get(r.hash);
          if (hit) return hit;
          const row = await getDefinition(db, r.version);
          const study = loadDefinitionObject(row!.definition);
          cache.set(r.hash, study);
          return study;
        },
      },
    ]),
  );
}
