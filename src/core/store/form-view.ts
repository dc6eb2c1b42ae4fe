// What the UI and the CLI see of a form instance: stored data, calculated values, hidden fields,
// missing items and check results, from one evaluation of the subject.

import type { FormInstanceRow } from '../../db/schema/tables';
import type { CheckFailureOut, InstanceOverview } from '../../shared/contract/subjects';
import type { FormInstanceOut } from '../../shared/contract/forms';
import type { FormData } from '../../shared/study/entries';
import type { CheckFailure, FormStatus, InstanceEvaluation } from '../../shared/study/evaluate-subject';

export function failureOut(f: CheckFailure): CheckFailureOut {
  return {
    id: f.id,
    severity: f.severity,
    message: f.message,
    fields: [...f.fields],
    overridden: f.overriddenBy ? { reason: f.overriddenBy.reason, by: f.overriddenBy.by, at: f.overriddenBy.at } : null,
  };
}

export function instanceOut(subjectId: string, row: FormInstanceRow, result: InstanceEvaluation | undefined): FormInstanceOut {
  return {
    subjectId,
    form: row.form_key,
    instanceNo: row.instance_no,
    status: row.status as FormStatus,
    version: row.version,
    defVersion: row.def_version,
    completedOnce: row.completed_once === 1,
    data: JSON.parse(row.data) as FormData,
    calcs: { ...(result?.calcs ?? {}) },
    hidden: [...(result?.hidden ?? [])],
    missing: [...(result?.missing ?? [])],
    failures: (result?.failures ?? []).map(failureOut),
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    signMeaning: row.sign_meaning,
    lockedBy: row.locked_by,
    lockedAt: row.locked_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

export function overviewOut(row: FormInstanceRow, result: InstanceEvaluation | undefined): InstanceOverview {
  return {
    form: row.form_key,
    instanceNo: row.instance_no,
    status: row.status as FormStatus,
    version: row.version,
    defVersion: row.def_version,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    signedBy: row.signed_by,
    signedAt: row.signed_at,
    lockedBy: row.locked_by,
    missing: [...(result?.missing ?? [])],
    failures: (result?.failures ?? []).map(failureOut),
  };
}
