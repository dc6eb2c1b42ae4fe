// A subject's casebook: every form instance with status, missing items and check results, evaluated now.

import { findCasebookLock } from '../../db/repositories/casebook-locks.repository';
import { findSubject } from '../../db/repositories/subjects.repository';
import type { Casebook, SubjectIdInput } from '../../shared/contract/subjects';
import { AppError } from '../../shared/errors/app-error';
import { requireRole } from '../store/permissions';
import { overviewOut } from '../store/form-view';
import { progressCounts } from '../store/progress-counts';
import { casebookLockOut } from '../store/casebook-lock-view';
import type { Session } from '../store/session';
import { evaluateStoredSubject } from '../store/subject-data';

export async function getCasebook(session: Session, input: SubjectIdInput): Promise<Casebook> {
  requireRole(session.user.role, 'data.read');
  const subject = await findSubject(session.store.db, input.subjectId);
  if (!subject) throw new AppError('subject.notFound', { subject: input.subjectId });
  const { instances: stored, evaluation } = await evaluateStoredSubject(session, session.store.db, input.subjectId);
  const lock = await findCasebookLock(session.store.db, input.subjectId);
  const instances = stored.map((i) => overviewOut(i, evaluation.get(i.form, i.instanceNo)));
  const order = new Map(session.study.definition.forms.map((f, i) => [f.key, i]));
  instances.sort((a, b) => (order.get(a.form) ?? 99) - (order.get(b.form) ?? 99) || a.instanceNo - b.instanceNo);
  return {
    subject: {
      id: subject.id,
      siteId: subject.siteId,
      createdAt: subject.createdAt,
      instances: stored.length,
      ...progressCounts(stored, lock),
      failedHard: instances.reduce((n, i) => n + i.failures.filter((f) => f.severity === 'hard').length, 0),
      failedSoft: instances.reduce((n, i) => n + i.failures.filter((f) => f.severity === 'soft' && !f.overridden).length, 0),
      missingItems: instances.reduce((n, i) => n + i.missing.length, 0),
    },
    instances,
    openQueries: evaluation.openQueries,
    formsComplete: evaluation.formsComplete,
    lock: lock ? casebookLockOut(lock) : null,
  };
}
