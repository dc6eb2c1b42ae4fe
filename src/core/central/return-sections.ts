// What each section of a return bundle holds for one site, collected from the central store. The section
// names and record schemas are the format's (shared/contract/return-bundles.ts); the site applies them in
// core/bundles/return-sections.ts. Every section is the site's full current state, like a site bundle's
// snapshot: a lost return bundle is superseded by the next.

import { listMergedBundles, listSites } from '../../db/repositories/central.repository';
import { listCentralLocks, listReviewMarks, siteAuditReviewMarks } from '../../db/repositories/return-exchange.repository';
import type { Db } from '../../db/transaction';
import { lockConcernsSite, type ReturnRecord, type ReturnSectionName, type ReviewMark } from '../../shared/contract/return-bundles';
import { collectQueriesForSite } from '../queries/query-transfer';
import { amendmentsForSite } from './return-amendments';

export type ReturnCollector<N extends ReturnSectionName> = (db: Db, siteId: string) => Promise<ReturnRecord<N>[]>;

/** The marks of a site's forms: made at the centre, and made at the site (carried here by its audit trail). */
export async function reviewMarksOfSite(db: Db, siteId: string): Promise<ReviewMark[]> {
  const marks = new Map<string, ReviewMark>();
  for (const m of [...(await listReviewMarks(db, { siteId })), ...(await siteAuditReviewMarks(db, siteId))]) {
    const key = `${m.subjectId}|${m.form}|${m.instanceNo}`;
    const known = marks.get(key);
    if (!known || m.markedAt < known.markedAt) marks.set(key, m);
  }
  return [...marks.values()].sort((a, b) => (a.subjectId + a.form).localeCompare(b.subjectId + b.form) || a.instanceNo - b.instanceNo);
}

export const RETURN_COLLECTORS: { readonly [N in ReturnSectionName]: ReturnCollector<N> } = {
  receipts: async (db, siteId) => (await listMergedBundles(db)).filter((b) => b.siteId === siteId).map((b) => b.receipt),
  reviews: reviewMarksOfSite,
  locks: async (db, siteId) => (await listCentralLocks(db)).filter((l) => lockConcernsSite(l, siteId)),
  queries: collectQueriesForSite,
  amendments: amendmentsForSite,
};

/** Every site's marks, as `edc review list --dir` shows them. */
export async function centralReviewMarks(db: Db): Promise<ReviewMark[]> {
  const marks: ReviewMark[] = [];
  for (const site of await listSites(db)) marks.push(...(await reviewMarksOfSite(db, site.siteId)));
  return marks;
}
