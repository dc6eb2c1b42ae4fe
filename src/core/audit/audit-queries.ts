// Reading the audit trail: a field's history for the UI, and verification of the whole chain.

import { auditOfField } from '../../db/repositories/audit.repository';
import type { AuditEntryOut, FieldHistoryInput } from '../../shared/contract/forms';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { verifyAuditChain, type AuditVerification } from '../store/audit-chain';

export async function fieldHistory(session: Session, input: FieldHistoryInput): Promise<AuditEntryOut[]> {
  requireRole(session.user.role, 'data.read');
  const rows = await auditOfField(session.store.db, {
    subjectId: input.subjectId,
    ...(input.form !== undefined ? { formKey: input.form } : {}),
    ...(input.instanceNo !== undefined ? { instanceNo: input.instanceNo } : {}),
    ...(input.field !== undefined ? { field: input.field } : {}),
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    user: r.user,
    action: r.action,
    subjectId: r.subject_id,
    form: r.form_key,
    instanceNo: r.instance_no,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    reason: r.reason,
  }));
}

export async function verifyAudit(session: Session): Promise<AuditVerification> {
  requireRole(session.user.role, 'data.read');
  return verifyAuditChain(session.store.db);
}
