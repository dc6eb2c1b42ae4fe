// The audit entry of a query event. The target goes in the details, not in the form/instance/field
// columns: those columns say which stored value an entry set, and a query sets none (merge's audit
// consistency reads them so).

import type { DataQuery, QueryEvent } from '../../db/domain';
import type { AuditEntryInput } from '../store/audit-chain';

export function queryAuditEntry(query: DataQuery, event: QueryEvent, status: DataQuery['status'], action = `query.${event.kind}`): AuditEntryInput {
  return {
    action,
    subject_id: query.subjectId,
    new_value: status,
    reason: event.text,
    details: {
      query: query.id,
      event: event.id,
      site: query.siteId,
      form: query.form,
      instance: query.instanceNo,
      field: query.field,
      category: query.category,
      check: query.checkId,
      by: event.by,
      at: event.at,
      origin: event.origin,
      late: event.late,
    },
  };
}
