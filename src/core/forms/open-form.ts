// Opening a form in the UI: the instance (null when it is new or not filled in yet) and the subject's data for
// live evaluation, in one call, so a transport round trip is paid once per screen.

import { findCasebookLock } from '../../db/repositories/casebook-locks.repository';
import type { OpenFormInput, OpenFormOut } from '../../shared/contract/forms';
import { AppError } from '../../shared/errors/app-error';
import { casebookLockOut } from '../store/casebook-lock-view';
import type { Session } from '../store/session';
import { getEvaluationData } from './evaluation-data';
import { getFormInstance } from './instance-actions';

export async function openForm(session: Session, input: OpenFormInput): Promise<OpenFormOut> {
  if (!session.study.compiled.form(input.form)) throw new AppError('form.unknown', { form: input.form });
  const evaluation = await getEvaluationData(session, { subjectId: input.subjectId });
  const exists = input.instanceNo !== undefined && evaluation.instances.some((i) => i.form === input.form && i.instanceNo === input.instanceNo);
  const instance = exists ? await getFormInstance(session, { subjectId: input.subjectId, form: input.form, instanceNo: input.instanceNo! }) : null;
  const lock = await findCasebookLock(session.store.db, input.subjectId);
  return { instance, evaluation, casebookLock: lock ? casebookLockOut(lock) : null };
}
