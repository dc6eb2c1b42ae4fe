// A protocol amendment as it travels (coordinator directory file, central store, return bundle section):
// the new definition, the declarative migration and the readable diff, parsed with this wherever it arrives.

import { z } from 'zod';
import { AmendmentMigration } from '../study/amendment-migration';
import { Sha256 } from './bundles';
import { IsoTimestamp, Username } from './common';

export const DefinitionVersion = z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/);
const Key = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/);
const Codes = z.array(z.string().max(80)).max(2000);

/** One change of the diff (shared/study/amendment-diff.ts); the site recomputes it and compares. */
export const AmendmentChangeRecord = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['form.added', 'form.removed']), form: Key }),
  z.strictObject({ kind: z.enum(['field.added', 'field.removed']), form: Key, field: Key }),
  z.strictObject({ kind: z.literal('field.changed'), form: Key, field: Key, aspects: z.array(Key).max(40) }),
  z.strictObject({ kind: z.literal('choices.changed'), form: Key, field: Key, added: Codes, removed: Codes }),
  z.strictObject({ kind: z.enum(['codeList.added', 'codeList.removed']), codeList: Key }),
  z.strictObject({ kind: z.literal('codeList.changed'), codeList: Key, added: Codes, removed: Codes }),
  z.strictObject({ kind: z.enum(['check.added', 'check.removed', 'check.changed']), check: Key }),
  z.strictObject({ kind: z.enum(['parameter.added', 'parameter.removed', 'parameter.changed']), parameter: Key }),
  z.strictObject({ kind: z.enum(['unitCost.added', 'unitCost.removed', 'unitCost.changed']), item: Key }),
]);

export const AmendmentDocument = z.strictObject({
  format: z.literal('edc-amendment/1'),
  study: z.string().min(1).max(60),
  baseVersion: DefinitionVersion,
  version: DefinitionVersion,
  /** SHA-256 of the canonical JSON of `definition` (the study loader's hash). */
  definitionHash: Sha256,
  /** The assembled new definition; validated by the study loader where it is applied. */
  definition: z.unknown(),
  migration: AmendmentMigration,
  changes: z.array(AmendmentChangeRecord).max(5000),
  createdAt: IsoTimestamp,
  createdBy: Username,
});
export type AmendmentDocument = z.infer<typeof AmendmentDocument>;

/** A check of the new definition that fails on migrated data and did not fail before: listed, never blocking. */
export const AmendmentWarning = z.strictObject({
  subjectId: z.string(),
  form: z.string(),
  instanceNo: z.number().int(),
  check: z.string(),
  severity: z.enum(['hard', 'soft']),
});
export type AmendmentWarning = z.infer<typeof AmendmentWarning>;

/** What applying one amendment did at the site. */
export const AmendmentOutcome = z.strictObject({
  version: z.string(),
  baseVersion: z.string(),
  status: z.enum(['applied', 'alreadyApplied']),
  /** Values changed by the migration (each one audited). */
  migratedValues: z.number().int(),
  migratedInstances: z.number().int(),
  /** Instances left as they were because the centre froze their subject. */
  frozenInstances: z.number().int(),
  warnings: z.array(AmendmentWarning),
});
export type AmendmentOutcome = z.infer<typeof AmendmentOutcome>;
