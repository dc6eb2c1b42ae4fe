// What the site has sent and what is waiting: the last bundle, the last receipt, changes not yet exported,
// when the next automatic export is due, and the upload queue. Shown at login, on the home screen, by the CLI.

import { lastExport, lastReceipt } from '../../db/repositories/bundle-log.repository';
import { getMeta } from '../../db/repositories/meta.repository';
import { changesSinceLastBundle, pendingUploads } from '../../db/repositories/upload-queue.repository';
import type { ExchangeSettings, ExchangeStatus } from '../../shared/contract/bundles';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { readExchangeSettings } from './exchange-settings';

const DAY_MS = 86_400_000;

/** When the next export is due: the interval after the last one, or now when there was none. */
export function exportDueAt(settings: ExchangeSettings, lastExportAt: string | null, now: Date): Date | null {
  if (settings.intervalDays === null) return null;
  if (lastExportAt === null) return now;
  return new Date(Date.parse(lastExportAt) + settings.intervalDays * DAY_MS);
}

export async function exchangeStatus(session: Session): Promise<ExchangeStatus> {
  requireRole(session.user.role, 'data.read');
  const db = session.store.db;
  const settings = await readExchangeSettings(session);
  const last = await lastExport(db);
  const receipt = await lastReceipt(db);
  const pending = await pendingUploads(db);
  const now = session.clock();
  const due = exportDueAt(settings, last?.exportedAt ?? null, now);
  const retry = pending[0];
  return {
    settings,
    uploadUrl: (await getMeta(db, 'upload_url')) || null,
    lastExport: last ? { sequence: last.sequence, fileName: last.fileName, at: last.exportedAt } : null,
    lastReceipt: receipt ? { sequence: receipt.sequence, mergedAt: receipt.mergedAt, importedAt: receipt.importedAt } : null,
    changes: await changesSinceLastBundle(db),
    dueAt: due ? due.toISOString() : null,
    overdue: due !== null && due.getTime() <= now.getTime(),
    queue: { pending: pending.length, nextAttemptAt: retry?.nextAttemptAt ?? null, lastError: retry?.lastError ?? null },
  };
}
