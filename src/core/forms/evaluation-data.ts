// The raw material for evaluating a subject in the UI: every instance's data, parameters, and the
// exact birth date only for roles allowed to read the identification log.

import { AppError } from '../../shared/errors/app-error';
import type { EvaluationData, SubjectIdInput } from '../../shared/contract/subjects';
import { isoFromDay } from '../../shared/dates/partial-date';
import { findSubject } from '../../db/repositories/subjects.repository';
import { listInstancesOfSubject } from '../../db/repositories/form-instances.repository';
import { may, requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { evaluationEnv } from '../store/subject-data';

export async function getEvaluationData(session: Session, input: SubjectIdInput): Promise<EvaluationData> {
  requireRole(session.user.role, 'data.read');
  if (!(await findSubject(session.store.db, input.subjectId))) throw new AppError('subject.notFound', { subject: input.subjectId });
  const instances = await listInstancesOfSubject(session.store.db, input.subjectId);
  const env = await evaluationEnv(session, session.store.db, input.subjectId);
  return {
    instances: instances.map((i) => ({ form: i.form, instanceNo: i.instanceNo, data: { ...i.data }, status: i.status, overrides: { ...i.overrides }, signedAt: i.signedAt })),
    params: { ...env.params },
    identityBirthDate: may(session.user.role, 'identity.read') ? (env.identityBirthDate ?? null) : null,
    today: isoFromDay(env.today),
  };
}
