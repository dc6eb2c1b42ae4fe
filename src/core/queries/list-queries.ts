// `edc queries list` and the Queries screen: queries with their events, days to the first answer and late
// answers, filtered by state, site or subject.

import type { DataQuery, QueryEvent } from '../../db/domain';
import type { Db } from '../../db/transaction';
import { eventsOfQueries, listQueries } from '../../db/repositories/queries.repository';
import type { ListQueriesInput, QueryOut } from '../../shared/contract/queries';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';

const DAY_MS = 86_400_000;

export function queryOut(query: DataQuery, events: readonly QueryEvent[]): QueryOut {
  const firstAnswer = events.find((e) => e.kind === 'answer');
  return {
    ...query,
    daysToAnswer: firstAnswer ? Math.floor((Date.parse(firstAnswer.at) - Date.parse(query.raisedAt)) / DAY_MS) : null,
    lateAnswers: events.filter((e) => e.late).length,
    events: events.map((e) => ({ id: e.id, kind: e.kind, text: e.text, by: e.by, at: e.at, origin: e.origin, late: e.late })),
  };
}

export async function listQueryViews(session: Session, filter: ListQueriesInput = {}): Promise<QueryOut[]> {
  requireRole(session.user.role, 'data.read');
  return queryViews(session.store.db, filter);
}

/** The queries with their events, for exports that already hold the store (the caller checked the role). */
export async function queryViews(db: Db, filter: ListQueriesInput = {}): Promise<QueryOut[]> {
  const queries = await listQueries(db, filter);
  const byQuery = new Map<string, QueryEvent[]>();
  for (const e of await eventsOfQueries(db, filter)) {
    const list = byQuery.get(e.queryId) ?? [];
    list.push(e);
    byQuery.set(e.queryId, list);
  }
  return queries.map((q) => queryOut(q, byQuery.get(q.id) ?? []));
}
