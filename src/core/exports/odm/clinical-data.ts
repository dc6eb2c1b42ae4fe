// One ODM SubjectData: form instances as FormData/ItemGroupData/ItemData with audit records, signatures, flags
// and the data queries on them.

import type { SubjectAuditEntry } from '../../../db/repositories/snapshot.repository';
import type { DatasetInstance, DatasetSubject } from '../../dataset/dataset';
import { FLAG_TYPES } from './code-lists';
import type { OdmForm, OdmItem, OdmModel } from './model';
import * as oid from './oids';
import { formKey, itemKey, type SubjectAudit } from './subject-audit';
import { queryAnnotations, type QueryIndex } from './query-annotations';
import { itemValue } from './values';
import { el, textEl } from './xml';

export interface ClinicalCounts {
  formData: number;
  itemData: number;
  auditRecords: number;
  signatures: number;
}

function auditRecord(row: SubjectAuditEntry | undefined, siteId: string, counts: ClinicalCounts): string {
  if (!row) return '';
  counts.auditRecords += 1;
  return el(
    'AuditRecord',
    [],
    el('UserRef', [['UserOID', oid.userOid(siteId, row.user)]]),
    el('LocationRef', [['LocationOID', oid.locationOid(siteId)]]),
    textEl('DateTimeStamp', [], row.at),
    row.reason !== null && row.reason !== '' ? textEl('ReasonForChange', [], row.reason) : '',
    textEl('SourceID', [], String(row.id)),
  );
}

function flag(codeListOid: string, value: string, type: string): string {
  return el('Flag', [], textEl('FlagValue', [['CodeListOID', codeListOid]], value), textEl('FlagType', [['CodeListOID', oid.FLAG_TYPE_CODE_LIST_OID]], type));
}

/** What the instance is: its subject's ids and the queries on that subject. */
interface InstanceContext {
  readonly subjectId: string;
  readonly siteId: string;
  readonly audit: SubjectAudit;
  readonly queries: QueryIndex;
}

function itemData(item: OdmItem, instance: DatasetInstance, { subjectId, siteId, audit, queries }: InstanceContext, annotated: Set<string>, counts: ClinicalCounts): string {
  const entry = item.field.type === 'calc' ? instance.calcs[item.field.name] : instance.data[item.field.name];
  const value = itemValue(item, entry);
  // A multiple-choice field is one item per choice: its queries go on the first (an Annotation ID is unique).
  const queried = annotated.has(item.field.name) ? [] : queries.onItem(subjectId, instance.form, instance.instanceNo, item.field.name);
  if (queried.length > 0) annotated.add(item.field.name);
  // An empty item is left out, unless a query is on it (a missing value is what it asks about).
  if (!value && queried.length === 0) return '';
  counts.itemData += 1;
  const record = auditRecord(audit.items.get(itemKey(instance.form, instance.instanceNo, item.field.name)), siteId, counts);
  if (!value) return el('ItemData', [['ItemOID', item.oid], ['IsNull', 'Yes']], record, queryAnnotations(queried, 1));
  if ('missing' in value) {
    const missing = el('Annotation', [['SeqNum', 1]], flag(oid.MISSING_REASON_CODE_LIST_OID, value.missing, FLAG_TYPES.missingReason));
    return el('ItemData', [['ItemOID', item.oid], ['IsNull', 'Yes']], record, missing, queryAnnotations(queried, 2));
  }
  return el('ItemData', [['ItemOID', item.oid], ['Value', value.value]], record, queryAnnotations(queried, 1));
}

function formAnnotations(instance: DatasetInstance, { subjectId, queries }: InstanceContext): string {
  const status = el(
    'Annotation',
    [['SeqNum', 1]],
    textEl('Comment', [], `Form version ${instance.version}, entered under study definition ${instance.defVersion}; last saved by ${instance.updatedBy} at ${instance.updatedAt}.`),
    flag(oid.FORM_STATUS_CODE_LIST_OID, instance.status, FLAG_TYPES.formStatus),
  );
  const overrides = Object.entries(instance.overrides).map(([check, o], i) =>
    el('Annotation', [['SeqNum', i + 2]], textEl('Comment', [], `Soft check ${check} overridden by ${o.by} at ${o.at}: ${o.reason}`)),
  );
  return status + overrides.join('') + queryAnnotations(queries.onForm(subjectId, instance.form, instance.instanceNo), overrides.length + 2);
}

function signature(instance: DatasetInstance, siteId: string, counts: ClinicalCounts): string {
  if ((instance.status !== 'signed' && instance.status !== 'locked') || !instance.signedBy || !instance.signedAt) return '';
  counts.signatures += 1;
  return el(
    'Signature',
    [],
    el('UserRef', [['UserOID', oid.userOid(siteId, instance.signedBy)]]),
    el('LocationRef', [['LocationOID', oid.locationOid(siteId)]]),
    el('SignatureRef', [['SignatureOID', oid.SIGNATURE_DEF_OID]]),
    textEl('DateTimeStamp', [], instance.signedAt),
  );
}

function formData(form: OdmForm, instance: DatasetInstance, context: InstanceContext, counts: ClinicalCounts): string {
  const { audit, siteId } = context;
  const annotated = new Set<string>();
  counts.formData += 1;
  const repeatKey = form.form.repeating ? String(instance.instanceNo) : undefined;
  return el(
    'FormData',
    [['FormOID', form.oid], ['FormRepeatKey', repeatKey]],
    auditRecord(audit.forms.get(formKey(instance.form, instance.instanceNo)), siteId, counts),
    signature(instance, siteId, counts),
    formAnnotations(instance, context),
    el('ItemGroupData', [['ItemGroupOID', form.itemGroupOid], ['ItemGroupRepeatKey', repeatKey]], ...form.items.map((item) => itemData(item, instance, context, annotated, counts))),
  );
}

/** Instances of forms the exported definition no longer has are left out (there is no FormDef for them). */
export function subjectData(subject: DatasetSubject, audit: SubjectAudit, model: OdmModel, queries: QueryIndex, counts: ClinicalCounts): string {
  const order = new Map(model.forms.map((f, i) => [f.form.key, i]));
  const instances = subject.instances
    .filter((i) => order.has(i.form))
    .sort((a, b) => order.get(a.form)! - order.get(b.form)! || a.instanceNo - b.instanceNo);
  const context: InstanceContext = { subjectId: subject.id, siteId: subject.siteId, audit, queries };
  const forms = instances.map((instance) => formData(model.forms[order.get(instance.form)!]!, instance, context, counts));
  return el(
    'SubjectData',
    [['SubjectKey', subject.id]],
    auditRecord(audit.created, subject.siteId, counts),
    el('SiteRef', [['LocationOID', oid.locationOid(subject.siteId)]]),
    queryAnnotations(queries.onSubject(subject.id), 1),
    forms.length > 0 ? el('StudyEventData', [['StudyEventOID', oid.STUDY_EVENT_OID]], ...forms) : '',
  );
}
