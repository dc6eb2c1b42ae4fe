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
import type { CompiledStudy } from '../../shared/study/compile';
import type { StoredEntry } from '../../shared/study/entries';
import { evaluateSubject } from '../../shared/study/evaluate-subject';
import { hasExactBirthDate, readsSiteOnlyData } from '../../shared/study/site-only-calcs';
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
import { NdjsonBuffer } from '../exchange/ndjson-buffer';
import { APP_VERSION } from '../exchange/app-version';
import { writeFileAtomic } from '../files/write-file-atomic';

export type ExportProgress = (phase: 'reading' | 'packing' | 'encrypting' | 'writing' | 'done', done: number, total: number) => void;

export { APP_VERSION };

/**
 * Without an exact birth date the device computes the age from birth_year exactly as the centre does; the value is
 * left out so that a device age in a bundle always means an exact one (the centre's age_imputed rests on this).
 */
function withoutSiteOnly(study: CompiledStudy, form: string, calcs: Readonly<Record<string, StoredEntry | null>>): Readonly<Record<string, StoredEntry | null>> {
  return Object.fromEntries(Object.entries(calcs).filter(([field]) => !readsSiteOnlyData(study, form, field)));
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
      const birthDate = birthDates.get(subjectId) ?? null;
      const evaluation = evaluateSubject(session.study.compiled, group, { today, params, identityBirthDate: birthDate }, { calcsOnly: true });
      const exact = hasExactBirthDate(birthDate);
      for (const instance of group) {
        const calcs = evaluation.get(instance.form, instance.instanceNo)?.calcs ?? {};
        instances.add(formInstanceRecordOf(instance, exact ? calcs : withoutSiteOnly(session.study.compiled, instance.form, calcs)));
      }
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
    site: { id: session.info.siteId, name: session.info.siteName, keyFingerprint: keys.fingerprint, publicKeyPem: keys.signingPublicKeyPem, ageRecipient: keys.ageRecipient },
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
