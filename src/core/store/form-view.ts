// What the UI and the CLI see of a form instance: stored data, calculated values, hidden fields,
// missing items and check results, from one evaluation of the subject.

import type { FormInstance } from '../../db/domain';
import type { CheckFailureOut, InstanceOverview } from '../../shared/contract/subjects';
import type { FormInstanceOut } from '../../shared/contract/forms';
import type { CheckFailure, InstanceEvaluation } from '../../shared/study/evaluate-subject';

export function failureOut(f: CheckFailure): CheckFailureOut {
  return {
    id: f.id,
    severity: f.severity,
    message: f.message,
    fields: [...f.fields],
    overridden: f.overriddenBy ? { reason: f.overriddenBy.reason, by: f.overriddenBy.by, at: f.overriddenBy.at } : null,
  };
}

export function instanceOut(subjectId: string, instance: FormInstance, result: InstanceEvaluation | undefined): FormInstanceOut {
  return {
    subjectId,
    form: instance.form,
    instanceNo: instance.instanceNo,
    status: instance.status,
    version: instance.version,
    defVersion: instance.defVersion,
    completedOnce: instance.completedOnce,
    data: { ...instance.data },
    calcs: { ...(result?.calcs ?? {}) },
    hidden: [...(result?.hidden ?? [])],
    missing: [...(result?.missing ?? [])],
    failures: (result?.failures ?? []).map(failureOut),
    signedBy: instance.signedBy,
    signedAt: instance.signedAt,
    signMeaning: instance.signMeaning,
    lockedBy: instance.lockedBy,
    lockedAt: instance.lockedAt,
    updatedAt: instance.updatedAt,
    updatedBy: instance.updatedBy,
  };
}

export function overviewOut(instance: FormInstance, result: InstanceEvaluation | undefined): InstanceOverview {
  return {
    form: instance.form,
    instanceNo: instance.instanceNo,
    status: instance.status,
    version: instance.version,
    defVersion: instance.defVersion,
    updatedAt: instance.updatedAt,
    updatedBy: instance.updatedBy,
    signedBy: instance.signedBy,
    signedAt: instance.signedAt,
    lockedBy: instance.lockedBy,
    missing: [...(result?.missing ?? [])],
    failures: (result?.failures ?? []).map(failureOut),
  };
}
