// Kysely table types of the store (site and central share one record schema; DESIGN.md "Storage").

import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface MetaTable {
  key: string;
  value: string;
}

export interface StudyDefinitionTable {
  version: string;
  hash: string;
  study_id: string;
  /** The assembled definition as JSON. */
  definition: string;
  installed_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  active: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface SubjectTable {
  id: string;
  site_id: string;
  seq: number;
  created_at: string;
  created_by: string;
}

/** Site-only identification log (crf-spec §2.14): never exported, never in a bundle or the audit values. */
export interface SubjectIdentityTable {
  subject_id: string;
  data: string;
  updated_at: string;
  updated_by: string;
}

export interface FormInstanceTable {
  id: Generated<number>;
  site_id: string;
  subject_id: string;
  form_key: string;
  instance_no: number;
  data: string;
  def_version: string;
  status: string;
  version: number;
  completed_once: number;
  overrides: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  signed_by: string | null;
  signed_at: string | null;
  sign_meaning: string | null;
  locked_by: string | null;
  locked_at: string | null;
  n_missing: number;
  n_hard: number;
  n_soft: number;
  /** Device-calculated values as received in a bundle (central store only). */
  calcs: string | null;
  /** JSON arrays of the failing check ids and the missing items at the last evaluation. */
  failed_checks: string | null;
  missing_fields: string | null;
}

export interface InstanceCounterTable {
  subject_id: string;
  form_key: string;
  next_no: number;
}

/** Per-subject progress, recomputed on every save so the subject list stays fast at thousands of rows. */
export interface SubjectStatusTable {
  subject_id: string;
  instances: number;
  complete: number;
  signed: number;
  locked: number;
  failed_hard: number;
  failed_soft: number;
  missing_items: number;
  updated_at: string;
}

export interface AuditTable {
  id: number;
  at: string;
  user: string;
  action: string;
  subject_id: string | null;
  form_key: string | null;
  instance_no: number | null;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

export interface BundleExportTable {
  sequence: number;
  file_name: string;
  sha256: string;
  manifest_sha256: string;
  exported_at: string;
  exported_by: string;
  counts: string;
}

export interface ReceiptTable {
  sequence: number;
  manifest_sha256: string;
  merged_at: string;
  imported_at: string;
  imported_by: string;
  receipt: string;
}

export interface SiteTable {
  site_id: string;
  site_name: string;
  key_fingerprint: string;
  public_key_pem: string;
  registered_at: string;
  registered_by: string;
}

export interface MergedBundleTable {
  id: Generated<number>;
  site_id: string;
  sequence: number;
  manifest_sha256: string;
  bundle_sha256: string;
  def_version: string;
  audit_entries: number;
  audit_head: string;
  counts: string;
  merged_at: string;
  merged_by: string;
  receipt: string;
}

export interface QuarantineTable {
  id: Generated<number>;
  site_id: string;
  sequence: number;
  kind: string;
  record_key: string;
  reasons: string;
  record: string;
}

export interface UploadQueueTable {
  sequence: number;
  file: string;
  queued_at: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  state: Generated<string>;
  last_error: string | null;
  finished_at: string | null;
}

export interface SiteAuditTable extends AuditTable {
  site_id: string;
}

/** Per site and user of its trail: how many signatures, and the greatest signature details (the trail's own text). */
export interface SiteAuditUserTable {
  site_id: string;
  user: string;
  signs: number;
  sign_details: string | null;
}

/** The `user.add` and `user.role` entries of each site's trail, as received. */
export interface SiteUserChangeTable {
  site_id: string;
  id: number;
  user: string;
  action: string;
  new_value: string | null;
  details: string | null;
}

export interface ReturnExportTable {
  site_id: string;
  sequence: number;
  file_name: string;
  sha256: string;
  manifest_sha256: string;
  created_at: string;
  created_by: string;
  counts: string;
}

export interface ReturnImportTable {
  sequence: number;
  manifest_sha256: string;
  bundle_sha256: string;
  created_at: string;
  imported_at: string;
  imported_by: string;
  counts: string;
}

export interface SiteRecipientTable {
  site_id: string;
  recipient: string;
  seen_at: string;
}

export interface ReviewMarkTable {
  subject_id: string;
  form_key: string;
  instance_no: number;
  site_id: string;
  marked_at: string;
  marked_by: string;
  side: string;
}

export interface CentralLockTable {
  lock_id: string;
  scope: string;
  target: string | null;
  reason: string;
  locked_at: string;
  locked_by: string;
  certificate_sha256: string | null;
}

/** A data query on a subject, a form instance or one of its fields (same id in site and central stores). */
export interface QueryTable {
  id: string;
  site_id: string;
  subject_id: string;
  form_key: string | null;
  instance_no: number | null;
  field: string | null;
  /** The check (or `required:<field>`) a generated query stands for; null for one raised by hand. */
  check_id: string | null;
  category: string;
  text: string;
  status: string;
  raised_by: string;
  raised_at: string;
  updated_at: string;
}

export interface QueryEventTable {
  id: string;
  query_id: string;
  seq: number;
  kind: string;
  text: string;
  by: string;
  at: string;
  origin: string;
  late: number;
}

/** A protocol amendment: queued for the sites (centre) or applied (site); `document` is its JSON. */
export interface AmendmentTable {
  version: string;
  study_id: string;
  base_version: string;
  definition_hash: string;
  document: string;
  recorded_at: string;
  recorded_by: string;
}

/** A site's casebook lock; `prior` is the JSON list of the instances it locked, with the status each had. */
export interface CasebookLockTable {
  subject_id: string;
  locked_at: string;
  locked_by: string;
  reason: string;
  prior: string;
}

export interface Database {
  meta: MetaTable;
  study_definitions: StudyDefinitionTable;
  users: UserTable;
  subjects: SubjectTable;
  subject_identity: SubjectIdentityTable;
  form_instances: FormInstanceTable;
  instance_counters: InstanceCounterTable;
  subject_status: SubjectStatusTable;
  audit: AuditTable;
  bundle_exports: BundleExportTable;
  receipts: ReceiptTable;
  sites: SiteTable;
  merged_bundles: MergedBundleTable;
  quarantine: QuarantineTable;
  site_audit: SiteAuditTable;
  site_audit_users: SiteAuditUserTable;
  site_user_changes: SiteUserChangeTable;
  upload_queue: UploadQueueTable;
  return_exports: ReturnExportTable;
  return_imports: ReturnImportTable;
  site_recipients: SiteRecipientTable;
  review_marks: ReviewMarkTable;
  central_locks: CentralLockTable;
  queries: QueryTable;
  query_events: QueryEventTable;
  amendments: AmendmentTable;
  casebook_locks: CasebookLockTable;
}

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type SubjectRow = Selectable<SubjectTable>;
export type FormInstanceRow = Selectable<FormInstanceTable>;
export type NewFormInstance = Insertable<FormInstanceTable>;
export type FormInstanceUpdate = Updateable<FormInstanceTable>;
export type AuditRow = Selectable<AuditTable>;
export type SubjectStatusRow = Selectable<SubjectStatusTable>;
export type SiteRow = Selectable<SiteTable>;
export type MergedBundleRow = Selectable<MergedBundleTable>;
export type BundleExportRow = Selectable<BundleExportTable>;
export type ReceiptRow = Selectable<ReceiptTable>;
export type QuarantineRow = Selectable<QuarantineTable>;
export type SiteAuditRow = Selectable<SiteAuditTable>;
export type UploadQueueRow = Selectable<UploadQueueTable>;
export type ReturnExportRow = Selectable<ReturnExportTable>;
export type ReturnImportRow = Selectable<ReturnImportTable>;
export type ReviewMarkRow = Selectable<ReviewMarkTable>;
export type CentralLockRow = Selectable<CentralLockTable>;
export type QueryRow = Selectable<QueryTable>;
export type QueryEventRow = Selectable<QueryEventTable>;
