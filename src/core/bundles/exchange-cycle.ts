// One cycle of the periodic exchange: export to the set folder when the interval has passed (or when asked),
// queue the bundle for upload where an address is set, and drain the queue in order with backoff, importing
// the return bundle each answer carries. The app runs it at login, every few minutes and at logout;
// `edc exchange run` runs it from a scheduled task.

import { basename } from 'node:path';
import { enqueueUpload, pendingUploads, recordUploadAttempt } from '../../db/repositories/upload-queue.repository';
import { inWriteTransaction } from '../../db/transaction';
import type { QueuedUpload } from '../../db/domain';
import type { ExchangeCycleResult, ExportResult } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { exportBundle } from './export-bundle';
import { exchangeStatus } from './exchange-status';
import { importReceipt } from './import-receipt';
import { importAnsweredReturn } from './answered-return';
import { uploadBundle, type UploadOptions, type UploadOutcome } from './upload-client';
import { uploadCa } from './upload-settings';
import { uploadSigner } from './upload-signer';

export type Uploader = (url: string, file: string, options: UploadOptions) => Promise<UploadOutcome>;

export interface CycleOptions {
  /** Export now even if the interval has not passed. */
  readonly force?: boolean;
  /** The HTTPS client (replaced in tests by one that counts its calls). */
  readonly upload?: Uploader;
}

const MINUTE_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 60 * MINUTE_MS;

/** The wait after the n-th failed attempt: one minute, doubled each time, at most six hours. */
export function uploadBackoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, MINUTE_MS * 2 ** Math.max(0, attempts - 1));
}

async function audit(session: Session, action: string, details: Record<string, string | number | boolean | null>): Promise<void> {
  await inWriteTransaction(session.store.db, (tx) => appendAudit(tx, session.clock().toISOString(), session.user.username, [{ action, details }]));
}

async function exportIfDue(session: Session, force: boolean): Promise<ExportResult | null> {
  const status = await exchangeStatus(session);
  if (!force && !status.overdue) return null;
  const folder = status.settings.folder;
  if (folder === null) {
    if (force) throw new AppError('export.noFolder');
    return null;
  }
  const result = await exportBundle(session, folder);
  await audit(session, 'exchange.export', { sequence: result.sequence, file: result.fileName, automatic: !force });
  if (status.uploadUrl !== null) {
    await inWriteTransaction(session.store.db, (tx) => enqueueUpload(tx, { sequence: result.sequence, file: result.file, queuedAt: session.clock().toISOString() }));
  }
  return result;
}

async function uploadOne(session: Session, url: string, entry: QueuedUpload, upload: Uploader): Promise<ExchangeCycleResult['uploads'][number]> {
  const ca = await uploadCa(session);
  let outcome: UploadOutcome;
  try {
    outcome = await upload(url, entry.file, { signer: await uploadSigner(session), clock: session.clock, retries: 0, ...(ca ? { ca } : {}) });
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'upload client error';
    outcome = { file: basename(entry.file), status: 'failed', attempts: 1, receipt: null, error: { code: error instanceof AppError ? error.code : 'upload.failed', message } };
  }
  const attempts = entry.attempts + 1;
  const now = session.clock();
  if (outcome.status === 'merged' || outcome.status === 'unchanged') {
    if (outcome.receipt) await importReceipt(session, outcome.receipt);
    await inWriteTransaction(session.store.db, (tx) => recordUploadAttempt(tx, entry.sequence, { state: 'done', attempts, nextAttemptAt: now.toISOString(), lastError: null, finishedAt: now.toISOString() }));
    await audit(session, 'exchange.upload', { sequence: entry.sequence, state: 'done', attempts });
    const returned = outcome.returnBundle ? await importAnsweredReturn(session, outcome.returnBundle) : null;
    return { sequence: entry.sequence, state: 'done', attempts, error: null, ...(returned ? { returnBundle: { status: returned.status, sequence: returned.sequence, code: returned.error?.code ?? null, error: returned.error?.message ?? null } } : {}) };
  }
  const error = outcome.error?.message ?? outcome.status;
  if (outcome.status === 'refused') {
    await inWriteTransaction(session.store.db, (tx) => recordUploadAttempt(tx, entry.sequence, { state: 'refused', attempts, nextAttemptAt: now.toISOString(), lastError: error, finishedAt: now.toISOString() }));
    await audit(session, 'exchange.upload', { sequence: entry.sequence, state: 'refused', attempts, code: outcome.error?.code ?? null });
    return { sequence: entry.sequence, state: 'refused', attempts, error };
  }
  const next = new Date(now.getTime() + uploadBackoffMs(attempts)).toISOString();
  await inWriteTransaction(session.store.db, (tx) => recordUploadAttempt(tx, entry.sequence, { state: 'pending', attempts, nextAttemptAt: next, lastError: error, finishedAt: null }));
  await audit(session, 'exchange.upload', { sequence: entry.sequence, state: 'retry', attempts, nextAttemptAt: next });
  return { sequence: entry.sequence, state: 'retry', attempts, error };
}

/** Uploads what is due, oldest first; stops at the first failure so the centre receives bundles in order. */
async function drainQueue(session: Session, url: string, upload: Uploader): Promise<ExchangeCycleResult['uploads']> {
  const now = session.clock().getTime();
  const results: ExchangeCycleResult['uploads'] = [];
  for (const entry of await pendingUploads(session.store.db)) {
    if (Date.parse(entry.nextAttemptAt) > now) break;
    const result = await uploadOne(session, url, entry, upload);
    results.push(result);
    if (result.state === 'retry') break;
  }
  return results;
}

export async function runExchangeCycle(session: Session, options: CycleOptions = {}): Promise<ExchangeCycleResult> {
  requireRole(session.user.role, 'bundle.export');
  const exported = await exportIfDue(session, options.force ?? false);
  const url = (await exchangeStatus(session)).uploadUrl;
  // No address, no request: the only network traffic the app ever makes is this upload.
  const uploads = url === null ? [] : await drainQueue(session, url, options.upload ?? uploadBundle);
  return { exported, uploads, status: await exchangeStatus(session) };
}
