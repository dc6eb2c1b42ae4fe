// One ODM SubjectData: form instances as FormData/ItemGroupData/ItemData with audit records, signatures, flags
// and the data queries on them.

import type { SubjectAuditEntry } from '../../../db/repositories/snapshot.repository';
import type { QueryOut } from '../../../shared/contract/queries';
import type { DatasetInstance, DatasetSubject } from '../../dataset/dataset';
import { FLAG_TYPES } from './code-lists';
import type { OdmForm, OdmItem, OdmModel } from './model';
import * as oid from './oids';
import { formKey, type SubjectAudit } from './subject-audit';
import { queryAnnotations, type QueryIndex } from './query-annotations';
import { itemValue } from './values';
import { el, escapeAttr, escapeText, textEl } from './xml';

export interface ClinicalCounts {
  formData: number;
  itemData: number;
  auditRecords: number;
  signatures: number;
}

/** `<AuditRecord>` with its UserRef and LocationRef, per site and user: few users, many records. */
const auditHeads = new Map<string, string>();
const MAX_AUDIT_HEADS = 10_000;

function auditHead(siteId: string, user: string): string {
  const key = `${siteId}\u0000${user}`;
  let head = auditHeads.get(key);
  if (head === undefined) {
    if (auditHeads.size >= MAX_AUDIT_HEADS) auditHeads.clear();
    head = `<AuditRecord>\n${el('UserRef', [['UserOID', oid.userOid(siteId, user)]])}${el('LocationRef', [['LocationOID', oid.locationOid(siteId)]])}`;
    auditHeads.set(key, head);
  }
  return head;
}

function auditRecord(row: SubjectAuditEntry | undefined, siteId: string, counts: ClinicalCounts): string {
  if (!row) return '';
  counts.auditRecords += 1;
  // As el('AuditRecord', [], UserRef, LocationRef, DateTimeStamp, ReasonForChange?, SourceID), written directly.
  const reason = row.reason !== null && row.reason !== '' ? textEl('ReasonForChange', [], row.reason) : '';
  return `${auditHead(siteId, row.user)}<DateTimeStamp>${escapeText(row.at)}</DateTimeStamp>\n${reason}<SourceID>${escapeText(String(row.id))}</SourceID>\n</AuditRecord>\n`;
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

/** `<ItemData ItemOID="…"`, escaped once per item of the model. */
const itemHeads = new WeakMap<OdmItem, string>();

function itemHead(item: OdmItem): string {
  let head = itemHeads.get(item);
  if (head === undefined) {
    head = `<ItemData ItemOID="${escapeAttr(item.oid)}"`;
    itemHeads.set(item, head);
  }
  return head;
}

/** As el('ItemData', [['ItemOID', …], [name, value]], body): an empty element when there is no body. */
function itemElement(item: OdmItem, attribute: string, body: string): string {
  return body === '' ? `${itemHead(item)}${attribute}/>\n` : `${itemHead(item)}${attribute}>\n${body}</ItemData>\n`;
}

const IS_NULL = ' IsNull="Yes"';

/** The audit entries and queries of one form instance, each looked up once for all its items. */
interface InstanceLookups {
  readonly audit: ReadonlyMap<string, SubjectAuditEntry> | undefined;
  readonly queries: ReadonlyMap<string, readonly QueryOut[]>;
  /** A multiple-choice field is one item per choice: its queries go on the first (an Annotation ID is unique). */
  readonly annotated: Set<string>;
}

const NO_QUERIES: readonly QueryOut[] = [];

function itemData(item: OdmItem, instance: DatasetInstance, siteId: string, lookups: InstanceLookups, counts: ClinicalCounts): string {
  const name = item.field.name;
  const entry = item.field.type === 'calc' ? instance.calcs[name] : instance.data[name];
  const value = itemValue(item, entry);
  const queried = lookups.annotated.has(name) ? NO_QUERIES : (lookups.queries.get(name) ?? NO_QUERIES);
  if (queried.length > 0) lookups.annotated.add(name);
  // An empty item is left out, unless a query is on it (a missing value is what it asks about).
  if (!value && queried.length === 0) return '';
  counts.itemData += 1;
  const record = auditRecord(lookups.audit?.get(name), siteId, counts);
  if (!value) return itemElement(item, IS_NULL, record + queryAnnotations(queried, 1));
  if ('missing' in value) {
    const missing = el('Annotation', [['SeqNum', 1]], flag(oid.MISSING_REASON_CODE_LIST_OID, value.missing, FLAG_TYPES.missingReason));
    return itemElement(item, IS_NULL, record + missing + queryAnnotations(queried, 2));
  }
  return itemElement(item, ` Value="${escapeAttr(value.value)}"`, record + queryAnnotations(queried, 1));
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
  const { audit, siteId, subjectId, queries } = context;
  const key = formKey(instance.form, instance.instanceNo);
  const lookups: InstanceLookups = { audit: audit.items.get(key), queries: queries.onItemsOf(subjectId, instance.form, instance.instanceNo), annotated: new Set() };
  counts.formData += 1;
  let items = '';
  for (const item of form.items) items += itemData(item, instance, siteId, lookups, counts);
  const repeatKey = form.form.repeating ? String(instance.instanceNo) : undefined;
  return el(
    'FormData',
    [['FormOID', form.oid], ['FormRepeatKey', repeatKey]],
    auditRecord(audit.forms.get(key), siteId, counts),
    signature(instance, siteId, counts),
    formAnnotations(instance, context),
    el('ItemGroupData', [['ItemGroupOID', form.itemGroupOid], ['ItemGroupRepeatKey', repeatKey]], items),
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
