// The study-definition versions the stored form instances were saved under (several during an amendment's changeover).

import { kyselyOf, type Db } from '../handle';

/** Distinct `def_version` of the form instances, of one site or all. */
export async function instanceDefinitionVersions(db: Db, siteId?: string): Promise<string[]> {
  let q = kyselyOf(db).selectFrom('form_instances').select('def_version').distinct();
  if (siteId !== undefined) q = q.where('site_id', '=', siteId);
  const rows = await q.execute();
  return rows.map((r) => r.def_version);
}
