// What importing a return bundle would do, shown before anything is written: the import's own result as it
// would be, and each amendment the bundle carries with its diff and migration, so an admin can read and confirm.

import { z } from 'zod';
import { AmendmentMigration } from '../study/amendment-migration';
import { AmendmentChangeRecord } from './amendments';
import { ReturnImportResult } from './return-bundles';

export const AmendmentPreview = z.strictObject({
  version: z.string(),
  baseVersion: z.string(),
  changes: z.array(AmendmentChangeRecord),
  migration: AmendmentMigration,
});
export type AmendmentPreview = z.infer<typeof AmendmentPreview>;

export const ReturnPreview = z.strictObject({
  /** The result the import would have now (counts, and what each amendment would migrate and newly fail). */
  result: ReturnImportResult,
  /** The amendments of the bundle, oldest first. */
  amendments: z.array(AmendmentPreview),
  /** True when the import applies an amendment not applied here yet: only an admin (study.amend) may confirm it. */
  appliesAmendment: z.boolean(),
});
export type ReturnPreview = z.infer<typeof ReturnPreview>;
