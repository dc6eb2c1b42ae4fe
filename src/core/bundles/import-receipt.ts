// `edc receipt import`: the site records what the coordinating centre acknowledged, after checking the
// receipt's signature against the coordinator key of its site kit and that it names one of its exports.

import { readFileSync } from 'node:fs';
import { findExport, lastExport, lastReceipt, upsertReceipt } from '../../db/repositories/bundle-log.repository';
import { getMeta } from '../../db/repositories/meta.repository';
import { inWriteTransaction } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
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
  const body = verifyReceipt(raw, keys.coordinator.signingPublicKeyPem);
  if (body.siteId !== session.info.siteId) throw new AppError('bundle.badReceipt', { detail: `for site ${body.siteId}` });
  const exported = await findExport(session.store.db, body.sequence);
  if (!exported || exported.manifest_sha256 !== body.manifestSha256) throw new AppError('bundle.badReceipt', { detail: `bundle ${body.sequence} was not exported by this site` });
  await inWriteTransaction(session.store.db, async (tx) => {
    const now = isoNow(session.clock);
    await upsertReceipt(tx, { sequence: body.sequence, manifest_sha256: body.manifestSha256, merged_at: body.mergedAt, imported_at: now, imported_by: session.user.username, receipt: canonicalJson(raw) });
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
  const receiptBody = receipt ? (JSON.parse(receipt.receipt) as { receipt: ReceiptBody }).receipt : null;
  return {
    canExport: keys !== undefined,
    lastExport: last ? { sequence: last.sequence, fileName: last.file_name, at: last.exported_at, sha256: last.sha256 } : null,
    lastReceipt: receipt && receiptBody ? { sequence: receipt.sequence, mergedAt: receipt.merged_at, importedAt: receipt.imported_at, counts: receiptBody.counts } : null,
    coordinatorFingerprint: keys?.coordinator.fingerprint ?? null,
    siteFingerprint: keys?.fingerprint ?? null,
    uploadUrl: (await getMeta(session.store.db, 'upload_url')) || null,
    uploadCa: Boolean(await getMeta(session.store.db, 'upload_ca')),
  };
}
