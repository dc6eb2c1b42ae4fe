// Queries on the data queries and their events (site and central stores alike).

import type { DataQuery, QueryEvent, QueryFilter } from '../domain/query';
import { kyselyOf, type Db, type Tx } from '../handle';
import { queryEventRow, queryRow, toDataQuery, toQueryEvent } from '../mappers/query.mapper';

export async function insertQuery(tx: Tx, query: DataQuery): Promise<void> {
  await kyselyOf(tx).insertInto('queries').values(queryRow(query)).execute();
}

/** Inserts the query or replaces what the store holds of it (a site receiving the centre's copy). */
export async function upsertQuery(tx: Tx, query: DataQuery): Promise<void> {
  const row = queryRow(query);
  const { id: _id, ...rest } = row;
  await kyselyOf(tx)
    .insertInto('queries')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(rest))
    .execute();
}

export async function setQueryStatus(tx: Tx, id: string, status: DataQuery['status'], updatedAt: string): Promise<void> {
  await kyselyOf(tx).updateTable('queries').set({ status, updated_at: updatedAt }).where('id', '=', id).execute();
}

export async function findQuery(db: Db, id: string): Promise<DataQuery | undefined> {
  const row = await kyselyOf(db).selectFrom('queries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toDataQuery(row) : undefined;
}

export async function listQueries(db: Db, filter: QueryFilter = {}): Promise<DataQuery[]> {
  let q = kyselyOf(db).selectFrom('queries').selectAll();
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  if (filter.siteId !== undefined) q = q.where('site_id', '=', filter.siteId);
  if (filter.subjectId !== undefined) q = q.where('subject_id', '=', filter.subjectId);
  const rows = await q.orderBy('site_id').orderBy('subject_id').orderBy('raised_at').orderBy('id').execute();
  return rows.map(toDataQuery);
}

/** Inserts an event unless one with its id is there already; says whether it was new. */
export async function insertQueryEvent(tx: Tx, event: QueryEvent): Promise<boolean> {
  const result = await kyselyOf(tx)
    .insertInto('query_events')
    .values(queryEventRow(event))
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function eventsOfQuery(db: Db, queryId: string): Promise<QueryEvent[]> {
  const rows = await kyselyOf(db).selectFrom('query_events').selectAll().where('query_id', '=', queryId).orderBy('seq').orderBy('at').orderBy('id').execute();
  return rows.map(toQueryEvent);
}

/** Every event of the queries matching the filter, in time order. */
export async function eventsOfQueries(db: Db, filter: QueryFilter = {}): Promise<QueryEvent[]> {
  let q = kyselyOf(db).selectFrom('query_events').innerJoin('queries', 'queries.id', 'query_events.query_id').selectAll('query_events');
  if (filter.status !== undefined) q = q.where('queries.status', '=', filter.status);
  if (filter.siteId !== undefined) q = q.where('queries.site_id', '=', filter.siteId);
  if (filter.subjectId !== undefined) q = q.where('queries.subject_id', '=', filter.subjectId);
  const rows = await q.orderBy('query_events.query_id').orderBy('query_events.seq').orderBy('query_events.at').orderBy('query_events.id').execute();
  return rows.map(toQueryEvent);
}

/** The events that happened at the site (answers), which its bundles carry to the centre. */
export async function siteOriginEvents(db: Db): Promise<QueryEvent[]> {
  const rows = await kyselyOf(db).selectFrom('query_events').selectAll().where('origin', '=', 'site').orderBy('seq').orderBy('at').orderBy('id').execute();
  return rows.map(toQueryEvent);
}

export async function findQueryEvent(db: Db, id: string): Promise<QueryEvent | undefined> {
  const row = await kyselyOf(db).selectFrom('query_events').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toQueryEvent(row) : undefined;
}

/** Marks an answer late: it reached the centre after the query was closed. */
export async function markEventLate(tx: Tx, id: string): Promise<void> {
  await kyselyOf(tx).updateTable('query_events').set({ late: 1 }).where('id', '=', id).execute();
}
