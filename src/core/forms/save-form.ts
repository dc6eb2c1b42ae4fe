// Saving a form: every value validated before the transaction; then one short transaction reads what the
// save needs (the subject's instances and evaluation environment), runs the pure steps — plan the data,
// re-evaluate clearing hidden values, decide overrides and status, build the instance and its audit
// entries — and writes them. A refused save writes nothing.

import type { z } from 'zod';
import type { EvaluatedFormInstance } from '../../db/domain';
import { insertInstance, listInstancesOfSubject, takeInstanceNo, updateInstance } from '../../db/repositories/form-instances.repository';
import { findSubject } from '../../db/repositories/subjects.repository';
import { inWriteTransaction, type Tx } from '../../db/transaction';
import type { SaveFormInput, SaveResult } from '../../shared/contract/forms';
import { todayDayNumber } from '../../shared/dates/partial-date';
import { AppError } from '../../shared/errors/app-error';
import type { Form } from '../../shared/study/definition.schema';
import type { FormData } from '../../shared/study/entries';
import { evaluateSubject, type InstanceEvaluation, type SubjectEvaluation } from '../../shared/study/evaluate-subject';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import { evaluationEnv, previousResult, refreshSubjectStatus, resultsOf } from '../store/subject-data';
import { instanceOut } from '../store/form-view';
import { refuseFrozen } from '../store/central-freeze';
import { refuseCasebookLocked } from '../store/casebook-freeze';
import { answerQueriesNamedIn } from '../queries/answer-by-save';
import { validatePatch, type ValidatedPatch } from './apply-patch';
import { clearHiddenValues } from './clear-hidden';
import { changedFields, planData } from './save-plan';
import { decideOverrides, sameOverrides } from './save-overrides';
import { saveAuditEntries, savedInstance } from './save-outcome';
import { decideStatus, refuseBlockedEntry, refuseInvalidSave } from './save-status';

type SaveInput = z.output<typeof SaveFormInput>;

export async function saveForm(session: Session, input: SaveInput): Promise<SaveResult> {
  const form = session.study.compiled.form(input.form);
  if (!form) throw new AppError('form.unknown', { form: input.form });
  if (!form.repeating && input.instanceNo !== undefined && input.instanceNo !== 1) throw new AppError('form.notRepeating', { form: input.form });
  const role = session.user.role;
  if (role !== 'monitor') requireRole(role, 'form.save');
  const patch = validatePatch(session.study.compiled, form, input.data, {
    role,
    siteId: session.info.siteId,
    subjectId: input.subjectId,
    today: todayDayNumber(session.clock()),
    instanceNo: form.repeating ? input.instanceNo : 1,
  });
  if (role === 'monitor' && patch.entries.size === 0) requireRole(role, 'form.save');
  return inWriteTransaction(session.store.db, (tx) => saveIn(session, tx, form, input, patch));
}

/** The instance a save targets (undefined for a new one), refused when missing, locked or changed meanwhile. */
function targetOf(session: Session, form: Form, input: SaveInput, instances: readonly EvaluatedFormInstance[]): EvaluatedFormInstance | undefined {
  const wanted = form.repeating ? input.instanceNo : 1;
  const existing = wanted === undefined ? undefined : instances.find((i) => i.form === form.key && i.instanceNo === wanted);
  if (!existing && form.repeating && wanted !== undefined) throw new AppError('form.notFound', { form: form.key, instance: wanted, subject: input.subjectId });
  if (existing?.status === 'locked') throw new AppError('form.locked', { form: form.key });
  if (input.expectedVersion !== undefined && (existing?.version ?? 0) !== input.expectedVersion) {
    throw new AppError('form.versionConflict', { found: existing?.version ?? 0, expected: input.expectedVersion });
  }
  if (session.user.role === 'monitor' && !existing) requireRole(session.user.role, 'form.save');
  return existing;
}

async function saveIn(session: Session, tx: Tx, form: Form, input: SaveInput, patch: ValidatedPatch): Promise<SaveResult> {
  const { study } = session;
  if (!(await findSubject(tx, input.subjectId))) throw new AppError('subject.notFound', { subject: input.subjectId });
  await refuseFrozen(tx, session.info.siteId, input.subjectId, form.key);
  await refuseCasebookLocked(tx, input.subjectId);
  const instances = await listInstancesOfSubject(tx, input.subjectId);
  const existing = targetOf(session, form, input, instances);
  const instanceNo = existing?.instanceNo ?? (form.repeating ? await takeInstanceNo(tx, input.subjectId, form.key) : 1);
  const others = instances.filter((i) => i !== existing);
  const env = await evaluationEnv(session, tx, input.subjectId);

  const oldData: FormData = existing?.data ?? {};
  const overridesBefore = existing?.overrides ?? {};
  // Only what this form can affect is re-checked; other instances keep their stored results.
  const previous = new Map(others.map((i) => [`${i.form}#${i.instanceNo}`, previousResult(i)]));
  const evaluate = (data: FormData): SubjectEvaluation =>
    evaluateSubject(study.compiled, [...others, { form: form.key, instanceNo, data, overrides: overridesBefore }], env, {
      incremental: { changedForm: form.key, changedInstance: instanceNo, previous: (f, n) => previous.get(`${f}#${n}`) },
      // Only the saved instance's calculated values are shown; none is stored.
      calcsOf: { form: form.key, instanceNo },
    });
  const { data, cleared, evaluation, own } = clearHiddenValues(planData(form, oldData, patch, { instanceNo, siteId: session.info.siteId, subjectId: input.subjectId }), evaluate, { form: form.key, instanceNo });
  refuseBlockedEntry(study.compiled, own);

  const changed = changedFields(oldData, data);
  const userChanged = changed.filter((k) => !cleared.includes(k) && k !== form.sequenceField);
  const by = { user: session.user.username, at: isoNow(session.clock) };
  const { overrides, newOverrides, failures } = decideOverrides(study.compiled, form.key, own.failures, input.overrides, overridesBefore, by);
  const decision = decideStatus({ complete: input.complete === true, previous: existing?.status, changed: changed.length > 0 });
  refuseInvalidSave({ completedBefore: existing?.completedOnce === true, userChanged, reason: input.reason, complete: input.complete === true, missing: own.missing, failures });

  const result: InstanceEvaluation = { ...own, failures };
  if (existing && changed.length === 0 && decision.status === existing.status && sameOverrides(overrides, overridesBefore)) {
    return { instance: instanceOut(input.subjectId, existing, result), changedFields: [], clearedHiddenFields: [] };
  }

  const outcome = {
    existing,
    target: { siteId: session.info.siteId, subjectId: input.subjectId, form: form.key, instanceNo },
    defVersion: study.definition.version,
    oldData,
    data,
    changed,
    cleared,
    reason: input.reason,
    decision,
    overrides,
    newOverrides,
    results: resultsOf(result),
    by,
  };
  const values = savedInstance(outcome);
  let saved: EvaluatedFormInstance;
  if (existing) {
    await updateInstance(tx, existing.id, values);
    saved = { ...values, id: existing.id };
  } else {
    saved = await insertInstance(tx, values);
  }
  await appendAudit(tx, by.at, by.user, saveAuditEntries(outcome));
  // A reason for change that names queries of this record answers them (DESIGN.md "Queries").
  await answerQueriesNamedIn(session, tx, input.reason, { subjectId: input.subjectId, form: form.key });

  const finalEvaluation: SubjectEvaluation = {
    ...evaluation,
    instances: evaluation.instances.map((i) => (i.form === form.key && i.instanceNo === instanceNo ? result : i)),
    get: (f, n) => (f === form.key && n === instanceNo ? result : evaluation.get(f, n)),
  };
  await refreshSubjectStatus(session, tx, input.subjectId, [...others, saved], finalEvaluation);
  return { instance: instanceOut(input.subjectId, saved, result), changedFields: userChanged, clearedHiddenFields: [...cleared] };
}
