// Saving a form: validate every value, apply the patch, re-evaluate the whole subject (cross-form
// checks), enforce completion rules and reasons for change, then write the row and one audit entry per
// changed field in a single transaction. A refused save writes nothing.

import type { z } from 'zod';
import { findInstance, insertInstance, takeInstanceNo, updateInstance, listInstancesOfSubject } from '../../db/repositories/form-instances.repository';
import { findSubject } from '../../db/repositories/subjects.repository';
import type { FormInstanceRow } from '../../db/schema/tables';
import { inWriteTransaction } from '../../db/transaction';
import type { SaveFormInput, SaveResult } from '../../shared/contract/forms';
import { todayDayNumber } from '../../shared/dates/partial-date';
import { AppError } from '../../shared/errors/app-error';
import { entryText, type FormData, type StoredEntry } from '../../shared/study/entries';
import {
  evaluateSubject,
  type FormStatus,
  type InstanceEvaluation,
  type SoftOverride,
  type SubjectEvaluation,
} from '../../shared/study/evaluate-subject';
import { appendAudit, type AuditEntryInput } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import { evaluationEnv, previousResult, refreshSubjectStatus, toSubjectInstance } from '../store/subject-data';
import { validatePatch } from './apply-patch';
import { instanceOut } from '../store/form-view';

type SaveInput = z.output<typeof SaveFormInput>;

function describe(failures: InstanceEvaluation['failures']): string[] {
  return failures.map((f) => `${f.id}: ${f.message.en}`);
}

function describeIt(failures: InstanceEvaluation['failures']): string[] {
  return failures.map((f) => `${f.id}: ${f.message.it}`);
}

export async function saveForm(session: Session, input: SaveInput): Promise<SaveResult> {
  const { study } = session;
  const form = study.compiled.form(input.form);
  if (!form) throw new AppError('form.unknown', { form: input.form });
  if (!form.repeating && input.instanceNo !== undefined && input.instanceNo !== 1) throw new AppError('form.notRepeating', { form: input.form });
  const role = session.user.role;
  if (role !== 'monitor') requireRole(role, 'form.save');
  const today = todayDayNumber(session.clock());
  const patch = validatePatch(study.compiled, form, input.data, {
    role,
    siteId: session.info.siteId,
    today,
    instanceNo: form.repeating ? input.instanceNo : 1,
  });
  if (role === 'monitor' && patch.entries.size === 0) requireRole(role, 'form.save');

  return inWriteTransaction(session.store.db, async (tx) => {
    if (!(await findSubject(tx, input.subjectId))) throw new AppError('subject.notFound', { subject: input.subjectId });
    const wanted = form.repeating ? input.instanceNo : 1;
    const existing = wanted === undefined ? undefined : await findInstance(tx, input.subjectId, form.key, wanted);
    if (!existing && form.repeating && wanted !== undefined) {
      throw new AppError('form.notFound', { form: form.key, instance: wanted, subject: input.subjectId });
    }
    if (existing?.status === 'locked') throw new AppError('form.locked', { form: form.key });
    if (input.expectedVersion !== undefined && (existing?.version ?? 0) !== input.expectedVersion) {
      throw new AppError('form.versionConflict', { found: existing?.version ?? 0, expected: input.expectedVersion });
    }
    if (role === 'monitor' && !existing) requireRole(role, 'form.save');
    const instanceNo = existing?.instance_no ?? (form.repeating ? await takeInstanceNo(tx, input.subjectId, form.key) : 1);

    const oldData = existing ? (JSON.parse(existing.data) as FormData) : {};
    let newData: FormData = { ...oldData };
    for (const [name, entry] of patch.entries) {
      if (entry === null) delete newData[name];
      else newData[name] = entry;
    }
    if (form.sequenceField) newData[form.sequenceField] = instanceNo;
    for (const field of form.fields) {
      if (field.type !== 'calc' && field.prefill === 'site_id' && newData[field.name] === undefined) newData[field.name] = session.info.siteId;
    }

    const others = (await listInstancesOfSubject(tx, input.subjectId)).filter((r) => !(r.form_key === form.key && r.instance_no === instanceNo));
    const env = await evaluationEnv(session, tx, input.subjectId);
    const overridesBefore: Record<string, SoftOverride> = existing ? (JSON.parse(existing.overrides) as Record<string, SoftOverride>) : {};
    // Only what this form can affect is re-checked; other instances keep their stored results.
    const previous = new Map(others.map((r) => [`${r.form_key}#${r.instance_no}`, previousResult(r)]));
    const evaluate = (data: FormData): SubjectEvaluation =>
      evaluateSubject(study.compiled, [...others.map(toSubjectInstance), { form: form.key, instanceNo, data, overrides: overridesBefore }], env, {
        incremental: { changedForm: form.key, previous: (f, n) => previous.get(`${f}#${n}`) },
      });

    // Values in fields a condition now hides are cleared (and audited); clearing can hide more, so repeat.
    const cleared: string[] = [];
    let evaluation = evaluate(newData);
    for (let round = 0; round < 10; round += 1) {
      const own = evaluation.get(form.key, instanceNo)!;
      const toClear = own.hidden.filter((f) => newData[f] !== undefined);
      if (toClear.length === 0) break;
      newData = { ...newData };
      for (const f of toClear) delete newData[f];
      cleared.push(...toClear);
      evaluation = evaluate(newData);
    }
    const own = evaluation.get(form.key, instanceNo)!;

    const blocking = own.failures.filter((f) => study.compiled.checks.some((c) => c.check.id === f.id && c.check.blocksEntry));
    if (blocking.length > 0) {
      throw new AppError('form.entryBlocked', { reason: blocking.map((f) => f.message.en).join('; '), reason_it: blocking.map((f) => f.message.it).join('; ') });
    }

    const changed = [...new Set([...Object.keys(oldData), ...Object.keys(newData)])]
      .filter((k) => entryText(oldData[k]) !== entryText(newData[k]))
      .sort();
    const userChanged = changed.filter((k) => !cleared.includes(k) && k !== form.sequenceField);

    // Soft-check overrides: new reasons for failing soft checks; reasons for checks that pass are dropped.
    const softIds = new Set([
      ...study.compiled.checks.filter((c) => c.check.severity === 'soft' && c.forms.includes(form.key)).map((c) => c.check.id),
      ...study.compiled.rangeChecks.filter((r) => r.form === form.key).map((r) => r.id),
    ]);
    const now = isoNow(session.clock);
    const overrides: Record<string, SoftOverride> = {};
    const newOverrides: string[] = [];
    for (const id of Object.keys(input.overrides ?? {})) {
      if (!softIds.has(id)) throw new AppError('form.unknownOverride', { check: id });
    }
    for (const failure of own.failures.filter((f) => f.severity === 'soft')) {
      const given = input.overrides?.[failure.id];
      if (given !== undefined) {
        overrides[failure.id] = { reason: given, by: session.user.username, at: now };
        if (overridesBefore[failure.id]?.reason !== given) newOverrides.push(failure.id);
      } else if (overridesBefore[failure.id]) {
        overrides[failure.id] = overridesBefore[failure.id]!;
      }
    }
    const failures = own.failures.map((f) => (f.severity === 'soft' ? { ...f, overriddenBy: overrides[f.id] ?? null } : f));

    const previousStatus = (existing?.status ?? 'draft') as FormStatus;
    let status: FormStatus;
    if (input.complete) status = previousStatus === 'signed' && changed.length === 0 ? 'signed' : 'complete';
    else status = changed.length > 0 || !existing ? 'draft' : previousStatus;

    if (existing && existing.completed_once === 1 && userChanged.length > 0 && !input.reason) throw new AppError('form.reasonRequired');
    if (input.complete) {
      if (own.missing.length > 0) throw new AppError('form.incomplete', { fields: own.missing });
      const hard = failures.filter((f) => f.severity === 'hard');
      if (hard.length > 0) throw new AppError('form.hardCheckFailed', { checks: describe(hard), checks_it: describeIt(hard), ids: hard.map((f) => f.id) });
      const soft = failures.filter((f) => f.severity === 'soft' && !f.overriddenBy);
      if (soft.length > 0) throw new AppError('form.softCheckNeedsReason', { checks: describe(soft), checks_it: describeIt(soft), ids: soft.map((f) => f.id) });
    }

    const overridesChanged = JSON.stringify(overrides) !== JSON.stringify(overridesBefore);
    if (existing && changed.length === 0 && status === previousStatus && !overridesChanged) {
      const result: InstanceEvaluation = { ...own, failures };
      return { instance: instanceOut(input.subjectId, existing, result), changedFields: [], clearedHiddenFields: [] };
    }

    const voidSignature = previousStatus === 'signed' && status !== 'signed';
    const row: FormInstanceRow = {
      id: existing?.id ?? 0,
      site_id: existing?.site_id ?? session.info.siteId,
      subject_id: input.subjectId,
      form_key: form.key,
      instance_no: instanceNo,
      data: JSON.stringify(newData),
      def_version: study.definition.version,
      status,
      version: (existing?.version ?? 0) + 1,
      completed_once: existing?.completed_once === 1 || status !== 'draft' ? 1 : 0,
      overrides: JSON.stringify(overrides),
      created_at: existing?.created_at ?? now,
      created_by: existing?.created_by ?? session.user.username,
      updated_at: now,
      updated_by: session.user.username,
      signed_by: voidSignature ? null : (existing?.signed_by ?? null),
      signed_at: voidSignature ? null : (existing?.signed_at ?? null),
      sign_meaning: voidSignature ? null : (existing?.sign_meaning ?? null),
      locked_by: null,
      locked_at: null,
      n_missing: own.missing.length,
      n_hard: failures.filter((f) => f.severity === 'hard').length,
      n_soft: failures.filter((f) => f.severity === 'soft' && !f.overriddenBy).length,
      calcs: null,
      failed_checks: JSON.stringify(failures.map((f) => f.id)),
      missing_fields: JSON.stringify(own.missing),
    };
    const { id: _id, ...values } = row;
    if (existing) await updateInstance(tx, existing.id, values);
    else await insertInstance(tx, values);

    const where = { subject_id: input.subjectId, form_key: form.key, instance_no: instanceNo };
    const entries: AuditEntryInput[] = [];
    if (!existing) entries.push({ action: 'form.create', ...where, details: { defVersion: study.definition.version } });
    for (const field of changed) {
      entries.push({
        action: 'field.change',
        ...where,
        field,
        old_value: entryText(oldData[field] as StoredEntry | undefined),
        new_value: entryText(newData[field] as StoredEntry | undefined),
        reason: cleared.includes(field) ? 'cleared: hidden by a condition' : (input.reason ?? null),
      });
    }
    for (const id of newOverrides) {
      entries.push({ action: 'check.override', ...where, reason: overrides[id]!.reason, details: { check: id } });
    }
    if (voidSignature) entries.push({ action: 'form.signatureVoided', ...where, reason: input.reason ?? null, details: { signedBy: existing?.signed_by ?? null } });
    if (status !== previousStatus || !existing) entries.push({ action: 'form.status', ...where, old_value: existing ? previousStatus : null, new_value: status });
    await appendAudit(tx, now, session.user.username, entries);

    const finalRow: FormInstanceRow = existing ? { ...row, id: existing.id } : ((await findInstance(tx, input.subjectId, form.key, instanceNo)) ?? row);
    const finalEvaluation: SubjectEvaluation = {
      ...evaluation,
      instances: evaluation.instances.map((i) => (i.form === form.key && i.instanceNo === instanceNo ? { ...own, failures } : i)),
      get: (f, n) => (f === form.key && n === instanceNo ? { ...own, failures } : evaluation.get(f, n)),
    };
    await refreshSubjectStatus(session, tx, input.subjectId, [...others, finalRow], finalEvaluation);
    return {
      instance: instanceOut(input.subjectId, finalRow, { ...own, failures }),
      changedFields: userChanged,
      clearedHiddenFields: cleared,
    };
  });
}
