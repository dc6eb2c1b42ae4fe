// Queries centre → site, for the `queries` section of the return bundle: the record schema of one query
// with all its events, what the centre collects for a site, and how the site applies it inside the
// import's transaction (upsert, new events audited, state folded from the events the site then holds).

import type { DataQuery, QueryEvent } from '../../db/domain';
import { eventsOfQueries, eventsOfQuery, findQueryEvent, insertQueryEvent, listQueries, markEventLate, upsertQuery } from '../../db/repositories/queries.repository';
import type { Db, Tx } from '../../db/transaction';
import type { TransferredQuery, TransferredQueryEvent } from '../../shared/contract/queries';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { appendAudit, type AuditEntryInput } from '../store/audit-chain';
import type { Session } from '../store/session';
import { queryAuditEntry } from './query-audit';
import { foldStatus } from './query-state';

export { TransferredQuery, TransferredQueryEvent } from '../../shared/contract/queries';

/** Centre: every query of the site's subjects with all its events (sites answer from the full state). */
export async function collectQueriesForSite(db: Db, siteId: string): Promise<TransferredQuery[]> {
  const byQuery = new Map<string, TransferredQueryEvent[]>();
  for (const e of await eventsOfQueries(db, { siteId })) {
    const list = byQuery.get(e.queryId) ?? [];
    list.push({ id: e.id, seq: e.seq, kind: e.kind, text: e.text, by: e.by, at: e.at, origin: e.origin, late: e.late });
    byQuery.set(e.queryId, list);
  }
  return (await listQueries(db, { siteId })).map((q) => ({
    id: q.id,
    site_id: q.siteId,
    subject_id: q.subjectId,
    form_key: q.form,
    instance_no: q.instanceNo,
    field: q.field,
    check_id: q.checkId,
    category: q.category,
    text: q.text,
    raised_by: q.raisedBy,
    raised_at: q.raisedAt,
    events: byQuery.get(q.id) ?? [],
  }));
}

export interface AppliedQueries {
  readonly queries: number;
  /** Events the site did not hold before (each audited as `query.received`). */
  readonly newEvents: number;
}

/**
 * Site: applies received queries inside the caller's (the return import's) transaction; role checks are
 * the import's. A query of another site is refused, so the import writes nothing.
 */
export function applyTransferredQueries(session: Session, tx: Tx, records: readonly TransferredQuery[]): Promise<AppliedQueries> {
  return applyTransferredQueriesAs({ siteId: session.info.siteId, at: isoNow(session.clock), user: session.user.username }, tx, records);
}

/** The same, for the return import, which knows the site, the time and the user but holds no session here. */
export async function applyTransferredQueriesAs(actor: { readonly siteId: string; readonly at: string; readonly user: string }, tx: Tx, records: readonly TransferredQuery[]): Promise<AppliedQueries> {
  const audit: AuditEntryInput[] = [];
  let newEvents = 0;
  for (const r of records) {
    if (r.site_id !== actor.siteId) throw new AppError('query.otherSite', { query: r.id, found: r.site_id, expected: actor.siteId });
  }
  for (const r of records) {
    const base: Omit<DataQuery, 'status' | 'updatedAt'> = {
      id: r.id,
      siteId: r.site_id,
      subjectId: r.subject_id,
      form: r.form_key,
      instanceNo: r.instance_no,
      field: r.field,
      checkId: r.check_id,
      category: r.category,
      text: r.text,
      raisedBy: r.raised_by,
      raisedAt: r.raised_at,
    };
    // The query row first (events reference it), then the events, then the state they fold to.
    await upsertQuery(tx, { ...base, status: 'open', updatedAt: r.raised_at });
    const fresh: QueryEvent[] = [];
    for (const e of r.events) {
      const event: QueryEvent = { ...e, queryId: r.id };
      if (await insertQueryEvent(tx, event)) fresh.push(event);
      else if (e.late && !(await findQueryEvent(tx, e.id))?.late) await markEventLate(tx, e.id);
    }
    const events = await eventsOfQuery(tx, r.id);
    const status = foldStatus(events);
    const query: DataQuery = { ...base, status, updatedAt: events.reduce((max, e) => (e.at > max ? e.at : max), r.raised_at) };
    await upsertQuery(tx, query);
    for (const e of fresh) audit.push(queryAuditEntry(query, e, status, 'query.received'));
    newEvents += fresh.length;
  }
  await appendAudit(tx, actor.at, actor.user, audit);
  return { queries: records.length, newEvents };
}
