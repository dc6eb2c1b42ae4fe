// Rows of queries and query_events ↔ their domain types.

import type { QueryCategory, QueryEventKind, QueryOrigin, QueryStatus } from '../../shared/contract/queries';
import type { DataQuery, QueryEvent } from '../domain/query';
import type { QueryEventRow, QueryRow } from '../schema/tables';

export function toDataQuery(row: QueryRow): DataQuery {
  return {
    id: row.id,
    siteId: row.site_id,
    subjectId: row.subject_id,
    form: row.form_key,
    instanceNo: row.instance_no,
    field: row.field,
    checkId: row.check_id,
    // The table's CHECK constraints hold these to the contract's values.
    category: row.category as QueryCategory,
    text: row.text,
    status: row.status as QueryStatus,
    raisedBy: row.raised_by,
    raisedAt: row.raised_at,
    updatedAt: row.updated_at,
  };
}

export function queryRow(q: DataQuery): QueryRow {
  return {
    id: q.id,
    site_id: q.siteId,
    subject_id: q.subjectId,
    form_key: q.form,
    instance_no: q.instanceNo,
    field: q.field,
    check_id: q.checkId,
    category: q.category,
    text: q.text,
    status: q.status,
    raised_by: q.raisedBy,
    raised_at: q.raisedAt,
    updated_at: q.updatedAt,
  };
}

export function toQueryEvent(row: QueryEventRow): QueryEvent {
  return { id: row.id, queryId: row.query_id, seq: row.seq, kind: row.kind as QueryEventKind, text: row.text, by: row.by, at: row.at, origin: row.origin as QueryOrigin, late: row.late === 1 };
}

export function queryEventRow(e: QueryEvent): QueryEventRow {
  return { id: e.id, query_id: e.queryId, seq: e.seq, kind: e.kind, text: e.text, by: e.by, at: e.at, origin: e.origin, late: e.late ? 1 : 0 };
}
