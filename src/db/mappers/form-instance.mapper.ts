// Rows of form_instances ↔ FormInstance: data, overrides, device calcs and last results decoded here only.

import type { FormData, StoredEntry } from '../../shared/study/entries';
import type { FormStatus, SoftOverride } from '../../shared/study/evaluate-subject';
import type { EvaluatedFormInstance, FormInstance, FormInstanceChanges, InstanceResults, NewFormInstance } from '../domain/form-instance';
import type { FormInstanceRow, FormInstanceUpdate, NewFormInstance as NewFormInstanceRow } from '../schema/tables';
import { decodeJson, decodeNullableReadonly, decodeReadonly, encodeJson } from './json-column';

/** The columns an instance's values are read from, in this order (positional reads use it too). */
export const INSTANCE_COLUMNS = [
  'id', 'site_id', 'subject_id', 'form_key', 'instance_no', 'data', 'def_version', 'status', 'version', 'completed_once', 'overrides',
  'created_at', 'created_by', 'updated_at', 'updated_by', 'signed_by', 'signed_at', 'sign_meaning', 'locked_by', 'locked_at', 'calcs',
] as const;

type InstanceValues = Pick<FormInstanceRow, (typeof INSTANCE_COLUMNS)[number]>;

export function toFormInstance(row: InstanceValues): FormInstance {
  return {
    id: row.id,
    siteId: row.site_id,
    subjectId: row.subject_id,
    form: row.form_key,
    instanceNo: row.instance_no,
    data: decodeJson<FormData>(row.data),
    defVersion: row.def_version,
    status: row.status as FormStatus,
    version: row.version,
    completedOnce: row.completed_once === 1,
    overrides: decodeReadonly<Record<string, SoftOverride>>(row.overrides),
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    signMeaning: row.sign_meaning,
    lockedBy: row.locked_by,
    lockedAt: row.locked_at,
    deviceCalcs: decodeNullableReadonly<Record<string, StoredEntry | null>>(row.calcs),
  };
}

/** An instance from a raw row read with `INSTANCE_COLUMNS` (better-sqlite3's raw mode: an array per row). */
export function toFormInstanceFromValues(values: readonly unknown[]): FormInstance {
  return {
    id: values[0] as number,
    siteId: values[1] as string,
    subjectId: values[2] as string,
    form: values[3] as string,
    instanceNo: values[4] as number,
    data: decodeJson<FormData>(values[5] as string),
    defVersion: values[6] as string,
    status: values[7] as FormStatus,
    version: values[8] as number,
    completedOnce: values[9] === 1,
    overrides: decodeReadonly<Record<string, SoftOverride>>(values[10] as string),
    createdAt: values[11] as string,
    createdBy: values[12] as string,
    updatedAt: values[13] as string,
    updatedBy: values[14] as string,
    signedBy: values[15] as string | null,
    signedAt: values[16] as string | null,
    signMeaning: values[17] as string | null,
    lockedBy: values[18] as string | null,
    lockedAt: values[19] as string | null,
    deviceCalcs: decodeNullableReadonly<Record<string, StoredEntry | null>>(values[20] as string | null),
  };
}

function resultsOf(row: FormInstanceRow): InstanceResults | null {
  if (row.failed_checks === null || row.missing_fields === null) return null;
  return { missing: row.n_missing, hard: row.n_hard, soft: row.n_soft, failedChecks: decodeJson<string[]>(row.failed_checks), missingFields: decodeJson<string[]>(row.missing_fields) };
}

export function toEvaluatedFormInstance(row: FormInstanceRow): EvaluatedFormInstance {
  // Adds the results to the fresh instance instead of copying its 21 properties into a new object: every save
  // maps all of its subject's rows.
  return Object.assign(toFormInstance(row), { results: resultsOf(row) });
}

export function resultColumns(results: InstanceResults | null): Pick<FormInstanceRow, 'n_missing' | 'n_hard' | 'n_soft' | 'failed_checks' | 'missing_fields'> {
  if (!results) return { n_missing: 0, n_hard: 0, n_soft: 0, failed_checks: null, missing_fields: null };
  return { n_missing: results.missing, n_hard: results.hard, n_soft: results.soft, failed_checks: encodeJson(results.failedChecks), missing_fields: encodeJson(results.missingFields) };
}

export function newInstanceRow(instance: NewFormInstance): NewFormInstanceRow {
  return {
    site_id: instance.siteId,
    subject_id: instance.subjectId,
    form_key: instance.form,
    instance_no: instance.instanceNo,
    data: encodeJson(instance.data),
    def_version: instance.defVersion,
    status: instance.status,
    version: instance.version,
    completed_once: instance.completedOnce ? 1 : 0,
    overrides: encodeJson(instance.overrides),
    created_at: instance.createdAt,
    created_by: instance.createdBy,
    updated_at: instance.updatedAt,
    updated_by: instance.updatedBy,
    signed_by: instance.signedBy,
    signed_at: instance.signedAt,
    sign_meaning: instance.signMeaning,
    locked_by: instance.lockedBy,
    locked_at: instance.lockedAt,
    calcs: instance.deviceCalcs === null ? null : encodeJson(instance.deviceCalcs),
    ...resultColumns(instance.results),
  };
}

/** The columns a change writes: only those of the properties it gives. */
export function instanceChangeColumns(changes: FormInstanceChanges): FormInstanceUpdate {
  const set: FormInstanceUpdate = {};
  if (changes.data !== undefined) set.data = encodeJson(changes.data);
  if (changes.defVersion !== undefined) set.def_version = changes.defVersion;
  if (changes.status !== undefined) set.status = changes.status;
  if (changes.version !== undefined) set.version = changes.version;
  if (changes.completedOnce !== undefined) set.completed_once = changes.completedOnce ? 1 : 0;
  if (changes.overrides !== undefined) set.overrides = encodeJson(changes.overrides);
  if (changes.createdAt !== undefined) set.created_at = changes.createdAt;
  if (changes.createdBy !== undefined) set.created_by = changes.createdBy;
  if (changes.updatedAt !== undefined) set.updated_at = changes.updatedAt;
  if (changes.updatedBy !== undefined) set.updated_by = changes.updatedBy;
  if (changes.signedBy !== undefined) set.signed_by = changes.signedBy;
  if (changes.signedAt !== undefined) set.signed_at = changes.signedAt;
  if (changes.signMeaning !== undefined) set.sign_meaning = changes.signMeaning;
  if (changes.lockedBy !== undefined) set.locked_by = changes.lockedBy;
  if (changes.lockedAt !== undefined) set.locked_at = changes.lockedAt;
  if (changes.deviceCalcs !== undefined) set.calcs = changes.deviceCalcs === null ? null : encodeJson(changes.deviceCalcs);
  if (changes.results !== undefined) Object.assign(set, resultColumns(changes.results));
  return set;
}
