// The OIDs of an ODM export: one naming convention for study, metadata, sites, users and signatures.

import type { StudyDefinition } from '../../../shared/study/definition.schema';

export const STUDY_EVENT_OID = 'SE.STUDY';
export const SIGNATURE_DEF_OID = 'SD.INVESTIGATOR';

export const studyOid = (d: StudyDefinition): string => `S.${d.id}`;
export const metaDataVersionOid = (d: StudyDefinition): string => `MDV.${d.id}.${d.version}`;
export const formOid = (form: string): string => `F.${form}`;
export const itemGroupOid = (form: string): string => `IG.${form}`;
export const itemOid = (form: string, variable: string): string => `I.${form}.${variable}`;
export const conditionOid = (form: string, field: string): string => `CD.${form}.${field}`;
export const methodOid = (form: string, field: string): string => `MT.${form}.${field}`;
export const locationOid = (siteId: string): string => `LOC.${siteId}`;
export const userOid = (siteId: string, username: string): string => `USR.${siteId}.${username}`;

/** Code lists: shared `CL_X` lists keep their name, inline choices are per field, reference lists per list. */
export const sharedCodeListOid = (name: string): string => `CL.${name.replace(/^CL_/, '')}`;
export const fieldCodeListOid = (form: string, field: string): string => `CL.${form}.${field}`;
export const referenceCodeListOid = (list: string): string => `CL.REF.${list}`;
export const YNU_CODE_LIST_OID = 'CL.YNU';
/** 1/0 for one choice of a multiple-choice field (`field___code` items). */
export const TICKED_CODE_LIST_OID = 'CL.TICKED';
export const MISSING_REASON_CODE_LIST_OID = 'CL.MISSING_REASON';
export const FORM_STATUS_CODE_LIST_OID = 'CL.FORM_STATUS';
export const FLAG_TYPE_CODE_LIST_OID = 'CL.FLAG_TYPE';
export const QUERY_STATUS_CODE_LIST_OID = 'CL.QUERY_STATUS';

const UNIT_CHARS: Readonly<Record<string, string>> = { '²': '2', '³': '3', 'µ': 'u', 'μ': 'u', '%': 'pct', '×': 'x', '^': 'e', '/': '_per_', '€': 'EUR' };

/** A readable ASCII OID for a unit symbol (`m²` → `MU.m2`, `10^9/L` → `MU.10e9_per_L`); `taken` avoids clashes. */
export function unitOid(symbol: string, taken: ReadonlySet<string>): string {
  const ascii = [...symbol]
    .map((ch) => UNIT_CHARS[ch] ?? (/[A-Za-z0-9]/.test(ch) ? ch : '_'))
    .join('')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  const base = `MU.${ascii || 'unit'}`;
  let oid = base;
  for (let n = 2; taken.has(oid); n += 1) oid = `${base}_${n}`;
  return oid;
}
