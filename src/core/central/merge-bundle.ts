// Merging one bundle into the central store: decrypt, verify the signature against the site's pinned
// key, check study, definition, sequence and audit-chain continuity, validate every record (invalid ones
// quarantined with reasons), and replace the site's snapshot — all in one transaction, so any refusal or
// crash leaves the central store exactly as it was.

import { statSync } from 'node:fs';
import { bulkInserter, deleteSiteSnapshot, findSite, insertMergedBundle, insertSite, instanceVersionsOfSite, lastMergedBundle, refreshSiteSubjectStatus } from '../../db/repositories/central.repository';
import type { FormInstanceRow, QuarantineRow, SubjectRow } from '../../db/schema/tables';
import { inWriteTransaction } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import { AuditRecord, FormInstanceRecord, isAuditRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import type { BundleFileName, BundleManifest, MergeCounts, Receipt } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit, GENESIS_HASH, hashAuditEntry } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { readBundle, type BundleLimits, DEFAULT_LIMITS } from '../exchange/read-bundle';
import { readBundleThreaded } from '../exchange/read-bundle-threaded';
import { isoNow } from '../clock';
import { fingerprintOf, normaliseFingerprint } from '../crypto/signing';
import type { Session } from '../store/session';
import type { LoadedStudy } from '../study/load-definition';
import { coordinatorSecrets } from './coordinator-init';
import { signReceipt } from '../exchange/receipts';
import { knownDefinitions } from './study-versions';
import { parseRecord } from '../exchange/parse-record';
import { invalidReasons } from './validate-record';

export interface MergeOptions {
  /** Sites to register on first merge: site id → fingerprint compared out of band. */
  readonly registerSites?: ReadonlyMap<string, string>;
  readonly limits?: BundleLimits;
  /** Rows buffered before a multi-row INSERT (tests use small batches). */
  readonly batchSize?: number;
  /** Bundle files from this size on are read on a worker thread (tests use 0). */
  readonly threadedFrom?: number;
}

export interface MergeResult {
  readonly status: 'merged' | 'unchanged';
  readonly siteId: string;
  readonly sequence: number;
  readonly counts: MergeCounts;
  readonly receipt: Receipt;
}

const BATCH = 2000;
// Starting a worker costs tens of milliseconds: worth it for a site's real bundle, not a small one.
const THREADED_FROM = 4 * 1024 * 1024;

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // readBundle reports a missing file with its code
  }
}

class MergeState {
  site = '';
  study: LoadedStudy | undefined;
  studies = new Map<string, LoadedStudy | undefined>();
  previous = new Map<string, { version: number; data: string }>();
  previousAudit = { entries: 0, hash: GENESIS_HASH };
  subjectIds = new Set<string>();
  instanceKeys = new Set<string>();
  subjects: SubjectRow[] = [];
  instances: Omit<FormInstanceRow, 'id'>[] = [];
  audit: AuditRecord[] = [];
  quarantine: Omit<QuarantineRow, 'id'>[] = [];
  counts = { added: 0, changed: 0, unchanged: 0, quarantined: 0 };
  auditPrev = GENESIS_HASH;
  auditNext = 1;
  registering: { fingerprint: string; pem: string } | undefined;
  manifest: BundleManifest | undefined;
  /** Read on a worker, which already checked each audit entry's shape and hash. */
  auditChecked = false;
}

export async function mergeBundle(session: Session, input: string | Uint8Array, options: MergeOptions = {}): Promise<MergeResult> {
  requireRole(session.user.role, 'central.merge');
  if (session.info.kind !== 'central') throw new AppError('store.wrongKind', { found: session.info.kind, expected: 'central' });
  const secrets = await coordinatorSecrets(session.store.db);
  const now = session.clock();
  return inWriteTransaction(session.store.db, async (tx) => {
    const state = new MergeState();
    const definitions = await knownDefinitions(tx);
    // The same connection as `tx` (Kysely runs one at a time): bulk rows go through prepared statements.
    const bulk = bulkInserter(session.store.sqlite);
    let unchanged: MergeResult | undefined;

    // Buffers are written together and in order (subjects before the instances that reference them).
    const flush = (force: boolean): void => {
      const batch = options.batchSize ?? BATCH;
      const full = state.subjects.length >= batch || state.instances.length >= batch || state.audit.length >= batch || state.quarantine.length >= batch;
      if (!force && !full) return;
      bulk.subjects(state.subjects);
      state.subjects = [];
      bulk.formInstances(state.instances);
      state.instances = [];
      bulk.siteAudit(state.site, state.audit);
      state.audit = [];
      bulk.quarantine(state.quarantine);
      state.quarantine = [];
    };

    const threaded = typeof input === 'string' && fileSize(input) >= (options.threadedFrom ?? THREADED_FROM);
    state.auditChecked = threaded;
    const read = await (threaded ? readBundleThreaded : readBundle)(
      input as string,
      [secrets.ageIdentity],
      {
        keyFor: async (manifest) => {
          if (manifest.study.id !== session.study.definition.id) throw new AppError('merge.studyMismatch', { found: manifest.study.id, expected: session.study.definition.id });
          const fingerprint = fingerprintOf(manifest.site.publicKeyPem);
          if (fingerprint !== manifest.site.keyFingerprint) throw new AppError('bundle.badManifest', { issues: 'site key fingerprint does not match its key' });
          const pinned = await findSite(tx, manifest.site.id);
          if (pinned) {
            if (pinned.key_fingerprint !== fingerprint) throw new AppError('merge.keyChanged', { site: manifest.site.id });
            return pinned.public_key_pem;
          }
          const wanted = options.registerSites?.get(manifest.site.id);
          if (wanted === undefined) throw new AppError('merge.unknownSite', { site: manifest.site.id, fingerprint });
          if (normaliseFingerprint(wanted) !== fingerprint) throw new AppError('merge.fingerprintMismatch', { site: manifest.site.id, found: fingerprint, expected: normaliseFingerprint(wanted) });
          state.registering = { fingerprint, pem: manifest.site.publicKeyPem };
          return manifest.site.publicKeyPem;
        },
        onManifest: async (manifest, manifestSha256) => {
          state.manifest = manifest;
          state.site = manifest.site.id;
          const known = definitions.get(manifest.study.version);
          if (!known || known.hash !== manifest.study.definitionHash) throw new AppError('merge.definitionUnknown', { version: manifest.study.version, hash: manifest.study.definitionHash.slice(0, 16) });
          const last = await lastMergedBundle(tx, manifest.site.id);
          if (last) {
            if (manifest.sequence < last.sequence) throw new AppError('merge.stale', { site: manifest.site.id, got: manifest.sequence, have: last.sequence });
            if (manifest.sequence === last.sequence) {
              if (last.manifest_sha256 !== manifestSha256) throw new AppError('merge.sequenceConflict', { site: manifest.site.id, got: manifest.sequence });
              unchanged = { status: 'unchanged', siteId: last.site_id, sequence: last.sequence, counts: JSON.parse(last.counts) as MergeCounts, receipt: JSON.parse(last.receipt) as Receipt };
              return 'skip';
            }
            state.previousAudit = { entries: last.audit_entries, hash: last.audit_head };
          }
          if (state.registering) {
            await insertSite(tx, {
              site_id: manifest.site.id,
              site_name: manifest.site.name,
              key_fingerprint: state.registering.fingerprint,
              public_key_pem: state.registering.pem,
              registered_at: now.toISOString(),
              registered_by: session.user.username,
            });
          }
          for (const [version, def] of definitions) state.studies.set(version, await def.load());
          state.previous = await instanceVersionsOfSite(tx, manifest.site.id);
          await deleteSiteSnapshot(tx, manifest.site.id);
          return 'read';
        },
        onRecord: (file, raw, line) => {
          onRecord(state, file, raw, line, now);
          flush(false);
        },
      },
      options.limits ?? DEFAULT_LIMITS,
    );
    if (unchanged) return unchanged;
    flush(true);
    const manifest = read.manifest;
    await refreshSiteSubjectStatus(tx, manifest.site.id, now.toISOString());
    const entries = state.auditNext - 1;
    if (entries < state.previousAudit.entries) throw new AppError('merge.historyRewritten', { site: manifest.site.id, id: entries + 1 });
    if (entries !== manifest.auditHead.entries || state.auditPrev !== manifest.auditHead.hash) throw new AppError('bundle.badManifest', { issues: 'audit head differs from the audit payload' });
    const removed = [...state.previous.keys()].filter((k) => !state.instanceKeys.has(k)).length;
    const counts: MergeCounts = {
      subjects: state.subjectIds.size,
      formInstances: state.instanceKeys.size - state.counts.quarantined,
      added: state.counts.added,
      changed: state.counts.changed,
      removed,
      unchanged: state.counts.unchanged,
      quarantined: state.counts.quarantined,
      auditEntries: entries,
    };
    const receipt = signReceipt(
      {
        format: 'edc-receipt/1',
        studyId: manifest.study.id,
        siteId: manifest.site.id,
        sequence: manifest.sequence,
        manifestSha256: read.manifestSha256,
        mergedAt: now.toISOString(),
        counts,
        coordinatorFingerprint: secrets.fingerprint,
      },
      secrets.signingPrivateKeyPem,
    );
    await insertMergedBundle(tx, {
      site_id: manifest.site.id,
      sequence: manifest.sequence,
      manifest_sha256: read.manifestSha256,
      bundle_sha256: read.bundleSha256,
      def_version: manifest.study.version,
      audit_entries: entries,
      audit_head: state.auditPrev,
      counts: canonicalJson(counts),
      merged_at: now.toISOString(),
      merged_by: session.user.username,
      receipt: canonicalJson(receipt),
    });
    await appendAudit(tx, isoNow(session.clock), session.user.username, [
      {
        action: 'merge.bundle',
        details: { site: manifest.site.id, sequence: manifest.sequence, manifestSha256: read.manifestSha256, bundleSha256: read.bundleSha256, ...counts, registered: state.registering !== undefined },
      },
    ]);
    return { status: 'merged', siteId: manifest.site.id, sequence: manifest.sequence, counts, receipt };
  });
}

function onRecord(state: MergeState, file: BundleFileName, raw: unknown, line: number, now: Date): void {
  const site = state.site;
  if (file === 'subjects.ndjson') {
    const s = parseRecord(SubjectRecord, raw, file, line);
    if (s.site_id !== site || !s.id.startsWith(`${site}-`)) throw new AppError('merge.siteMismatch', { site });
    if (state.subjectIds.has(s.id)) throw new AppError('bundle.duplicateRecord', { key: s.id, file });
    state.subjectIds.add(s.id);
    state.subjects.push({ ...s });
    return;
  }
  if (file === 'form_instances.ndjson') {
    const r = parseRecord(FormInstanceRecord, raw, file, line);
    if (r.site_id !== site || !r.subject_id.startsWith(`${site}-`)) throw new AppError('merge.siteMismatch', { site });
    const key = `${r.subject_id}|${r.form_key}|${r.instance_no}`;
    if (state.instanceKeys.has(key)) throw new AppError('bundle.duplicateRecord', { key, file });
    state.instanceKeys.add(key);
    const reasons = state.subjectIds.has(r.subject_id) ? invalidReasons(state.studies.get(r.def_version)?.compiled, r, now) : [`subject ${r.subject_id} is not in the bundle`];
    if (reasons.length > 0) {
      state.counts.quarantined += 1;
      state.quarantine.push({ site_id: site, sequence: state.manifest!.sequence, kind: 'form_instance', record_key: key, reasons: JSON.stringify(reasons), record: JSON.stringify(r) });
      return;
    }
    // Stored as received: change detection compares with what the same site sent before.
    const data = JSON.stringify(r.data);
    const before = state.previous.get(key);
    if (!before) state.counts.added += 1;
    else if (before.version !== r.version || before.data !== data) state.counts.changed += 1;
    else state.counts.unchanged += 1;
    state.instances.push({
      site_id: r.site_id,
      subject_id: r.subject_id,
      form_key: r.form_key,
      instance_no: r.instance_no,
      data,
      def_version: r.def_version,
      status: r.status,
      version: r.version,
      completed_once: r.completed_once,
      overrides: JSON.stringify(r.overrides),
      created_at: r.created_at,
      created_by: r.created_by,
      updated_at: r.updated_at,
      updated_by: r.updated_by,
      signed_by: r.signed_by,
      signed_at: r.signed_at,
      sign_meaning: r.sign_meaning,
      locked_by: r.locked_by,
      locked_at: r.locked_at,
      n_missing: 0,
      n_hard: 0,
      n_soft: 0,
      calcs: JSON.stringify(r.calcs),
      failed_checks: null,
      missing_fields: null,
    });
    return;
  }
  const a = state.auditChecked ? (raw as AuditRecord) : isAuditRecord(raw) ? raw : parseRecord(AuditRecord, raw, file, line);
  if (a.id !== state.auditNext || a.prev_hash !== state.auditPrev) throw new AppError('merge.auditBroken', { id: state.auditNext });
  // The hash covers every field but itself (canonicalAuditJson reads them by name): no copy per entry.
  const hash = a.hash;
  if (!state.auditChecked && hashAuditEntry(a) !== hash) throw new AppError('merge.auditBroken', { id: a.id });
  if (a.id === state.previousAudit.entries && hash !== state.previousAudit.hash) throw new AppError('merge.historyRewritten', { site, id: a.id });
  state.auditPrev = hash;
  state.auditNext += 1;
  state.audit.push(a);
}


