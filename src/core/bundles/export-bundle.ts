// Site export: a full pseudonymised snapshot (subjects, form instances with device-calculated values, the
// whole audit trail) as NDJSON, described by a signed manifest, packed as tar.gz and age-encrypted to the
// coordinator and to the site itself. The identification log is never read into it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { insertExport, lastExport } from '../../db/repositories/bundle-log.repository';
import { getMeta, setMeta } from '../../db/repositories/meta.repository';
import { listIdentities } from '../../db/repositories/subjects.repository';
import { streamAudit, streamFormInstances, streamSubjects } from '../../db/repositories/snapshot.repository';
import type { Database, FormInstanceRow } from '../../db/schema/tables';
import { inWriteTransaction } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import type { BundleManifest, ExportResult } from '../../shared/contract/bundles';
import type { AuditRecord, FormInstanceRecord, SubjectRecord } from '../../shared/contract/bundle-records';
import { todayDayNumber } from '../../shared/dates/partial-date';
import { evaluateSubject } from '../../shared/study/evaluate-subject';
import { appendAudit, GENESIS_HASH } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import { encryptTo } from '../crypto/age';
import { signBytes } from '../crypto/signing';
import type { Session } from '../store/session';
import { siteParams, toSubjectInstance } from '../store/subject-data';
import { bundleFileName } from '../exchange/bundle-names';
import { requireSiteKeys } from './site-identity';
import { packTarGz } from '../exchange/tar-pack';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { Kysely } from 'kysely';

export type ExportProgress = (phase: 'reading' | 'packing' | 'encrypting' | 'writing' | 'done', done: number, total: number) => void;

export const APP_VERSION = 'edc-offline/0.1.0';

class NdjsonBuffer {
  private readonly parts: Buffer[] = [];
  private readonly hash = createHash('sha256');
  size = 0;
  records = 0;
  add(record: unknown): void {
    const line = Buffer.from(`${JSON.stringify(record)}\n`, 'utf8');
    this.parts.push(line);
    this.hash.update(line);
    this.size += line.length;
    this.records += 1;
  }
  finish(): { data: Buffer; sha256: string } {
    return { data: Buffer.concat(this.parts, this.size), sha256: this.hash.digest('hex') };
  }
}

/** Reads one consistent snapshot inside a read transaction (WAL lets writers go on meanwhile). */
async function readSnapshot(session: Session, onProgress: ExportProgress | undefined): Promise<{ subjects: NdjsonBuffer; instances: NdjsonBuffer; audit: NdjsonBuffer; head: { entries: number; hash: string } }> {
  return session.store.db.connection().execute(async (conn) => {
    await sql`BEGIN`.execute(conn);
    try {
      const db = conn as Kysely<Database>;
      const subjects = new NdjsonBuffer();
      for await (const s of streamSubjects(db)) {
        const record: SubjectRecord = { id: s.id, site_id: s.site_id, seq: s.seq, created_at: s.created_at, created_by: s.created_by };
        subjects.add(record);
      }
      // Birth dates stay in memory only, to compute the exact age the spec asks for (crf-spec §4).
      const birthDates = new Map<string, string>();
      for (const row of await listIdentities(db)) {
        const value = (JSON.parse(row.data) as Record<string, unknown>).sil_birth_date;
        if (typeof value === 'string') birthDates.set(row.subject_id, value);
      }
      const params = await siteParams(db);
      const today = todayDayNumber(session.clock());
      const instances = new NdjsonBuffer();
      let group: FormInstanceRow[] = [];
      let done = 0;
      const flush = (): void => {
        if (group.length === 0) return;
        const subjectId = group[0]!.subject_id;
        const evaluation = evaluateSubject(session.study.compiled, group.map(toSubjectInstance), { today, params, identityBirthDate: birthDates.get(subjectId) ?? null }, { calcsOnly: true });
        for (const row of group) {
          const record: FormInstanceRecord = {
            site_id: row.site_id,
            subject_id: row.subject_id,
            form_key: row.form_key,
            instance_no: row.instance_no,
            data: JSON.parse(row.data) as Record<string, unknown>,
            def_version: row.def_version,
            status: row.status as FormInstanceRecord['status'],
            version: row.version,
            completed_once: row.completed_once === 1 ? 1 : 0,
            overrides: JSON.parse(row.overrides) as FormInstanceRecord['overrides'],
            created_at: row.created_at,
            created_by: row.created_by,
            updated_at: row.updated_at,
            updated_by: row.updated_by,
            signed_by: row.signed_by,
            signed_at: row.signed_at,
            sign_meaning: row.sign_meaning,
            locked_by: row.locked_by,
            locked_at: row.locked_at,
            calcs: { ...(evaluation.get(row.form_key, row.instance_no)?.calcs ?? {}) },
          };
          instances.add(record);
        }
        done += 1;
        onProgress?.('reading', done, subjects.records);
        group = [];
      };
      for await (const row of streamFormInstances(db)) {
        if (group.length > 0 && group[0]!.subject_id !== row.subject_id) flush();
        group.push(row);
      }
      flush();
      const audit = new NdjsonBuffer();
      let head = { entries: 0, hash: GENESIS_HASH };
      for await (const a of streamAudit(db)) {
        const record: AuditRecord = { ...a };
        audit.add(record);
        head = { entries: a.id, hash: a.hash };
      }
      await sql`COMMIT`.execute(conn);
      return { subjects, instances, audit, head };
    } catch (error) {
      await sql`ROLLBACK`.execute(conn);
      throw error;
    }
  });
}

export async function exportBundle(session: Session, outDir: string, onProgress?: ExportProgress): Promise<ExportResult> {
  requireRole(session.user.role, 'bundle.export');
  const keys = await requireSiteKeys(session.store.db);
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  const started = session.clock();
  const study = session.study.definition;

  // Reserve the sequence number first: a failed export never reuses it for different content.
  const sequence = await inWriteTransaction(session.store.db, async (tx) => {
    const next = Number((await getMeta(tx, 'export_seq')) ?? '0') + 1;
    await setMeta(tx, 'export_seq', String(next));
    await appendAudit(tx, isoNow(session.clock), session.user.username, [{ action: 'bundle.export', details: { sequence: next } }]);
    return next;
  });
  const previous = await lastExport(session.store.db);
  const snapshot = await readSnapshot(session, onProgress);
  const files = [
    { name: 'subjects.ndjson' as const, ...snapshot.subjects.finish(), records: snapshot.subjects.records },
    { name: 'form_instances.ndjson' as const, ...snapshot.instances.finish(), records: snapshot.instances.records },
    { name: 'audit.ndjson' as const, ...snapshot.audit.finish(), records: snapshot.audit.records },
  ];
  const manifest: BundleManifest = {
    format: 'edc-bundle/1',
    study: { id: study.id, version: study.version, definitionHash: session.study.hash },
    site: { id: session.info.siteId, name: session.info.siteName, keyFingerprint: keys.fingerprint, publicKeyPem: keys.signingPublicKeyPem },
    sequence,
    previousBundleSha256: previous?.sha256 ?? null,
    auditHead: snapshot.head,
    files: files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.data.length, records: f.records })),
    counts: { subjects: snapshot.subjects.records, formInstances: snapshot.instances.records, auditEntries: snapshot.audit.records },
    createdAt: started.toISOString(),
    createdBy: session.user.username,
    app: APP_VERSION,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = signBytes(keys.signingPrivateKeyPem, manifestBytes);
  onProgress?.('packing', 0, 1);
  const tarGz = await packTarGz(
    [{ name: 'manifest.json', data: manifestBytes }, { name: 'manifest.sig', data: signature }, ...files.map((f) => ({ name: f.name, data: f.data }))],
    started,
  );
  onProgress?.('encrypting', 0, 1);
  const encrypted = await encryptTo([keys.coordinator.recipient, keys.ageRecipient], tarGz);
  const fileName = bundleFileName(study.id, session.info.siteId, sequence, started);
  const file = join(outDir, fileName);
  onProgress?.('writing', 0, 1);
  writeFileAtomic(file, encrypted);
  const sha256 = createHash('sha256').update(encrypted).digest('hex');
  const manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
  await inWriteTransaction(session.store.db, async (tx) => {
    await insertExport(tx, {
      sequence,
      file_name: fileName,
      sha256,
      manifest_sha256: manifestSha256,
      exported_at: started.toISOString(),
      exported_by: session.user.username,
      counts: canonicalJson(manifest.counts),
    });
    await appendAudit(tx, isoNow(session.clock), session.user.username, [
      { action: 'bundle.written', details: { sequence, file: fileName, sha256, manifestSha256, auditHead: snapshot.head.hash } },
    ]);
  });
  onProgress?.('done', 1, 1);
  return { file, fileName, sequence, sha256, counts: manifest.counts, bytes: encrypted.length };
}
