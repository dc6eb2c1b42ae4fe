// ODM AdminData: site users, one Location per site, and the investigator's electronic-signature definition.

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

export function adminData(study: LoadedStudy, admin: OdmAdmin): string {
  const d = study.definition;
  return el(
    'AdminData',
    [['StudyOID', oid.studyOid(d)]],
    ...admin.users.map(user),
    ...admin.sites.map((s) =>
      el(
        'Location',
        [['OID', oid.locationOid(s.siteId)], ['Name', s.name], ['LocationType', 'Site']],
        el('MetaDataVersionRef', [['StudyOID', oid.studyOid(d)], ['MetaDataVersionOID', oid.metaDataVersionOid(d)], ['EffectiveDate', s.since]]),
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
