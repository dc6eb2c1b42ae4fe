// The definition versions an ODM export describes: during an amendment's changeover the store holds instances
// saved under several versions, and each gets its own MetaDataVersion (forms, items, code lists of that version).

import { listAmendments } from '../../../db/repositories/amendment.repository';
import type { Db } from '../../../db/transaction';
import { compareVersions } from '../../../shared/study/definition-version';
import type { LoadedStudy } from '../../study/load-definition';
import { olderDefinitionsInUse } from '../definitions-in-use';
import { buildOdmModel, type OdmModel } from './model';
import * as oid from './oids';

export interface OdmVersion {
  readonly loaded: LoadedStudy;
  readonly model: OdmModel;
  /** When the version was recorded as an amendment in this store (YYYY-MM-DD); null for the first version. */
  readonly since: string | null;
}

/**
 * The versions to describe, oldest first: the current one and every installed version an instance was saved
 * under. Null when that is the current version alone (the export is then the single-version document).
 */
export async function odmVersions(db: Db, current: LoadedStudy, siteId?: string): Promise<OdmVersion[] | null> {
  const older = await olderDefinitionsInUse(db, current, siteId);
  if (older.length === 0) return null;
  const loaded = [...older, current].sort((a, b) => compareVersions(a.definition.version, b.definition.version));
  // One MeasurementUnit list for the Study: the current version's OIDs first, then units only older versions use.
  const units = new Map(buildOdmModel(current.compiled).units);
  const models = loaded.map((l) => buildOdmModel(l.compiled));
  for (const model of models) for (const symbol of model.units.keys()) if (!units.has(symbol)) units.set(symbol, oid.unitOid(symbol, new Set(units.values())));
  const recorded = new Map((await listAmendments(db)).map((a) => [a.version, a.recordedAt.slice(0, 10)]));
  return loaded.map((l, i) => ({ loaded: l, model: { ...models[i]!, units }, since: recorded.get(l.definition.version) ?? null }));
}

/** The version an instance is described under: its own when the export describes it, else the current one. */
export function versionOfInstance(versions: readonly OdmVersion[], defVersion: string, current: string): string {
  return versions.some((v) => v.loaded.definition.version === defVersion) ? defVersion : current;
}
