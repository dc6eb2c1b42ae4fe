// The return import's preview: the bundle verified and applied exactly as `importReturn` does, inside a write
// transaction that is always rolled back, so what the import would do (the amendments' migrated values and
// newly failing checks included) is known while the store stays as it was.

import { inWriteTransaction } from '../../db/transaction';
import type { ReturnImportResult } from '../../shared/contract/return-bundles';
import type { ReturnPreview } from '../../shared/contract/return-preview';
import { compareVersions } from '../../shared/study/definition-version';
import type { Session } from '../store/session';
import { appliesAmendment, applyReturn, openReturn, type OpenedReturn } from './import-return';

/** Carries the dry run's result out of the transaction it rolls back. */
class RolledBack extends Error {
  constructor(readonly result: ReturnImportResult) {
    super('preview rolled back');
  }
}

async function dryRun(session: Session, opened: OpenedReturn): Promise<ReturnImportResult> {
  try {
    return await inWriteTransaction<never>(session.store.db, async (tx) => {
      throw new RolledBack(await applyReturn(tx, session, opened));
    });
  } catch (error) {
    if (error instanceof RolledBack) return error.result;
    throw error;
  }
}

export async function previewReturn(session: Session, bytes: Uint8Array): Promise<ReturnPreview> {
  const opened = await openReturn(session, bytes);
  const result = await dryRun(session, opened);
  const amendments = [...opened.bundle.sections.amendments]
    .sort((a, b) => compareVersions(a.version, b.version))
    .map((doc) => ({ version: doc.version, baseVersion: doc.baseVersion, changes: doc.changes, migration: doc.migration }));
  return { result, amendments, appliesAmendment: appliesAmendment(result) };
}
