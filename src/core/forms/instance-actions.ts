// Signing, locking, unlocking and removing form instances: each checked against the role rules and
// the instance's status, and recorded in the audit trail.

import type { z } from 'zod';
import type { EvaluatedFormInstance } from '../../db/domain';
import { deleteInstance, findInstance, updateInstance } from '../../db/repositories/form-instances.repository';
import { inWriteTransaction, type Db, type Tx } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import type { FormInstanceOut, InstanceRef, ReasonedInstanceRef, SignFormInput, SignManyInput } from '../../shared/contract/forms';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from '../store/audit-chain';
import { verifyPassword } from '../auth/open-session';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import { evaluateStoredSubject, refreshSubjectStatus } from '../store/subject-data';
import { instanceOut } from '../store/form-view';
import { refuseFrozen } from '../store/central-freeze';
import { refuseCasebookLocked } from '../store/casebook-freeze';

type Ref = z.output<typeof InstanceRef>;

async function requireInstance(db: Db, session: Session, ref: Ref): Promise<EvaluatedFormInstance> {
  if (!session.study.compiled.form(ref.form)) throw new AppError('form.unknown', { form: ref.form });
  const instance = await findInstance(db, ref.subjectId, ref.form, ref.instanceNo);
  if (!instance) throw new AppError('form.notFound', { form: ref.form, instance: ref.instanceNo, subject: ref.subjectId });
  return instance;
}

async function afterChange(session: Session, tx: Tx, ref: Ref): Promise<FormInstanceOut> {
  const { instances, evaluation } = await evaluateStoredSubject(session, tx, ref.subjectId);
  await refreshSubjectStatus(session, tx, ref.subjectId, instances, evaluation);
  const instance = instances.find((i) => i.form === ref.form && i.instanceNo === ref.instanceNo)!;
  return instanceOut(ref.subjectId, instance, evaluation.get(ref.form, ref.instanceNo));
}

/** Marks complete instances signed inside the caller's transaction: one audit entry per form. */
async function signRows(session: Session, tx: Tx, subjectId: string, refs: readonly { form: string; instanceNo: number }[]): Promise<void> {
  const meaning = session.study.definition.signatureMeaning;
  const now = isoNow(session.clock);
  for (const ref of refs) {
    const row = await requireInstance(tx, session, { subjectId, form: ref.form, instanceNo: ref.instanceNo });
    await refuseFrozen(tx, session.info.siteId, subjectId, ref.form);
    await refuseCasebookLocked(tx, subjectId);
    if (row.status === 'locked') throw new AppError('form.locked', { form: ref.form });
    if (row.status !== 'complete') throw new AppError('form.notComplete', { action: 'signed' });
    await updateInstance(tx, row.id, { status: 'signed', signedBy: session.user.username, signedAt: now, signMeaning: `${meaning.en} / ${meaning.it}`, version: row.version + 1 });
    await appendAudit(tx, now, session.user.username, [
      {
        action: 'form.sign',
        subject_id: subjectId,
        form_key: ref.form,
        instance_no: ref.instanceNo,
        old_value: row.status,
        new_value: 'signed',
        details: { meaning: meaning.en, meaning_it: meaning.it, displayName: session.user.displayName },
      },
    ]);
  }
}

/** An investigator's electronic signature: password re-entered, meaning of the signature recorded. */
export async function signForm(session: Session, input: z.output<typeof SignFormInput>): Promise<FormInstanceOut> {
  requireRole(session.user.role, 'form.sign');
  await verifyPassword(session, input.password);
  return inWriteTransaction(session.store.db, async (tx) => {
    await signRows(session, tx, input.subjectId, [input]);
    return afterChange(session, tx, input);
  });
}

/** Signs several completed forms of one subject with one password entry (casebook sign-off). */
export async function signForms(session: Session, input: z.output<typeof SignManyInput>): Promise<{ signed: number }> {
  requireRole(session.user.role, 'form.sign');
  await verifyPassword(session, input.password);
  return inWriteTransaction(session.store.db, async (tx) => {
    await signRows(session, tx, input.subjectId, input.instances);
    const { instances, evaluation } = await evaluateStoredSubject(session, tx, input.subjectId);
    await refreshSubjectStatus(session, tx, input.subjectId, instances, evaluation);
    return { signed: input.instances.length };
  });
}

export async function lockForm(session: Session, input: Ref): Promise<FormInstanceOut> {
  requireRole(session.user.role, 'form.lock');
  return inWriteTransaction(session.store.db, async (tx) => {
    const row = await requireInstance(tx, session, input);
    if (row.status === 'locked') throw new AppError('form.locked', { form: input.form });
    if (row.status !== 'signed') throw new AppError('form.notComplete', { action: 'locked (it must be signed first)' });
    const now = isoNow(session.clock);
    await updateInstance(tx, row.id, { status: 'locked', lockedBy: session.user.username, lockedAt: now, version: row.version + 1 });
    await appendAudit(tx, now, session.user.username, [
      { action: 'form.lock', subject_id: input.subjectId, form_key: input.form, instance_no: input.instanceNo, old_value: row.status, new_value: 'locked' },
    ]);
    return afterChange(session, tx, input);
  });
}

/** Unlocking returns the form to signed; any later change then voids the signature as usual. */
export async function unlockForm(session: Session, input: z.output<typeof ReasonedInstanceRef>): Promise<FormInstanceOut> {
  requireRole(session.user.role, 'form.unlock');
  return inWriteTransaction(session.store.db, async (tx) => {
    const row = await requireInstance(tx, session, input);
    await refuseFrozen(tx, session.info.siteId, input.subjectId, input.form);
    await refuseCasebookLocked(tx, input.subjectId);
    if (row.status !== 'locked') throw new AppError('form.notLocked');
    const now = isoNow(session.clock);
    await updateInstance(tx, row.id, { status: 'signed', lockedBy: null, lockedAt: null, version: row.version + 1 });
    await appendAudit(tx, now, session.user.username, [
      { action: 'form.unlock', subject_id: input.subjectId, form_key: input.form, instance_no: input.instanceNo, old_value: 'locked', new_value: 'signed', reason: input.reason },
    ]);
    return afterChange(session, tx, input);
  });
}

/** Removes an instance of a repeating form; its data stays in the audit trail with the reason. */
export async function removeInstance(session: Session, input: z.output<typeof ReasonedInstanceRef>): Promise<void> {
  requireRole(session.user.role, 'form.remove');
  const form = session.study.compiled.form(input.form);
  if (!form) throw new AppError('form.unknown', { form: input.form });
  if (!form.repeating) throw new AppError('form.notRepeating', { form: input.form });
  await inWriteTransaction(session.store.db, async (tx) => {
    const row = await requireInstance(tx, session, input);
    await refuseFrozen(tx, session.info.siteId, input.subjectId, input.form);
    await refuseCasebookLocked(tx, input.subjectId);
    if (row.status === 'locked') throw new AppError('form.locked', { form: input.form });
    const now = isoNow(session.clock);
    await deleteInstance(tx, row.id);
    await appendAudit(tx, now, session.user.username, [
      {
        action: 'form.remove',
        subject_id: input.subjectId,
        form_key: input.form,
        instance_no: input.instanceNo,
        old_value: canonicalJson(row.data),
        reason: input.reason,
        details: { status: row.status, version: row.version },
      },
    ]);
    const { instances, evaluation } = await evaluateStoredSubject(session, tx, input.subjectId);
    await refreshSubjectStatus(session, tx, input.subjectId, instances, evaluation);
  });
}

export async function getFormInstance(session: Session, input: Ref): Promise<FormInstanceOut> {
  requireRole(session.user.role, 'data.read');
  const row = await requireInstance(session.store.db, session, input);
  const { evaluation } = await evaluateStoredSubject(session, session.store.db, input.subjectId);
  return instanceOut(input.subjectId, row, evaluation.get(input.form, input.instanceNo));
}

