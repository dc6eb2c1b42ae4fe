// ODM AdminData: site users, one Location per site, and the investigator's electronic-signature definition.

import type { StudyDefinition } from '../../../shared/study/definition.schema';
import type { LoadedStudy } from '../../study/load-definition';
import type { OdmAdmin, OdmUser } from './admin-source';
import * as oid from './oids';
import { el, textEl } from './xml';

const USER_TYPES: Readonly<Record<string, string>> = { investigator: 'Investigator', monitor: 'Sponsor', admin: 'Other', data_entry: 'Other' };

function user(u: OdmUser): string {
  return el(
    'User',
    [['OID', oid.userOid(u.siteId, u.username)], ['UserType', u.role !== undefined ? USER_TYPES[u.role] : undefined]],
    textEl('LoginName', [], u.username),
    u.displayName !== undefined && u.displayName !== '' ? textEl('DisplayName', [], u.displayName) : '',
    el('LocationRef', [['LocationOID', oid.locationOid(u.siteId)]]),
  );
}

/** A definition version a Location refers to, and when it took effect (null: from the site's start). */
export interface LocationVersion {
  readonly definition: StudyDefinition;
  readonly since: string | null;
}

function versionRefs(study: LoadedStudy, siteSince: string, versions: readonly LocationVersion[] | undefined): string[] {
  const d = study.definition;
  const listed = versions ?? [{ definition: d, since: null }];
  // A site registered after an amendment took it up from its start; ISO dates compare as strings.
  return listed.map((v) => el('MetaDataVersionRef', [['StudyOID', oid.studyOid(d)], ['MetaDataVersionOID', oid.metaDataVersionOid(v.definition)], ['EffectiveDate', v.since !== null && v.since > siteSince ? v.since : siteSince]]));
}

/** `versions`: during an amendment's changeover, every version the document describes (oldest first). */
export function adminData(study: LoadedStudy, admin: OdmAdmin, versions?: readonly LocationVersion[]): string {
  const d = study.definition;
  return el(
    'AdminData',
    [['StudyOID', oid.studyOid(d)]],
    ...admin.users.map(user),
    ...admin.sites.map((s) =>
      el(
        'Location',
        [['OID', oid.locationOid(s.siteId)], ['Name', s.name], ['LocationType', 'Site']],
        ...versionRefs(study, s.since, versions),
      ),
    ),
    el(
      'SignatureDef',
      [['OID', oid.SIGNATURE_DEF_OID], ['Methodology', 'Electronic']],
      textEl('Meaning', [], `${d.signatureMeaning.en} / ${d.signatureMeaning.it}`),
      textEl('LegalReason', [], 'Electronic signature of the investigator with the password re-entered at signing (21 CFR Part 11 §11.50, §11.200; EU GMP Annex 11 §14)'),
    ),
  );
}
