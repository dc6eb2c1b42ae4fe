// Source-verification marks: a monitor at the site (or the centre) marks a form instance verified against
// the source documents. At the site the mark is an audit entry (`review.mark`) too, which the next site
// bundle carries to the centre; the centre sends every mark of a site back in its return bundle.

import { findSubject } from '../../db/repositories/subjects.repository';
import { listInstancesOfSubject } from '../../db/repositories/form-instances.repository';
import { insertReviewMark, listReviewMarks } from '../../db/repositories/return-exchange.repository';
import { inWriteTransaction } from '../../db/transaction';
import type { ReviewMark } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';

export interface ReviewTarget {
  readonly subjectId: string;
  readonly form: string;
  readonly instanceNo: number;
}

/** Marks an entered form instance source-verified; a second mark of the same instance changes nothing. */
export async function markReviewed(session: Session, target: ReviewTarget): Promise<{ mark: ReviewMark; added: boolean }> {
  requireRole(session.user.role, 'review.mark');
  if (!session.study.compiled.form(target.form)) throw new AppError('form.unknown', { form: target.form });
  return inWriteTransaction(session.store.db, async (tx) => {
    const subject = await findSubject(tx, target.subjectId);
    if (!subject) throw new AppError('subject.notFound', { subject: target.subjectId });
    const instances = await listInstancesOfSubject(tx, target.subjectId);
    if (!instances.some((i) => i.form === target.form && i.instanceNo === target.instanceNo)) throw new AppError('form.notFound', { form: target.form, instance: target.instanceNo, subject: target.subjectId });
    const at = isoNow(session.clock);
    const mark: ReviewMark = { siteId: subject.siteId, ...target, markedAt: at, markedBy: session.user.username, side: session.info.kind === 'central' ? 'centre' : 'site' };
    const added = await insertReviewMark(tx, mark);
    if (added) await appendAudit(tx, at, session.user.username, [{ action: 'review.mark', subject_id: target.subjectId, form_key: target.form, instance_no: target.instanceNo, details: { side: mark.side } }]);
    return { mark, added };
  });
}

/** The marks this store holds (at the centre: those made there; central/return-sections.ts adds the sites'). */
export async function reviewMarks(session: Session, subjectId?: string): Promise<ReviewMark[]> {
  requireRole(session.user.role, 'data.read');
  return listReviewMarks(session.store.db, subjectId === undefined ? {} : { subjectId });
}
