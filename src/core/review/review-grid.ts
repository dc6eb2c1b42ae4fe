// The Review screen's grid of one form: every instance with its values and the check results and
// missing items kept from its last evaluation (recomputed for rows that have none yet).

import { listInstancesOfForm } from '../../db/repositories/form-instances.repository';
import type { ReviewGrid } from '../../shared/contract/review';
import { AppError } from '../../shared/errors/app-error';
import type { FormStatus, SoftOverride } from '../../shared/study/evaluate-subject';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { evaluateStoredSubject, previousResult } from '../store/subject-data';

export async function reviewGrid(session: Session, form: string): Promise<ReviewGrid> {
  requireRole(session.user.role, 'data.read');
  if (!session.study.compiled.form(form)) throw new AppError('form.unknown', { form });
  const rows = await listInstancesOfForm(session.store.db, form);
  const out: ReviewGrid['rows'] = [];
  // Rows merged at the centre carry no stored results: evaluate each subject once, not once per row.
  const evaluated = new Map<string, Awaited<ReturnType<typeof evaluateStoredSubject>>['evaluation']>();
  for (const row of rows) {
    let state = previousResult(row);
    if (!state) {
      let evaluation = evaluated.get(row.subject_id);
      if (!evaluation) {
        evaluation = (await evaluateStoredSubject(session, session.store.db, row.subject_id)).evaluation;
        evaluated.set(row.subject_id, evaluation);
      }
      const result = evaluation.get(row.form_key, row.instance_no);
      state = { failed: (result?.failures ?? []).map((f) => f.id), missing: [...(result?.missing ?? [])] };
    }
    const overrides = JSON.parse(row.overrides) as Record<string, SoftOverride>;
    out.push({
      subjectId: row.subject_id,
      instanceNo: row.instance_no,
      status: row.status as FormStatus,
      version: row.version,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
      data: JSON.parse(row.data) as Record<string, unknown>,
      failed: state.failed,
      overridden: state.failed.filter((id) => overrides[id] !== undefined),
      missing: state.missing,
    });
  }
  return { form, rows: out };
}
