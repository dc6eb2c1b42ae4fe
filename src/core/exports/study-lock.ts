// The study lock an export was made under: exports made while the study is locked name its signed lock
// certificate (file and SHA-256), so an analysis can show it ran on the locked database.

import { listCentralLocks } from '../../db/repositories/return-exchange.repository';
import type { Db } from '../../db/transaction';
import { certificateFileName } from '../central/central-locks';

export interface ExportStudyLock {
  readonly format: 'edc-export-lock/1';
  readonly lockId: string;
  readonly lockedAt: string;
  readonly lockedBy: string;
  readonly reason: string;
  /** In the coordinator folder's locks/. */
  readonly certificateFile: string;
  readonly certificateSha256: string;
}

export const STUDY_LOCK_FILE = 'study-lock.json';

/** The study lock in force (at the centre, or as the last return bundle brought it to the site), if any. */
export async function studyLockInForce(db: Db, studyId: string): Promise<ExportStudyLock | null> {
  const lock = (await listCentralLocks(db)).find((l) => l.scope === 'study' && l.certificateSha256 !== null);
  if (!lock) return null;
  return {
    format: 'edc-export-lock/1',
    lockId: lock.lockId,
    lockedAt: lock.lockedAt,
    lockedBy: lock.lockedBy,
    reason: lock.reason,
    certificateFile: certificateFileName(studyId, lock),
    certificateSha256: lock.certificateSha256!,
  };
}

/** One line for a file header or description. */
export function studyLockStatement(lock: ExportStudyLock): string {
  return `study locked at ${lock.lockedAt} by ${lock.lockedBy} (${lock.reason}); lock certificate ${lock.certificateFile}, SHA-256 ${lock.certificateSha256}`;
}
