// Merging one bundle into the central store: decrypt, verify the signature against the site's pinned
// key, check study, definition, sequence and audit-chain continuity and the records against their own
// audit trail (merge-checks.ts), validate every record (invalid ones quarantined with reasons), and
// replace the site's snapshot — all in one transaction, so any refusal or crash leaves the central store
// exactly as it was. The merge is one loop over what the reader yields.

import { replaceSiteSnapshot, type SiteSnapshotWriter } from '../../db/bulk/site-snapshot.writer';
import type { MergedBundle, Site } from '../../db/domain';
import { findSite, insertMergedBundle, insertSite, lastMergedBundle, refreshSiteSubjectStatus } from '../../db/repositories/central.repository';
import { claimSiteForMerge } from '../../db/locks';
import { upsertSiteRecipient } from '../../db/repositories/return-exchange.repository';
import { inWriteTransaction, type Tx } from '../../db/transaction';
import type { BundleManifest, MergeCounts, Receipt, SequenceGap } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit, GENESIS_HASH } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { readBundle, type BundleLimits } from '../exchange/read-bundle';
import { isoNow } from '../clock';
import { fingerprintOf, normaliseFingerprint } from '../crypto/signing';
import type { Session } from '../store/session';
import type { LoadedStudy } from '../study/load-definition';
import { coordinatorSecrets, type CoordinatorSecrets } from './coordinator-init';
import { signReceipt } from '../exchange/receipts';
import { knownDefinitions } from './study-versions';
import { AuditChainFollower } from './audit-chain-follower';
import { ReceivedSnapshot } from './received-snapshot';
import { frozenSubjectsOfSite } from './frozen-subjects';
import { MergeChecks } from './merge-checks';
import { mergeSiteAnswers, parseQueryEventRecords } from '../queries/merge-answers';
import type { QueryEventRecord } from '../../shared/contract/bundle-records';

export interface MergeOptions {
  /** Sites to register on first merge: site id → fingerprint compared out of band. */
  readonly registerSites?: ReadonlyMap<string, string>;
  readonly limits?: BundleLimits;
  /** Rows buffered before they are written (tests use small batches). */
  readonly batchSize?: number;
  /** Bundle files from this size on are read on a worker thread (tests use 0). */
  readonly threadedFrom?: number;
  /** The site that sent the bundle (an upload signed by it): a bundle of any other site is refused. */
  readonly expectSite?: string;
}

export interface MergeResult {
  readonly status: 'merged' | 'unchanged';
  readonly siteId: string;
  readonly sequence: number;
  readonly counts: MergeCounts;
  readonly receipt: Receipt;
  /** Bundles of the site skipped before this one (never merged); null when none or unchanged. */
  readonly gap: SequenceGap | null;
}

const BATCH = 2000;

type Definitions = Awaited<ReturnType<typeof knownDefinitions>>;

/**
 * The key a manifest must be signed with: the site's pinned key, or, on its first merge, the key it
 * names when its fingerprint is the one registered out of band (the site is then registered with it).
 */
async function signingKeyOf(session: Session, tx: Tx, manifest: BundleManifest, options: MergeOptions, now: Date): Promise<{ pem: string; register?: Site }> {
  if (manifest.study.id !== session.study.definition.id) throw new AppError('merge.studyMismatch', { found: manifest.study.id, expected: session.study.definition.id });
  if (options.expectSite !== undefined && manifest.site.id !== options.expectSite) throw new AppError('upload.siteMismatch', { sender: options.expectSite, site: manifest.site.id });
  const fingerprint = fingerprintOf(manifest.site.publicKeyPem);
  if (fingerprint !== manifest.site.keyFingerprint) throw new AppError('bundle.badManifest', { issues: 'site key fingerprint does not match its key' });
  // Before anything of the site is read: a second merge of the same site at once is refused as busy.
  await claimSiteForMerge(tx, manifest.site.id);
  const pinned = await findSite(tx, manifest.site.id);
  if (pinned) {
    if (pinned.keyFingerprint !== fingerprint) throw new AppError('merge.keyChanged', { site: manifest.site.id });
    return { pem: pinned.publicKeyPem };
  }
  const wanted = options.registerSites?.get(manifest.site.id);
  if (wanted === undefined) throw new AppError('merge.unknownSite', { site: manifest.site.id, fingerprint });
  if (normaliseFingerprint(wanted) !== fingerprint) throw new AppError('merge.fingerprintMismatch', { site: manifest.site.id, found: fingerprint, expected: normaliseFingerprint(wanted) });
  const register: Site = {
    siteId: manifest.site.id,
    siteName: manifest.site.name,
    keyFingerprint: fingerprint,
    publicKeyPem: manifest.site.publicKeyPem,
    registeredAt: now.toISOString(),
    registeredBy: session.user.username,
  };
  return { pem: manifest.site.publicKeyPem, register };
}

/** A verified manifest against what was merged before: refused, the same bundle again, or to merge. */
async function admit(tx: Tx, manifest: BundleManifest, manifestSha256: string, definitions: Definitions): Promise<{ unchanged: MergeResult } | { previous: MergedBundle | undefined }> {
  const known = definitions.get(manifest.study.version);
  if (!known || known.hash !== manifest.study.definitionHash) throw new AppError('merge.definitionUnknown', { version: manifest.study.version, hash: manifest.study.definitionHash.slice(0, 16) });
  const last = await lastMergedBundle(tx, manifest.site.id);
  if (last && manifest.sequence < last.sequence) throw new AppError('merge.stale', { site: manifest.site.id, got: manifest.sequence, have: last.sequence });
  if (last && manifest.sequence === last.sequence) {
    if (last.manifestSha256 !== manifestSha256) throw new AppError('merge.sequenceConflict', { site: manifest.site.id, got: manifest.sequence });
    return { unchanged: { status: 'unchanged', siteId: last.siteId, sequence: last.sequence, counts: last.counts, receipt: last.receipt, gap: null } };
  }
  return { previous: last };
}

/** Everything a merge in progress holds once its manifest is admitted. */
interface SiteMerge {
  readonly manifest: BundleManifest;
  readonly manifestSha256: string;
  readonly received: ReceivedSnapshot;
  readonly audit: AuditChainFollower;
  readonly checks: MergeChecks;
  readonly writer: SiteSnapshotWriter;
  readonly registered: boolean;
}

async function startSiteMerge(tx: Tx, manifest: BundleManifest, manifestSha256: string, previous: MergedBundle | undefined, definitions: Definitions, register: Site | undefined, options: MergeOptions, now: Date): Promise<SiteMerge> {
  const checks = new MergeChecks(manifest, previous);
  if (register) await insertSite(tx, register);
  const studies = new Map<string, LoadedStudy | undefined>();
  for (const [version, def] of definitions) studies.set(version, await def.load());
  const frozen = await frozenSubjectsOfSite(tx, manifest.site.id);
  const writer = await replaceSiteSnapshot(tx, manifest.site.id, options.batchSize ?? BATCH, frozen);
  return {
    manifest,
    manifestSha256,
    received: new ReceivedSnapshot(manifest.site.id, manifest.sequence, studies, writer, now, frozen),
    audit: new AuditChainFollower(manifest.site.id, previous ? { entries: previous.auditEntries, hash: previous.auditHead } : { entries: 0, hash: GENESIS_HASH }),
    checks,
    writer,
    registered: register !== undefined,
  };
}

async function finishSiteMerge(session: Session, tx: Tx, merge: SiteMerge, bundleSha256: string, secrets: CoordinatorSecrets, now: Date): Promise<MergeResult> {
  const { manifest, manifestSha256 } = merge;
  merge.received.quarantineFrozenRemovals();
  await merge.writer.flush();
  await refreshSiteSubjectStatus(tx, manifest.site.id, now.toISOString());
  const audit = merge.audit.finish(manifest);
  const counts = merge.received.counts(audit.entries);
  merge.checks.finish(counts);
  const receipt = signReceipt(
    {
      format: 'edc-receipt/1',
      studyId: manifest.study.id,
      siteId: manifest.site.id,
      sequence: manifest.sequence,
      manifestSha256,
      mergedAt: now.toISOString(),
      counts,
      coordinatorFingerprint: secrets.fingerprint,
    },
    secrets.signingPrivateKeyPem,
  );
  await insertMergedBundle(tx, {
    siteId: manifest.site.id,
    sequence: manifest.sequence,
    manifestSha256,
    bundleSha256,
    defVersion: manifest.study.version,
    auditEntries: audit.entries,
    auditHead: audit.head,
    counts,
    mergedAt: now.toISOString(),
    mergedBy: session.user.username,
    receipt,
  });
  // The site's own recipient, which return bundles are encrypted to (its manifest is signed by the site key).
  if (manifest.site.ageRecipient) await upsertSiteRecipient(tx, manifest.site.id, manifest.site.ageRecipient, now.toISOString());
  await appendAudit(tx, isoNow(session.clock), session.user.username, [
    { action: 'merge.bundle', details: { site: manifest.site.id, sequence: manifest.sequence, manifestSha256, bundleSha256, ...counts, registered: merge.registered } },
  ]);
  return { status: 'merged', siteId: manifest.site.id, sequence: manifest.sequence, counts, receipt, gap: merge.checks.gap };
}

export async function mergeBundle(session: Session, input: string | Uint8Array, options: MergeOptions = {}): Promise<MergeResult> {
  requireRole(session.user.role, 'central.merge');
  if (session.info.kind !== 'central') throw new AppError('store.wrongKind', { found: session.info.kind, expected: 'central' });
  const secrets = await coordinatorSecrets(session.store.db);
  const now = session.clock();
  return inWriteTransaction(session.store.db, async (tx) => {
    const definitions = await knownDefinitions(tx);
    let register: Site | undefined;
    const keyFor = async (manifest: BundleManifest): Promise<string> => {
      const key = await signingKeyOf(session, tx, manifest, options, now);
      register = key.register;
      return key.pem;
    };
    const reader = readBundle(input, {
      identities: [secrets.ageIdentity],
      keyFor,
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.threadedFrom !== undefined ? { threadedFrom: options.threadedFrom } : {}),
    });
    let merge: SiteMerge | undefined;
    // Query answers are merged after the snapshot (bundles written before queries have none).
    const answers: QueryEventRecord[] = [];
    for await (const item of reader) {
      if (item.kind === 'manifest') {
        const admitted = await admit(tx, item.manifest, item.manifestSha256, definitions);
        // Leaving the loop stops the reader: nothing more of an already merged bundle is read.
        if ('unchanged' in admitted) return admitted.unchanged;
        merge = await startSiteMerge(tx, item.manifest, item.manifestSha256, admitted.previous, definitions, register, options, now);
      } else if (item.kind === 'records') {
        if (item.file === 'query_events.ndjson') answers.push(...parseQueryEventRecords(item.records, item.firstLine));
        else if (item.file === 'subjects.ndjson') merge!.checks.subjects(merge!.received.subjects(item.records, item.firstLine));
        else merge!.checks.instances(merge!.received.formInstances(item.records, item.firstLine));
        await merge!.writer.drain();
      } else if (item.kind === 'audit') {
        for (const entry of item.entries) {
          merge!.audit.follow(entry);
          merge!.writer.audit(entry);
        }
        merge!.checks.audit(item.entries);
        await merge!.writer.drain();
      } else {
        const result = await finishSiteMerge(session, tx, merge!, item.bundleSha256, secrets, now);
        await mergeSiteAnswers(session, tx, merge!.manifest.site.id, answers);
        return result;
      }
    }
    // The reader ends every complete bundle with its 'end' item.
    throw new AppError('bundle.corrupt');
  });
}
