// `edc receipt import`: the site records what the coordinating centre acknowledged, after checking the
// receipt's signature against the coordinator key of its site kit and that it names one of its exports.

import { readFileSync } from 'node:fs';
import { findExport, lastExport, lastReceipt, upsertReceipt } from '../../db/repositories/bundle-log.repository';
import { getMeta } from '../../db/repositories/meta.repository';
import { inWriteTransaction } from '../../db/transaction';
import type { ExportStatus, ReceiptBody } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import { verifyReceipt } from '../exchange/receipts';
import type { Session } from '../store/session';
import { requireSiteKeys, siteKeysOf } from './site-identity';

export async function importReceipt(session: Session, raw: unknown): Promise<ReceiptBody> {
  requireRole(session.user.role, 'receipt.import');
  const keys = await requireSiteKeys(session.store.db);
  const receipt = verifyReceipt(raw, keys.coordinator.signingPublicKeyPem);
  const body = receipt.receipt;
  if (body.siteId !== session.info.siteId) throw new AppError('bundle.badReceipt', { detail: `for site ${body.siteId}` });
  const exported = await findExport(session.store.db, body.sequence);
  if (!exported || exported.manifestSha256 !== body.manifestSha256) throw new AppError('bundle.badReceipt', { detail: `bundle ${body.sequence} was not exported by this site` });
  await inWriteTransaction(session.store.db, async (tx) => {
    const now = isoNow(session.clock);
    await upsertReceipt(tx, { sequence: body.sequence, manifestSha256: body.manifestSha256, mergedAt: body.mergedAt, importedAt: now, importedBy: session.user.username, receipt });
    await appendAudit(tx, now, session.user.username, [{ action: 'receipt.import', details: { sequence: body.sequence, mergedAt: body.mergedAt, quarantined: body.counts.quarantined } }]);
  });
  return body;
}

export function readReceiptFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    throw new AppError('bundle.badReceipt', { detail: 'not a JSON file' });
  }
}

export async function exportStatus(session: Session): Promise<ExportStatus> {
  requireRole(session.user.role, 'data.read');
  const keys = await siteKeysOf(session.store.db);
  const last = await lastExport(session.store.db);
  const receipt = await lastReceipt(session.store.db);
  return {
    canExport: keys !== undefined,
    lastExport: last ? { sequence: last.sequence, fileName: last.fileName, at: last.exportedAt, sha256: last.sha256 } : null,
    lastReceipt: receipt ? { sequence: receipt.sequence, mergedAt: receipt.mergedAt, importedAt: receipt.importedAt, counts: receipt.receipt.receipt.counts } : null,
    coordinatorFingerprint: keys?.coordinator.fingerprint ?? null,
    siteFingerprint: keys?.fingerprint ?? null,
    uploadUrl: (await getMeta(session.store.db, 'upload_url')) || null,
    uploadCa: Boolean(await getMeta(session.store.db, 'upload_ca')),
  };
}
