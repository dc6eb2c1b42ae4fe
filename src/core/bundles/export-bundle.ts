// Site export: a full pseudonymised snapshot (subjects, form instances with device-calculated values, the
// whole audit trail) as NDJSON, described by a signed manifest, packed as tar.gz and age-encrypted to the
// coordinator and to the site itself. The identification log is never read into it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FormInstance } from '../../db/domain';
import { auditRecordOf, formInstanceRecordOf, subjectRecordOf } from '../../db/mappers/bundle-record.mapper';
import { insertExport, lastExport } from '../../db/repositories/bundle-log.repository';
import { getMeta, getSiteParams, setMeta } from '../../db/repositories/meta.repository';
import { streamAudit, streamFormInstances, streamSubjects } from '../../db/repositories/snapshot.repository';
import { siteOriginEvents } from '../../db/repositories/queries.repository';
import { inReadSnapshot, inWriteTransaction } from '../../db/transaction';
import type { BundleManifest, ExportResult } from '../../shared/contract/bundles';
import { todayDayNumber } from '../../shared/dates/partial-date';
import { evaluateSubject } from '../../shared/study/evaluate-subject';
import { appendAudit, GENESIS_HASH } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import { encryptTo } from '../crypto/age';
import { signBytes } from '../crypto/signing';
import type { Session } from '../store/session';
import { identityBirthDates } from '../store/subject-data';
import { bundleFileName } from '../exchange/bundle-names';
import { requireSiteKeys } from './site-identity';
import { packTarGz } from '../exchange/tar-pack';
import { writeFileAtomic } from '../files/write-file-atomic';

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

/** Reads one consistent snapshot of the store, on a connection of its own (WAL lets writers go on meanwhile). */
async function readSnapshot(session: Session, onProgress: ExportProgress | undefined): Promise<{ subjects: NdjsonBuffer; instances: NdjsonBuffer; audit: NdjsonBuffer; answers: NdjsonBuffer; head: { entries: number; hash: string } }> {
  return inReadSnapshot(session.store.db, async (db) => {
    const subjects = new NdjsonBuffer();
    for await (const s of streamSubjects(db)) subjects.add(subjectRecordOf(s));
    // Birth dates stay in memory only, to compute the exact age the spec asks for (crf-spec §4).
    const birthDates = await identityBirthDates(db);
    const params = await getSiteParams(db);
    const today = todayDayNumber(session.clock());
    const instances = new NdjsonBuffer();
    let group: FormInstance[] = [];
    let done = 0;
    const flush = (): void => {
      if (group.length === 0) return;
      const subjectId = group[0]!.subjectId;
      const evaluation = evaluateSubject(session.study.compiled, group, { today, params, identityBirthDate: birthDates.get(subjectId) ?? null }, { calcsOnly: true });
      for (const instance of group) instances.add(formInstanceRecordOf(instance, evaluation.get(instance.form, instance.instanceNo)?.calcs ?? {}));
      done += 1;
      onProgress?.('reading', done, subjects.records);
      group = [];
    };
    for await (const instance of streamFormInstances(db)) {
      if (group.length > 0 && group[0]!.subjectId !== instance.subjectId) flush();
      group.push(instance);
    }
    flush();
    const audit = new NdjsonBuffer();
    let head = { entries: 0, hash: GENESIS_HASH };
    for await (const a of streamAudit(db)) {
      audit.add(auditRecordOf(a));
      head = { entries: a.id, hash: a.hash };
    }
    // Every answer given at the site, each time (a full snapshot): the centre merges them by id.
    const answers = new NdjsonBuffer();
    for (const e of await siteOriginEvents(db)) answers.add({ id: e.id, query_id: e.queryId, seq: e.seq, kind: e.kind, text: e.text, by: e.by, at: e.at, origin: e.origin });
    return { subjects, instances, audit, answers, head };
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
    // Optional: a site that never answered a query writes the bundle it always wrote.
    ...(snapshot.answers.records > 0 ? [{ name: 'query_events.ndjson' as const, ...snapshot.answers.finish(), records: snapshot.answers.records }] : []),
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
    await insertExport(tx, { sequence, fileName, sha256, manifestSha256, exportedAt: started.toISOString(), exportedBy: session.user.username, counts: manifest.counts });
    await appendAudit(tx, isoNow(session.clock), session.user.username, [
      { action: 'bundle.written', details: { sequence, file: fileName, sha256, manifestSha256, auditHead: snapshot.head.hash } },
    ]);
  });
  onProgress?.('done', 1, 1);
  return { file, fileName, sequence, sha256, counts: manifest.counts, bytes: encrypted.length };
}
