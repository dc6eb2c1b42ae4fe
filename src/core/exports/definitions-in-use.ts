// The older study-definition versions a store's form instances were saved under (an amendment's changeover),
// for the exports that describe every version in use.

import { instanceDefinitionVersions } from '../../db/repositories/instance-versions.repository';
import type { Db } from '../../db/transaction';
import { compareVersions } from '../../shared/study/definition-version';
import { knownDefinitions } from '../central/study-versions';
import type { LoadedStudy } from '../study/load-definition';

/** Installed versions other than the current one that an instance (of one site, or any) was saved under, oldest first. */
export async function olderDefinitionsInUse(db: Db, current: LoadedStudy, siteId?: string): Promise<LoadedStudy[]> {
  const used = await instanceDefinitionVersions(db, siteId);
  const installed = await knownDefinitions(db);
  const older = used.filter((v) => v !== current.definition.version && installed.has(v)).sort(compareVersions);
  return Promise.all(older.map((v) => installed.get(v)!.load()));
}
