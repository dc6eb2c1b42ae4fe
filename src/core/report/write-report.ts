// writeReport: report.html and report.json side by side (atomic writes), and a `report.write` audit entry with their hashes.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { inWriteTransaction } from '../../db/transaction';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import { writeFileAtomic } from '../files/write-file-atomic';
import type { Session } from '../store/session';
import { buildReport, type ReportParams } from './report-data';
import { reportHtml } from './report-html';
import type { ReportDocument } from '../../shared/report/report-document';
import type { StudyModules } from '../modules/study-module';
import type { ReportLang } from './types';

export interface WriteReportOptions {
  /** Path of the HTML file; the JSON is written beside it with the same name and .json. */
  readonly out: string;
  readonly lang: ReportLang;
  /** The registered study modules (src/studies): the store's study adds its module's sections. */
  readonly modules: StudyModules;
  readonly params?: ReportParams;
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface WrittenFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface WriteReportResult {
  readonly html: string;
  readonly json: string;
  readonly files: readonly WrittenFile[];
  readonly data: ReportDocument;
  readonly timings: { readonly dataMs: number; readonly htmlMs: number };
}

/** report.html → report.json; anything else → the same base name with .json. */
export function jsonPathFor(htmlPath: string): string {
  const ext = extname(htmlPath);
  return join(dirname(htmlPath), `${ext ? basename(htmlPath, ext) : basename(htmlPath)}.json`);
}

function write(path: string, text: string): WrittenFile {
  const bytes = Buffer.from(text, 'utf8');
  writeFileAtomic(path, bytes);
  return { path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
}

export async function writeReport(session: Session, options: WriteReportOptions): Promise<WriteReportResult> {
  requireRole(session.user.role, 'data.export');
  const t0 = Date.now();
  const data = await buildReport(session, { lang: options.lang, modules: options.modules, ...(options.params ? { params: options.params } : {}), ...(options.now ? { now: options.now } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
  const t1 = Date.now();
  const html = await reportHtml(data);
  const t2 = Date.now();
  const dir = dirname(options.out);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const jsonPath = jsonPathFor(options.out);
  const files = [write(options.out, html), write(jsonPath, `${JSON.stringify(data, null, 2)}\n`)];
  await inWriteTransaction(session.store.db, (tx) =>
    appendAudit(tx, isoNow(session.clock), session.user.username, [
      {
        action: 'report.write',
        details: {
          scope: data.header.scope,
          lang: data.lang,
          data_cutoff: data.header.data_cutoff,
          digest: data.header.digest,
          subjects: data.header.subjects,
          files: files.map((f) => ({ name: basename(f.path), sha256: f.sha256, bytes: f.bytes })),
        },
      },
    ]),
  );
  return { html: options.out, json: jsonPath, files, data, timings: { dataMs: t1 - t0, htmlMs: t2 - t1 } };
}
