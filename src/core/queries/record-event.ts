// One transition of a query (answer, close, reopen) inside the caller's transaction: the event, the new
// state folded from all events, and the audit entry on the side where it happens.

import type { DataQuery, QueryEvent } from '../../db/domain';
import { eventsOfQuery, findQuery, insertQueryEvent, setQueryStatus } from '../../db/repositories/queries.repository';
import type { Tx } from '../../db/transaction';
import type { QueryEventKind, QueryOrigin } from '../../shared/contract/queries';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { appendAudit } from '../store/audit-chain';
import type { Session } from '../store/session';
import { queryAuditEntry } from './query-audit';
import { newEventId } from './query-ids';
import { foldStatus, mayFollow } from './query-state';

export async function queryOrThrow(tx: Tx, id: string): Promise<DataQuery> {
  const query = await findQuery(tx, id);
  if (!query) throw new AppError('query.notFound', { query: id });
  return query;
}

export async function recordQueryEvent(session: Session, tx: Tx, query: DataQuery, kind: Exclude<QueryEventKind, 'raise'>, text: string, origin: QueryOrigin): Promise<DataQuery> {
  if (!mayFollow(query.status, kind)) throw new AppError('query.badTransition', { query: query.id, status: query.status, action: kind });
  const at = isoNow(session.clock);
  const before = await eventsOfQuery(tx, query.id);
  const event: QueryEvent = { id: newEventId(), queryId: query.id, seq: before.length, kind, text, by: session.user.username, at, origin, late: false };
  await insertQueryEvent(tx, event);
  const status = foldStatus([...before, event]);
  await setQueryStatus(tx, query.id, status, at);
  await appendAudit(tx, at, session.user.username, [queryAuditEntry(query, event, status)]);
  return { ...query, status, updatedAt: at };
}
