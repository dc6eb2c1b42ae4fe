// The centre's side of answers: the query events a site bundle carries, merged by id inside the merge's
// transaction. An answer that arrives for a query the centre has since closed is kept, marked late, and
// changes nothing; one for a query the centre does not hold for that site is kept out and audited.

import type { QueryEvent } from '../../db/domain';
import { eventsOfQuery, findQuery, findQueryEvent, insertQueryEvent, setQueryStatus } from '../../db/repositories/queries.repository';
import type { Tx } from '../../db/transaction';
import { QueryEventRecord } from '../../shared/contract/bundle-records';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { appendAudit, type AuditEntryInput } from '../store/audit-chain';
import type { Session } from '../store/session';
import { queryAuditEntry } from './query-audit';
import { foldStatus } from './query-state';

export interface MergedAnswers {
  readonly received: number;
  readonly late: number;
  readonly unknown: number;
}

/** Parses the records of query_events.ndjson; a bad one refuses the bundle (nothing is written). */
export function parseQueryEventRecords(records: readonly unknown[], firstLine: number): QueryEventRecord[] {
  return records.map((r, i) => {
    const parsed = QueryEventRecord.safeParse(r);
    if (!parsed.success) throw new AppError('bundle.malformedRecord', { file: 'query_events.ndjson', line: firstLine + i, detail: parsed.error.issues[0]?.message ?? '' });
    return parsed.data;
  });
}

export async function mergeSiteAnswers(session: Session, tx: Tx, siteId: string, records: readonly QueryEventRecord[]): Promise<MergedAnswers> {
  const audit: AuditEntryInput[] = [];
  let received = 0;
  let late = 0;
  let unknown = 0;
  for (const r of records) {
    if (await findQueryEvent(tx, r.id)) continue;
    const query = await findQuery(tx, r.query_id);
    if (!query || query.siteId !== siteId) {
      unknown += 1;
      audit.push({ action: 'query.unknownAnswer', details: { site: siteId, query: r.query_id, event: r.id, by: r.by, at: r.at } });
      continue;
    }
    const event: QueryEvent = { id: r.id, queryId: r.query_id, seq: r.seq, kind: 'answer', text: r.text, by: r.by, at: r.at, origin: 'site', late: query.status === 'closed' };
    await insertQueryEvent(tx, event);
    const status = foldStatus(await eventsOfQuery(tx, query.id));
    await setQueryStatus(tx, query.id, status, isoNow(session.clock));
    audit.push(queryAuditEntry(query, event, status, 'query.answerMerged'));
    received += 1;
    if (event.late) late += 1;
  }
  await appendAudit(tx, isoNow(session.clock), session.user.username, audit);
  return { received, late, unknown };
}
