// The return bundle's amendments section: the amendments queued at the centre that the site still needs —
// those whose base version is not older than the version of the site's last merged bundle (all of them when
// none was merged yet), oldest first, so a site several versions behind applies them in order.

import { lastMergedBundle } from '../../db/repositories/central.repository';
import { listAmendments } from '../../db/repositories/amendment.repository';
import type { Db } from '../../db/transaction';
import { AmendmentDocument } from '../../shared/contract/amendments';
import { compareVersions } from '../../shared/study/definition-version';

export async function amendmentsForSite(db: Db, siteId: string): Promise<AmendmentDocument[]> {
  const siteVersion = (await lastMergedBundle(db, siteId))?.defVersion;
  return (await listAmendments(db))
    .filter((a) => siteVersion === undefined || compareVersions(a.baseVersion, siteVersion) >= 0)
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((a) => AmendmentDocument.parse(a.document));
}
