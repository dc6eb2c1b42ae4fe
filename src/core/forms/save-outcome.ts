// Step 5 of a save (pure): the instance as it is written, and its audit entries — creation, one per
// changed field (with the reason, or why it was cleared), new overrides, a voided signature, the status.

import type { EvaluatedFormInstance, InstanceResults, NewFormInstance } from '../../db/domain';
import { entryText, type FormData } from '../../shared/study/entries';
import type { FormStatus, SoftOverride } from '../../shared/study/evaluate-subject';
import type { AuditEntryInput } from '../store/audit-chain';
import type { StatusDecision } from './save-status';

export interface SaveOutcomeInput {
  readonly existing: EvaluatedFormInstance | undefined;
  readonly target: { readonly siteId: string; readonly subjectId: string; readonly form: string; readonly instanceNo: number };
  readonly defVersion: string;
  readonly oldData: FormData;
  readonly data: FormData;
  readonly changed: readonly string[];
  readonly cleared: readonly string[];
  readonly reason: string | undefined;
  readonly decision: StatusDecision;
  readonly overrides: Readonly<Record<string, SoftOverride>>;
  readonly newOverrides: readonly string[];
  readonly results: InstanceResults;
  readonly by: { readonly user: string; readonly at: string };
}

export const CLEARED_REASON = 'cleared: hidden by a condition';

export function savedInstance(input: SaveOutcomeInput): NewFormInstance {
  const { existing, decision, by } = input;
  const keepSignature = !decision.voidsSignature;
  return {
    siteId: existing?.siteId ?? input.target.siteId,
    subjectId: input.target.subjectId,
    form: input.target.form,
    instanceNo: input.target.instanceNo,
    data: input.data,
    defVersion: input.defVersion,
    status: decision.status,
    version: (existing?.version ?? 0) + 1,
    completedOnce: existing?.completedOnce === true || decision.status !== 'draft',
    overrides: input.overrides,
    createdAt: existing?.createdAt ?? by.at,
    createdBy: existing?.createdBy ?? by.user,
    updatedAt: by.at,
    updatedBy: by.user,
    signedBy: keepSignature ? (existing?.signedBy ?? null) : null,
    signedAt: keepSignature ? (existing?.signedAt ?? null) : null,
    signMeaning: keepSignature ? (existing?.signMeaning ?? null) : null,
    lockedBy: null,
    lockedAt: null,
    deviceCalcs: null,
    results: input.results,
  };
}

export function saveAuditEntries(input: SaveOutcomeInput): AuditEntryInput[] {
  const { existing, decision } = input;
  const where = { subject_id: input.target.subjectId, form_key: input.target.form, instance_no: input.target.instanceNo };
  const previous: FormStatus = existing?.status ?? 'draft';
  const entries: AuditEntryInput[] = [];
  if (!existing) entries.push({ action: 'form.create', ...where, details: { defVersion: input.defVersion } });
  for (const field of input.changed) {
    entries.push({
      action: 'field.change',
      ...where,
      field,
      old_value: entryText(input.oldData[field]),
      new_value: entryText(input.data[field]),
      reason: input.cleared.includes(field) ? CLEARED_REASON : (input.reason ?? null),
    });
  }
  for (const id of input.newOverrides) entries.push({ action: 'check.override', ...where, reason: input.overrides[id]!.reason, details: { check: id } });
  if (decision.voidsSignature) entries.push({ action: 'form.signatureVoided', ...where, reason: input.reason ?? null, details: { signedBy: existing?.signedBy ?? null } });
  if (decision.status !== previous || !existing) entries.push({ action: 'form.status', ...where, old_value: existing ? previous : null, new_value: decision.status });
  return entries;
}
