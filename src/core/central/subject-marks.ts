// What the coordinator's casebook shows beside a subject's merged data: which of its forms are marked
// source-verified (at the site or the centre) and which of the centre's locks freeze it.

import { listCentralLocks } from '../../db/repositories/return-exchange.repository';
import { findSubject } from '../../db/repositories/subjects.repository';
import type { SubjectMarks } from '../../shared/contract/central-casebook';
import type { SubjectIdInput } from '../../shared/contract/subjects';
import { AppError } from '../../shared/errors/app-error';
import { requireStoreKind } from '../queries/store-kind';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { reviewMarksOfSite } from './return-sections';

export async function subjectMarks(session: Session, input: SubjectIdInput): Promise<SubjectMarks> {
  requireStoreKind(session, 'central');
  requireRole(session.user.role, 'data.read');
  const db = session.store.db;
  const subject = await findSubject(db, input.subjectId);
  if (!subject) throw new AppError('subject.notFound', { subject: input.subjectId });
  const reviews = (await reviewMarksOfSite(db, subject.siteId)).filter((m) => m.subjectId === subject.id);
  const locks = (await listCentralLocks(db)).filter((l) => l.scope === 'study' || (l.scope === 'site' && l.target === subject.siteId) || (l.scope === 'subject' && l.target === subject.id));
  return { reviews, locks };
}
