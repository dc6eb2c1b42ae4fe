// Contract pieces of the coordinator's read-only casebook and of the return export offered after a merge:
// a subject's source-verification marks and the centre's locks that freeze it; the site and folder of an export.

import { z } from 'zod';
import { SiteId } from './common';
import { CentralLock, ReviewMark } from './return-bundles';

export const SubjectMarks = z.strictObject({
  /** Marks on the subject's forms, made at the site (carried by its audit trail) or at the centre. */
  reviews: z.array(ReviewMark),
  /** Subject, site and study locks that freeze this subject. */
  locks: z.array(CentralLock),
});
export type SubjectMarks = z.infer<typeof SubjectMarks>;

export const ReturnExportInput = z.strictObject({ siteId: SiteId, folder: z.string().min(1).max(1000) });
export type ReturnExportInput = z.infer<typeof ReturnExportInput>;
