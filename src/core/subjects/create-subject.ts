// Enrolment: allocates the next pseudonym of the site (IT01-0001 …) and, optionally, the site-only
// identification-log entry, in one transaction.

import { insertSubject, nextSubjectSeq, upsertSubjectStatus } from '../../db/repositories/subjects.repository';
import { inWriteTransaction } from '../../db/transaction';
import type { CreateSubjectInput, SubjectSummary } from '../../shared/contract/subjects';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import { validateIdentity, writeIdentity } from './identity';

export async function createSubject(session: Session, input: CreateSubjectInput): Promise<SubjectSummary> {
  requireRole(session.user.role, 'subject.create');
  if (input.identity) requireRole(session.user.role, 'identity.write');
  const identity = input.identity ? validateIdentity(session.study.definition.identificationLog, input.identity) : undefined;
  const siteId = session.info.siteId;
  const now = isoNow(session.clock);
  const id = await inWriteTransaction(session.store.db, async (tx) => {
    const seq = await nextSubjectSeq(tx, siteId);
    if (seq > 9999) throw new AppError('subject.sequenceExhausted', { site: siteId });
    const subjectId = `${siteId}-${String(seq).padStart(4, '0')}`;
    await insertSubject(tx, { id: subjectId, siteId, seq, createdAt: now, createdBy: session.user.username });
    await upsertSubjectStatus(tx, { subjectId, instances: 0, complete: 0, signed: 0, locked: 0, failedHard: 0, failedSoft: 0, missingItems: 0, updatedAt: now });
    await appendAudit(tx, now, session.user.username, [{ action: 'subject.create', subject_id: subjectId }]);
    if (identity) await writeIdentity(tx, session, subjectId, { sil_subject_id: subjectId, ...identity }, {});
    return subjectId;
  });
  return {
    id,
    siteId,
    createdAt: now,
    instances: 0,
    complete: 0,
    signed: 0,
    locked: 0,
    failedHard: 0,
    failedSoft: 0,
    missingItems: 0,
  };
}
