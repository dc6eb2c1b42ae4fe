// CDISC ODM 1.3.2 snapshot of a site or central store, streamed subject by subject (mapping in README.md).

import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { getMeta } from '../../../db/repositories/meta.repository';
import { streamSubjectAudit, streamSubjects, subjectAuditOfSubjects, type AuditSource, type SubjectAuditEntry } from '../../../db/repositories/snapshot.repository';
import type { Db } from '../../../db/transaction';
import { AppError } from '../../../shared/errors/app-error';
import { problemDetail } from '../../../shared/errors/codes';
import type { LoadedStudy } from '../../study/load-definition';
import { readDataset } from '../../dataset/dataset';
import { readDatasetOfSnapshot } from '../../dataset/dataset-ranges';
import { adminData } from './admin-data';
import { readAdmin, type OdmScope } from './admin-source';
import { subjectData, type ClinicalCounts } from './clinical-data';
import { studyMetadata } from './metadata';
import { buildOdmModel, type OdmModel } from './model';
import * as oid from './oids';
import { EXPORTED_ACTIONS, indexSubjectAudit, SubjectAuditCursor } from './subject-audit';
import { TextSink } from './xml-sink';
import { close, open } from './xml';
import { studyLockInForce, studyLockStatement } from '../study-lock';
import { QueryIndex } from './query-annotations';
import { queryViews } from '../../queries/list-queries';
import type { DatasetSubject } from '../../dataset/dataset';
import { odmVersions } from './versions';
import { writeVersions } from './write-versions';

export interface OdmOptions {
  /** A stream (left open: the caller ends it) or a file path (written beside, then renamed into place). */
  readonly out: NodeJS.WritableStream | string;
  /** `site`: a site store, its own data and audit table; `central`: the merged store, every site or `siteId`. */
  readonly scope: 'central' | 'site';
  readonly siteId?: string;
  readonly now: Date;
  readonly sourceSystem: { readonly name: string; readonly version: string };
  /**
   * A read snapshot on the same store (`inReadSnapshot`): the whole document is read from it, the subjects, their
   * instances and the audit trail range by range, as raw rows. Without it `readDataset` streams from `db`, which it keeps busy,
   * so each site's trail is read into memory first.
   */
  readonly auditDb?: Db;
}

export interface OdmResult extends ClinicalCounts {
  readonly subjects: number;
  readonly bytes: number;
  readonly sha256: string;
}

const ODM_NAMESPACE = 'http://www.cdisc.org/ns/odm/v1.3';

/** Subjects whose audit rows are read together from the second connection (a few thousand rows). */
const AUDIT_RANGE_SUBJECTS = 20;

/** The rows of `streamSubjectAudit`, read range by range of the site's subjects (raw rows: see subjectAuditOfSubjects). */
async function* rangedAudit(snapshot: Db, source: AuditSource, siteId: string | undefined): AsyncGenerator<SubjectAuditEntry> {
  const ids: string[] = [];
  for await (const s of streamSubjects(snapshot, siteId)) ids.push(s.id);
  let after: string | null = null;
  for (let start = 0; start < ids.length; start += AUDIT_RANGE_SUBJECTS) {
    const last = ids[Math.min(start + AUDIT_RANGE_SUBJECTS, ids.length) - 1]!;
    yield* await subjectAuditOfSubjects(snapshot, source, EXPORTED_ACTIONS, after, last);
    after = last;
  }
}

/** Audit rows of one site in subject order: live from the second connection, or read in full before the dataset. */
async function auditRows(db: Db, source: AuditSource, auditDb: Db | undefined, siteId: string | undefined): Promise<AsyncIterator<SubjectAuditEntry>> {
  if (auditDb) return rangedAudit(auditDb, source, siteId);
  const rows: SubjectAuditEntry[] = [];
  for await (const row of streamSubjectAudit(db, source, EXPORTED_ACTIONS)) rows.push(row);
  return (async function* () {
    yield* rows;
  })();
}

/** Which part of each subject a pass writes (one pass per definition version), and the subjects counted so far. */
export interface SitePass {
  readonly pick: (subject: DatasetSubject) => DatasetSubject | undefined;
  readonly seen: Set<string>;
}

async function writeSite(sink: TextSink, db: Db, model: OdmModel, options: OdmOptions, siteId: string | undefined, counts: ClinicalCounts & { subjects: number }, pass?: SitePass): Promise<void> {
  const source: AuditSource = siteId === undefined ? { table: 'audit' } : { table: 'site_audit', siteId };
  const cursor = new SubjectAuditCursor(await auditRows(db, source, options.auditDb, siteId));
  const queries = new QueryIndex(await queryViews(db, siteId !== undefined ? { siteId } : {}));
  try {
    const read = { now: options.now, ...(siteId !== undefined ? { siteId } : { useIdentityBirthDates: true }) };
    // With a snapshot, the instances are read from it range by range too (raw rows), beside the trail.
    const dataset = options.auditDb ? readDatasetOfSnapshot(options.auditDb, model.study, read) : readDataset(db, model.study, read);
    for await (const read of dataset) {
      const audit = indexSubjectAudit(await cursor.take(read.id));
      const subject = pass ? pass.pick(read) : read;
      if (!subject) continue;
      await sink.write(subjectData(subject, audit, model, queries, counts));
      if (pass?.seen.has(subject.id)) continue;
      pass?.seen.add(subject.id);
      counts.subjects += 1;
    }
  } finally {
    await cursor.close();
  }
}

async function writeSites(sink: TextSink, db: Db, model: OdmModel, options: OdmOptions, sites: readonly (string | undefined)[], counts: ClinicalCounts & { subjects: number }, pass?: SitePass): Promise<void> {
  for (const siteId of sites) await writeSite(sink, db, model, options, siteId, counts, pass);
}

async function writeDocument(sink: TextSink, db: Db, study: LoadedStudy, options: OdmOptions): Promise<ClinicalCounts & { subjects: number }> {
  const d = study.definition;
  const scope: OdmScope = options.scope === 'site' ? { kind: 'site' } : { kind: 'central', ...(options.siteId !== undefined ? { siteId: options.siteId } : {}) };
  const kind = await getMeta(db, 'store_kind');
  if (kind !== options.scope) throw new AppError('store.wrongKind', { found: kind ?? 'unknown', expected: options.scope });
  const model = buildOdmModel(study.compiled);
  const admin = await readAdmin(db, scope, d.version, options.now);
  if (options.siteId !== undefined && admin.sites.length === 0) throw new AppError('input.invalid', { issues: problemDetail('noSuchSite', { site: options.siteId }) });
  const stamp = options.now.toISOString();
  const lock = await studyLockInForce(db, d.id);
  const label = options.scope === 'site' ? `site ${admin.sites[0]?.siteId ?? ''}` : options.siteId !== undefined ? `central, site ${options.siteId}` : 'central, all sites';
  await sink.write('<?xml version="1.0" encoding="UTF-8"?>\n');
  await sink.write(
    open('ODM', [
      ['xmlns', ODM_NAMESPACE],
      ['Description', `${d.id} ${d.version}: ${label}${lock ? `; ${studyLockStatement(lock)}` : ''}`],
      ['FileType', 'Snapshot'],
      ['Granularity', options.scope === 'site' || options.siteId !== undefined ? 'SingleSite' : 'All'],
      ['FileOID', `ODM.${d.id}.${options.scope === 'site' ? (admin.sites[0]?.siteId ?? 'site') : (options.siteId ?? 'central')}.${stamp.replace(/[-:.]/g, '')}`],
      ['CreationDateTime', stamp],
      ['ODMVersion', '1.3.2'],
      ['SourceSystem', options.sourceSystem.name],
      ['SourceSystemVersion', options.sourceSystem.version],
    ]),
  );
  const counts = { subjects: 0, formData: 0, itemData: 0, auditRecords: 0, signatures: 0 };
  const versions = await odmVersions(db, study, options.scope === 'site' ? undefined : options.siteId);
  const sites = options.scope === 'site' ? [undefined] : admin.sites.map((s) => s.siteId);
  if (versions) {
    await writeVersions(sink, study, versions, admin, (model, pass) => writeSites(sink, db, model, options, sites, counts, pass));
  } else {
    for (const chunk of studyMetadata(study, model)) await sink.write(chunk);
    await sink.write(adminData(study, admin));
    await sink.write(open('ClinicalData', [['StudyOID', oid.studyOid(d)], ['MetaDataVersionOID', oid.metaDataVersionOid(d)]]));
    await writeSites(sink, db, model, options, sites, counts);
    await sink.write(close('ClinicalData'));
  }
  await sink.write(close('ODM'));
  await sink.flush();
  return counts;
}

/** Ends a file stream and waits until its descriptor is closed. */
function finished(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.once('close', () => resolve());
    stream.end();
  });
}

export async function writeOdm(store: Db, study: LoadedStudy, options: OdmOptions): Promise<OdmResult> {
  // Everything from the snapshot when there is one: AdminData then names exactly the users ClinicalData refers to,
  // even while a merge commits.
  const db = options.auditDb ?? store;
  if (typeof options.out !== 'string') {
    const sink = new TextSink(options.out);
    const counts = await writeDocument(sink, db, study, options);
    return { ...counts, bytes: sink.bytes, sha256: sink.sha256() };
  }
  const partial = `${options.out}.partial`;
  const stream = createWriteStream(partial, { flags: 'w', mode: 0o600 });
  try {
    const sink = new TextSink(stream);
    const counts = await writeDocument(sink, db, study, options);
    await finished(stream);
    await rename(partial, options.out);
    return { ...counts, bytes: sink.bytes, sha256: sink.sha256() };
  } catch (error) {
    // Wait for the file to be closed (it may still be opening) before removing it.
    if (!stream.closed) await new Promise<void>((resolve) => stream.once('close', () => resolve()).destroy());
    await rm(partial, { force: true });
    throw error;
  }
}
