// The transitions users ask for: the centre closes or re-opens a query, the site answers it with a text.

import type { DataQuery } from '../../db/domain';
import { inWriteTransaction } from '../../db/transaction';
import type { QueryActionInput } from '../../shared/contract/queries';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { queryOrThrow, recordQueryEvent } from './record-event';
import { requireStoreKind } from './store-kind';

async function centreAction(session: Session, input: QueryActionInput, kind: 'close' | 'reopen'): Promise<DataQuery> {
  requireStoreKind(session, 'central');
  requireRole(session.user.role, 'query.manage');
  return inWriteTransaction(session.store.db, async (tx) => recordQueryEvent(session, tx, await queryOrThrow(tx, input.queryId), kind, input.text, 'centre'));
}

export function closeQuery(session: Session, input: QueryActionInput): Promise<DataQuery> {
  return centreAction(session, input, 'close');
}

export function reopenQuery(session: Session, input: QueryActionInput): Promise<DataQuery> {
  return centreAction(session, input, 'reopen');
}

export async function answerQuery(session: Session, input: QueryActionInput): Promise<DataQuery> {
  requireStoreKind(session, 'site');
  requireRole(session.user.role, 'query.answer');
  return inWriteTransaction(session.store.db, async (tx) => recordQueryEvent(session, tx, await queryOrThrow(tx, input.queryId), 'answer', input.text, 'site'));
}
