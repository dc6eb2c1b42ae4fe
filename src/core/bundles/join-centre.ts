// `edc site join` and Settings → "join a coordinating centre": a stand-alone site store that has never
// exported takes the exchange keys of a verified kit issued for its own site code and study, in one
// transaction with its audit entry. Every refusal has its own code and leaves the store as it was.

import { lastExport } from '../../db/repositories/bundle-log.repository';
import { getMeta, setMetaValues } from '../../db/repositories/meta.repository';
import { inWriteTransaction, type Db } from '../../db/transaction';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { verifySiteKit, type VerifiedKit } from '../exchange/site-kit';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { newSiteExchangeKeys } from './site-exchange-keys';
import { siteKeysOf } from './site-identity';

export interface JoinCentreResult {
  readonly siteId: string;
  readonly studyId: string;
  /** The site's new signing key, to be read to the coordinating centre, which pins it at the first merge. */
  readonly siteFingerprint: string;
  readonly coordinatorFingerprint: string;
}

/** Refuses a kit this store cannot join with: another site code, study or definition, or a store that exchanges already. */
async function assertMayJoin(db: Db, session: Session, { kit, study }: VerifiedKit): Promise<void> {
  if (kit.siteId !== session.info.siteId) throw new AppError('bundle.kitOtherSite', { kitSite: kit.siteId, site: session.info.siteId });
  const held = session.study;
  if (study.definition.id !== held.definition.id) throw new AppError('bundle.kitOtherStudy', { kitStudy: study.definition.id, study: held.definition.id });
  if (study.hash !== held.hash) throw new AppError('bundle.kitOtherDefinition', { study: held.definition.id, kitVersion: study.definition.version, version: held.definition.version });
  // A reserved sequence number counts as an export: a bundle may have left before its log row was written.
  const exported = (await lastExport(db))?.sequence ?? Number((await getMeta(db, 'export_seq')) ?? '0');
  if (exported > 0) throw new AppError('bundle.alreadyExported', { sequence: exported });
  const keys = await siteKeysOf(db);
  if (keys) throw new AppError('bundle.alreadyJoined', { fingerprint: keys.coordinator.fingerprint });
}

function requireJoiner(session: Session): void {
  requireRole(session.user.role, 'site.settings');
  if (session.info.kind !== 'site') throw new AppError('store.wrongKind', { found: session.info.kind, expected: 'site' });
}

/**
 * Whether this store could join with this kit, before anyone phones the centre to confirm its fingerprint:
 * the same checks as the join, on a kit whose signature has been verified.
 */
export async function checkKitFitsStore(session: Session, verified: VerifiedKit): Promise<void> {
  requireJoiner(session);
  await assertMayJoin(session.store.db, session, verified);
}

export async function joinCentre(session: Session, raw: unknown, expectedFingerprint: string | undefined): Promise<JoinCentreResult> {
  requireJoiner(session);
  const verified = verifySiteKit(raw, expectedFingerprint);
  const { kit } = verified;
  const keys = await newSiteExchangeKeys(kit);
  await inWriteTransaction(session.store.db, async (tx) => {
    // Checked inside the write transaction: an export or a join from another process cannot slip in between.
    await assertMayJoin(tx, session, verified);
    await setMetaValues(tx, keys.meta);
    await appendAudit(tx, isoNow(session.clock), session.user.username, [
      {
        action: 'site.join',
        details: { site: kit.siteId, study: kit.studyId, hash: kit.definitionHash, coordinator: kit.coordinator.fingerprint, siteKey: keys.fingerprint, kitIssuedAt: kit.issuedAt },
      },
    ]);
  });
  return { siteId: kit.siteId, studyId: kit.studyId, siteFingerprint: keys.fingerprint, coordinatorFingerprint: kit.coordinator.fingerprint };
}
