// The one check of a received audit entry on its own: its shape, and that its hash covers its content.
// (How entries chain onto each other and onto what was merged before is the merge's audit-chain follower.)

import { AuditRecord, isAuditRecord } from '../../shared/contract/bundle-records';
import { AppError } from '../../shared/errors/app-error';
import { hashAuditEntry } from '../store/audit-chain';
import { parseRecord } from './parse-record';

export function checkedAuditEntry(raw: unknown, line: number): AuditRecord {
  const entry = isAuditRecord(raw) ? raw : parseRecord(AuditRecord, raw, 'audit.ndjson', line);
  // The hash covers every field but itself (canonicalAuditJson reads them by name): no copy per entry.
  if (hashAuditEntry(entry) !== entry.hash) throw new AppError('merge.auditBroken', { id: entry.id });
  return entry;
}
