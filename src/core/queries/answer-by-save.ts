// Answering by correcting the value: a form save whose reason for change names queries of that record
// answers those awaiting an answer, in the save's own transaction (a refused save answers nothing).

import type { Tx } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import type { Session } from '../store/session';
import { queryIdsIn } from './query-ids';
import { awaitsAnswer } from './query-state';
import { queryOrThrow, recordQueryEvent } from './record-event';

export async function answerQueriesNamedIn(session: Session, tx: Tx, reason: string | undefined, record: { subjectId: string; form: string }): Promise<string[]> {
  if (reason === undefined || session.info.kind !== 'site') return [];
  const answered: string[] = [];
  for (const id of queryIdsIn(reason)) {
    const query = await queryOrThrow(tx, id);
    if (query.subjectId !== record.subjectId || (query.form !== null && query.form !== record.form)) {
      throw new AppError('query.otherRecord', { query: id, subject: record.subjectId, form: record.form });
    }
    // Already answered or closed: the reason is in the audit trail all the same.
    if (!awaitsAnswer(query.status)) continue;
    await recordQueryEvent(session, tx, query, 'answer', reason, 'site');
    answered.push(id);
  }
  return answered;
}
