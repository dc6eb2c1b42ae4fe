// `edc return import` and the Exchange screen's import: a return bundle from the coordinating centre,
// verified (see read-return-bundle.ts), checked against this site, its study and what was imported before,
// then applied section by section in one audited transaction (amendments last: they migrate the records; only
// an admin may apply one). Every refusal leaves the store unchanged. The preview (preview-return.ts) runs the same.

import { statSync, readFileSync } from 'node:fs';
import { insertReturnImport, lastReturnImport } from '../../db/repositories/return-exchange.repository';
import { inWriteTransaction, type Tx } from '../../db/transaction';
import { RETURN_SECTIONS, type ReturnImportResult } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { readReturnBundle, RETURN_MAX_FILE, type ReturnSections } from '../exchange/read-return-bundle';
import { appendAudit } from '../store/audit-chain';
import { studyOfStore } from '../store/store-study';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { RETURN_APPLIERS, type ApplyContext } from './return-sections';
import { requireSiteKeys } from './site-identity';

export function readReturnFile(file: string): Uint8Array {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new AppError('input.file', { file });
  }
  if (size > RETURN_MAX_FILE) throw new AppError('bundle.tooLarge', { detail: `more than ${RETURN_MAX_FILE} bytes` });
  return readFileSync(file);
}

async function applySection<N extends keyof ReturnSections>(name: N, ctx: ApplyContext, sections: ReturnSections): Promise<number> {
  return RETURN_APPLIERS[name](ctx, sections[name]);
}

/** A return bundle verified for this site: its signature, encryption, site and study (nothing read from the store but the keys). */
export interface OpenedReturn {
  readonly bundle: Awaited<ReturnType<typeof readReturnBundle>>;
  readonly keys: Awaited<ReturnType<typeof requireSiteKeys>>;
}

export async function openReturn(session: Session, bytes: Uint8Array): Promise<OpenedReturn> {
  requireRole(session.user.role, 'return.import');
  const keys = await requireSiteKeys(session.store.db);
  const bundle = await readReturnBundle(bytes, { identity: keys.ageIdentity, coordinatorPublicKeyPem: keys.coordinator.signingPublicKeyPem, coordinatorFingerprint: keys.coordinator.fingerprint });
  const { manifest } = bundle;
  if (manifest.site.id !== session.info.siteId) throw new AppError('return.otherSite', { found: manifest.site.id, site: session.info.siteId });
  if (manifest.study.id !== session.study.definition.id) throw new AppError('return.otherStudy', { found: manifest.study.id, hash: manifest.study.definitionHash.slice(0, 16), study: session.study.definition.id });
  return { bundle, keys };
}

/** The import inside its transaction: what is checked against earlier imports, then every section applied. */
/** `via`: how the bundle arrived when not as a file (`upload`: in an upload's answer), kept in the audit entry. */
export interface ReturnImportOptions {
  readonly via?: 'upload';
}

export async function applyReturn(tx: Tx, session: Session, { bundle, keys }: OpenedReturn, options: ReturnImportOptions = {}): Promise<ReturnImportResult> {
  const { manifest, manifestSha256 } = bundle;
  const last = await lastReturnImport(tx);
  if (last && manifest.sequence < last.sequence) throw new AppError('return.stale', { got: manifest.sequence, have: last.sequence });
  if (last && manifest.sequence === last.sequence) {
    if (last.manifestSha256 !== manifestSha256) throw new AppError('return.sequenceConflict', { got: manifest.sequence });
    return { status: 'unchanged', sequence: last.sequence, createdAt: last.createdAt, counts: { ...last.counts } };
  }
  const at = isoNow(session.clock);
  const ctx: ApplyContext = { tx, siteId: session.info.siteId, at, user: session.user.username, coordinatorPublicKeyPem: keys.coordinator.signingPublicKeyPem, session, amendments: [] };
  const counts: Record<string, number> = {};
  for (const name of RETURN_SECTIONS) counts[name] = await applySection(name, ctx, bundle.sections);
  await insertReturnImport(tx, { sequence: manifest.sequence, manifestSha256, bundleSha256: bundle.bundleSha256, createdAt: manifest.createdAt, importedAt: at, importedBy: session.user.username, counts });
  await appendAudit(tx, at, session.user.username, [{ action: 'return.import', details: { sequence: manifest.sequence, manifestSha256, bundleSha256: bundle.bundleSha256, createdAt: manifest.createdAt, ...counts, ...(options.via ? { via: options.via } : {}) } }]);
  return { status: 'applied', sequence: manifest.sequence, createdAt: manifest.createdAt, counts, ...(ctx.amendments.length > 0 ? { amendments: ctx.amendments } : {}) };
}

/** Whether the import applies an amendment (not one applied here before): only an admin may do that. */
export function appliesAmendment(result: ReturnImportResult): boolean {
  return result.amendments?.some((a) => a.status === 'applied') ?? false;
}

export async function importReturn(session: Session, bytes: Uint8Array, options: ReturnImportOptions = {}): Promise<ReturnImportResult> {
  const opened = await openReturn(session, bytes);
  const result = await inWriteTransaction(session.store.db, async (tx) => {
    const applied = await applyReturn(tx, session, opened, options);
    // Thrown inside the transaction: a refused amendment leaves the whole bundle unapplied.
    if (appliesAmendment(applied)) requireRole(session.user.role, 'study.amend');
    return applied;
  });
  // The open session (the app's) goes on with the definition now installed: a form saved after the import is
  // saved under the amended version, never the old one.
  if (appliesAmendment(result)) Object.assign(session, { study: await studyOfStore(session.store.db) });
  return result;
}
