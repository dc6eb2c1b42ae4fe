// A subject's casebook: every form instance with status, missing items and check results, evaluated now.

import { findSubject } from '../../db/repositories/subjects.repository';
import type { Casebook, SubjectIdInput } from '../../shared/contract/subjects';
import { AppError } from '../../shared/errors/app-error';
import { requireRole } from '../store/permissions';
import { overviewOut } from '../store/form-view';
import type { Session } from '../store/session';
import { evaluateStoredSubject } from '../store/subject-data';

export async function getCasebook(session: Session, input: SubjectIdInput): Promise<Casebook> {
  requireRole(session.user.role, 'data.read');
  const subject = await findSubject(session.store.db, input.subjectId);
  if (!subject) throw new AppError('subject.notFound', { subject: input.subjectId });
  const { rows, evaluation } = await evaluateStoredSubject(session, session.store.db, input.subjectId);
  const instances = rows.map((row) => overviewOut(row, evaluation.get(row.form_key, row.instance_no)));
  const order = new Map(session.study.definition.forms.map((f, i) => [f.key, i]));
  instances.sort((a, b) => (order.get(a.form) ?? 99) - (order.get(b.form) ?? 99) || a.instanceNo - b.instanceNo);
  return {
    subject: {
      id: subject.id,
      siteId: subject.site_id,
      createdAt: subject.created_at,
      instances: rows.length,
      complete: rows.filter((r) => r.status !== 'draft').length,
      signed: rows.filter((r) => r.status === 'signed' || r.status === 'locked').length,
      locked: rows.filter((r) => r.status === 'locked').length,
      failedHard: instances.reduce((n, i) => n + i.failures.filter((f) => f.severity === 'hard').length, 0),
      failedSoft: instances.reduce((n, i) => n + i.failures.filter((f) => f.severity === 'soft' && !f.overridden).length, 0),
      missingItems: instances.reduce((n, i) => n + i.missing.length, 0),
    },
    instances,
    openQueries: evaluation.openQueries,
    formsComplete: evaluation.formsComplete,
  };
}
