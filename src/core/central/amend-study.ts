// `edc coordinator amend`: checks a new version of the study definition against the one the centre holds
// (same study, higher version), its migration against both (nothing may be lost), and queues the amendment for
// every site: in the coordinator directory (a file to read) and in the central store, where the next return
// bundle to each site picks it up. The centre's own definition moves to the new version.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inWriteTransaction } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { diffDefinitions, type AmendmentChange } from '../../shared/study/amendment-diff';
import { AmendmentMigration, checkMigration } from '../../shared/study/amendment-migration';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import type { LoadedStudy } from '../study/load-definition';
import { writeFileAtomic } from '../files/write-file-atomic';
import { compareVersions } from '../../shared/study/definition-version';
import { insertAmendment } from '../../db/repositories/amendment.repository';
import { setMeta } from '../../db/repositories/meta.repository';
import { insertDefinition } from '../../db/repositories/study-definition.repository';

export interface QueuedAmendment {
  readonly file: string;
  readonly baseVersion: string;
  readonly version: string;
  readonly changes: readonly AmendmentChange[];
}

export { compareVersions };

export function amendmentsDir(coordinatorDir: string): string {
  return join(coordinatorDir, 'amendments');
}

export async function amendStudy(session: Session, coordinatorDir: string, next: LoadedStudy, rawMigration: unknown): Promise<QueuedAmendment> {
  requireRole(session.user.role, 'central.merge');
  const current = session.study.definition;
  const after = next.definition;
  if (after.id !== current.id) throw new AppError('study.amendmentOtherStudy', { found: after.id, expected: current.id });
  if (compareVersions(after.version, current.version) <= 0) throw new AppError('study.amendmentNotNewer', { version: after.version, current: current.version });
  const parsed = AmendmentMigration.safeParse(rawMigration ?? {});
  if (!parsed.success) throw new AppError('study.amendmentMigrationInvalid', { first: parsed.error.issues[0]?.message ?? 'invalid' });
  const problems = checkMigration(current, after, parsed.data);
  if (problems.length > 0) {
    throw new AppError('study.amendmentLossy', { count: problems.length, fields: problems.map((p) => `${p.field} (${p.problem}: ${p.detail})`) });
  }
  const changes = diffDefinitions(current, after);
  const file = join(amendmentsDir(coordinatorDir), `${after.id}_${after.version}.amendment.json`);
  const createdAt = isoNow(session.clock);
  const amendment = {
    format: 'edc-amendment/1',
    study: after.id,
    baseVersion: current.version,
    version: after.version,
    definitionHash: next.hash,
    definition: after,
    migration: parsed.data,
    changes,
    createdAt,
    createdBy: session.user.username,
  };
  mkdirSync(amendmentsDir(coordinatorDir), { recursive: true });
  writeFileAtomic(file, Buffer.from(`${JSON.stringify(amendment, null, 1)}\n`, 'utf8'));
  // The centre moves to the new version (a later amendment builds on it) and keeps the amendment for the
  // return bundles; the old version stays installed, so bundles of sites not yet amended still merge.
  await inWriteTransaction(session.store.db, async (tx) => {
    await insertDefinition(tx, { version: after.version, hash: next.hash, studyId: after.id, definition: after, installedAt: createdAt });
    await setMeta(tx, 'def_version', after.version);
    await setMeta(tx, 'def_hash', next.hash);
    await insertAmendment(tx, { version: after.version, studyId: after.id, baseVersion: current.version, definitionHash: next.hash, document: amendment, recordedAt: createdAt, recordedBy: session.user.username });
    await appendAudit(tx, createdAt, session.user.username, [{ action: 'study.amendmentQueued', old_value: current.version, new_value: after.version, details: { changes: changes.length, definitionHash: next.hash } }]);
  });
  return { file, baseVersion: current.version, version: after.version, changes };
}
