// The Review screen's grid of one form: every instance with its values and the check results and
// missing items kept from its last evaluation (recomputed for rows that have none yet).

import { listInstancesOfForm } from '../../db/repositories/form-instances.repository';
import type { ReviewGrid } from '../../shared/contract/review';
import { AppError } from '../../shared/errors/app-error';
import type { SubjectEvaluation } from '../../shared/study/evaluate-subject';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { evaluateStoredSubject, previousResult } from '../store/subject-data';

export async function reviewGrid(session: Session, form: string): Promise<ReviewGrid> {
  requireRole(session.user.role, 'data.read');
  if (!session.study.compiled.form(form)) throw new AppError('form.unknown', { form });
  const instances = await listInstancesOfForm(session.store.db, form);
  const out: ReviewGrid['rows'] = [];
  // Instances merged at the centre carry no stored results: evaluate each subject once, not once per row.
  const evaluated = new Map<string, SubjectEvaluation>();
  for (const instance of instances) {
    let state = previousResult(instance);
    if (!state) {
      let evaluation = evaluated.get(instance.subjectId);
      if (!evaluation) {
        evaluation = (await evaluateStoredSubject(session, session.store.db, instance.subjectId)).evaluation;
        evaluated.set(instance.subjectId, evaluation);
      }
      const result = evaluation.get(instance.form, instance.instanceNo);
      state = { failed: (result?.failures ?? []).map((f) => f.id), missing: [...(result?.missing ?? [])] };
    }
    out.push({
      subjectId: instance.subjectId,
      instanceNo: instance.instanceNo,
      status: instance.status,
      version: instance.version,
      updatedAt: instance.updatedAt,
      updatedBy: instance.updatedBy,
      data: instance.data,
      failed: [...state.failed],
      overridden: state.failed.filter((id) => instance.overrides[id] !== undefined),
      missing: [...state.missing],
    });
  }
  return { form, rows: out };
}
