// The site-only identification log (crf-spec §2.14): validated against the study's log fields, readable
// only by site roles, audited by field name only so no identifying value ever enters the audit trail.

import { findSubject, getIdentity as readIdentity, upsertIdentity } from '../../db/repositories/subjects.repository';
import type { IdentityData } from '../../db/domain';
import { inWriteTransaction, type Tx } from '../../db/transaction';
import type { IdentityInput, SetIdentityInput, SubjectIdInput } from '../../shared/contract/subjects';
import { parsePartialDate } from '../../shared/dates/partial-date';
import { AppError } from '../../shared/errors/app-error';
import { isValidCodiceFiscale } from '../../shared/study/codice-fiscale';
import type { IdentificationField } from '../../shared/study/definition.schema';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import { evaluateStoredSubject, refreshSubjectStatus } from '../store/subject-data';

export type { IdentityData } from '../../db/domain';

export function validateIdentity(fields: readonly IdentificationField[], input: IdentityInput): IdentityData {
  const issues: string[] = [];
  const out: IdentityData = {};
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const [name, raw] of Object.entries(input)) {
    // The link key is the pseudonym itself, filled by the app; a typed one is ignored.
    if (name === 'sil_subject_id') continue;
    const field = byName.get(name);
    if (!field) {
      issues.push(`${name}: not a field of the identification log`);
      continue;
    }
    if (raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0)) continue;
    if (field.type === 'textList') {
      const list = (Array.isArray(raw) ? raw : [raw]).map((v) => v.trim()).filter((v) => v !== '');
      if (list.some((v) => v.length > (field.maxLength ?? 100))) issues.push(`${name}: too long`);
      out[name] = list;
      continue;
    }
    if (Array.isArray(raw)) {
      issues.push(`${name}: one value expected`);
      continue;
    }
    const value = raw.trim();
    if (field.type === 'date') {
      const parsed = parsePartialDate(value);
      if (!parsed || parsed.precision !== 'day') issues.push(`${name}: a full date YYYY-MM-DD is expected`);
    } else {
      if (value.length > (field.maxLength ?? 500)) issues.push(`${name}: too long`);
      if (field.format === 'codice_fiscale' && !isValidCodiceFiscale(value)) issues.push(`${name}: not a valid codice fiscale`);
    }
    out[name] = field.format === 'codice_fiscale' ? value.toUpperCase() : value;
  }
  for (const field of fields) if (field.required && field.name !== 'sil_subject_id' && out[field.name] === undefined) issues.push(`${field.name}: required`);
  if (issues.length > 0) throw new AppError('subject.identityInvalid', { issues });
  return out;
}

/** Writes the log entry and an audit entry naming the changed fields, never their values. */
export async function writeIdentity(tx: Tx, session: Session, subjectId: string, data: IdentityData, previous: IdentityData): Promise<void> {
  const now = isoNow(session.clock);
  const changed = [...new Set([...Object.keys(data), ...Object.keys(previous)])].filter(
    (k) => JSON.stringify(data[k] ?? null) !== JSON.stringify(previous[k] ?? null),
  );
  if (changed.length === 0) return;
  await upsertIdentity(tx, { subjectId, data, updatedAt: now, updatedBy: session.user.username });
  await appendAudit(tx, now, session.user.username, [{ action: 'identity.update', subject_id: subjectId, details: { fields: changed.sort() } }]);
}

export async function getIdentity(session: Session, input: SubjectIdInput): Promise<IdentityData> {
  requireRole(session.user.role, 'identity.read');
  if (!(await findSubject(session.store.db, input.subjectId))) throw new AppError('subject.notFound', { subject: input.subjectId });
  return (await readIdentity(session.store.db, input.subjectId)) ?? {};
}

export async function setIdentity(session: Session, input: SetIdentityInput): Promise<IdentityData> {
  requireRole(session.user.role, 'identity.write');
  const data = validateIdentity(session.study.definition.identificationLog, input.identity);
  await inWriteTransaction(session.store.db, async (tx) => {
    if (!(await findSubject(tx, input.subjectId))) throw new AppError('subject.notFound', { subject: input.subjectId });
    const previous = (await readIdentity(tx, input.subjectId)) ?? {};
    const merged: IdentityData = { ...previous, ...data, sil_subject_id: input.subjectId };
    for (const [key, value] of Object.entries(input.identity)) {
      if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) delete merged[key];
    }
    await writeIdentity(tx, session, input.subjectId, merged, previous);
    // The full birth date feeds the exact age (crf-spec §4): re-evaluate the subject's checks.
    const { instances, evaluation } = await evaluateStoredSubject(session, tx, input.subjectId);
    await refreshSubjectStatus(session, tx, input.subjectId, instances, evaluation);
  });
  return getIdentity(session, { subjectId: input.subjectId });
}
