// Casebook lock and unlock by the site's administrator: the lock locks every form instance of the subject
// that is not locked yet and remembers each one's status; the unlock (with a reason) gives exactly those
// back their status, so forms locked one by one before stay locked. Both are in the audit trail, per form
// and for the casebook. While the lock stands, saves, new instances, signatures and removals are refused.

import type { z } from 'zod';
import type { CasebookLock, LockedByCasebook } from '../../db/domain';
import { deleteCasebookLock, findCasebookLock, insertCasebookLock } from '../../db/repositories/casebook-locks.repository';
import { listInstancesOfSubject, updateInstance } from '../../db/repositories/form-instances.repository';
import { findSubject } from '../../db/repositories/subjects.repository';
import { inWriteTransaction, type Tx } from '../../db/transaction';
import type { CasebookLockInput, CasebookLockOut, CasebookUnlockOut } from '../../shared/contract/casebook-lock';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { appendAudit, type AuditEntryInput } from '../store/audit-chain';
import { refuseCasebookLocked } from '../store/casebook-freeze';
import { casebookLockOut } from '../store/casebook-lock-view';
import { freezeOf } from '../store/central-freeze';
import { requireStoreKind } from '../queries/store-kind';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { evaluateStoredSubject, refreshSubjectStatus } from '../store/subject-data';

type Input = z.output<typeof CasebookLockInput>;

/** A subject frozen by the centre keeps its forms as the centre froze them: no casebook lock or unlock here. */
async function refuseCentrallyFrozen(session: Session, tx: Tx, subjectId: string): Promise<void> {
  const lock = await freezeOf(tx, session.info.siteId, subjectId);
  if (lock) throw new AppError('form.casebookFrozen', { subject: subjectId, scope: lock.scope, reason: lock.reason });
}

async function refreshStatus(session: Session, tx: Tx, subjectId: string): Promise<void> {
  const { instances, evaluation } = await evaluateStoredSubject(session, tx, subjectId);
  await refreshSubjectStatus(session, tx, subjectId, instances, evaluation);
}

export async function lockCasebook(session: Session, input: Input): Promise<CasebookLockOut> {
  requireRole(session.user.role, 'casebook.lock');
  // The centre's store holds the sites' data read-only: a casebook is locked where it is entered.
  requireStoreKind(session, 'site');
  return inWriteTransaction(session.store.db, async (tx) => {
    if (!(await findSubject(tx, input.subjectId))) throw new AppError('subject.notFound', { subject: input.subjectId });
    await refuseCasebookLocked(tx, input.subjectId);
    await refuseCentrallyFrozen(session, tx, input.subjectId);
    const at = isoNow(session.clock);
    const by = session.user.username;
    const prior: LockedByCasebook[] = [];
    const audit: AuditEntryInput[] = [];
    for (const row of await listInstancesOfSubject(tx, input.subjectId)) {
      if (row.status === 'locked') continue;
      prior.push({ form: row.form, instanceNo: row.instanceNo, status: row.status });
      await updateInstance(tx, row.id, { status: 'locked', lockedBy: by, lockedAt: at, version: row.version + 1 });
      audit.push({ action: 'form.lock', subject_id: input.subjectId, form_key: row.form, instance_no: row.instanceNo, old_value: row.status, new_value: 'locked', reason: input.reason, details: { casebook: true } });
    }
    const lock: CasebookLock = { subjectId: input.subjectId, lockedAt: at, lockedBy: by, reason: input.reason, prior };
    await insertCasebookLock(tx, lock);
    audit.push({ action: 'casebook.lock', subject_id: input.subjectId, reason: input.reason, details: { forms: prior.length } });
    await appendAudit(tx, at, by, audit);
    await refreshStatus(session, tx, input.subjectId);
    return casebookLockOut(lock);
  });
}

export async function unlockCasebook(session: Session, input: Input): Promise<CasebookUnlockOut> {
  requireRole(session.user.role, 'casebook.lock');
  requireStoreKind(session, 'site');
  return inWriteTransaction(session.store.db, async (tx) => {
    const lock = await findCasebookLock(tx, input.subjectId);
    if (!lock) throw new AppError('form.casebookNotLocked', { subject: input.subjectId });
    await refuseCentrallyFrozen(session, tx, input.subjectId);
    const at = isoNow(session.clock);
    const before = new Map(lock.prior.map((p) => [`${p.form}#${p.instanceNo}`, p.status]));
    const audit: AuditEntryInput[] = [];
    for (const row of await listInstancesOfSubject(tx, input.subjectId)) {
      const status = before.get(`${row.form}#${row.instanceNo}`);
      // Nothing can change a locked casebook's forms, so each listed one is still locked here.
      if (status === undefined || row.status !== 'locked') continue;
      await updateInstance(tx, row.id, { status, lockedBy: null, lockedAt: null, version: row.version + 1 });
      audit.push({ action: 'form.unlock', subject_id: input.subjectId, form_key: row.form, instance_no: row.instanceNo, old_value: 'locked', new_value: status, reason: input.reason, details: { casebook: true } });
    }
    await deleteCasebookLock(tx, input.subjectId);
    audit.push({ action: 'casebook.unlock', subject_id: input.subjectId, reason: input.reason, details: { forms: audit.length, lockedAt: lock.lockedAt, lockedBy: lock.lockedBy } });
    await appendAudit(tx, at, session.user.username, audit);
    await refreshStatus(session, tx, input.subjectId);
    return { subjectId: input.subjectId, restored: audit.length - 1 };
  });
}
