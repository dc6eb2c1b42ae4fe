// `edc return export`: the centre's answer to one site — its receipts, review marks and locks (and whatever
// sections the registry holds) as NDJSON, described by a manifest signed with the coordinator key the site
// kit pinned, packed as tar.gz like a site bundle and age-encrypted to that site's recipient only.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { findSite } from '../../db/repositories/central.repository';
import { getMeta, setMeta } from '../../db/repositories/meta.repository';
import { insertReturnExport, lastReturnExport, siteRecipient } from '../../db/repositories/return-exchange.repository';
import { inReadSnapshot, inWriteTransaction } from '../../db/transaction';
import { RETURN_SECTIONS, returnSectionFile, type ReturnExportResult, type ReturnManifest } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { encryptTo } from '../crypto/age';
import { signBytes } from '../crypto/signing';
import { APP_VERSION } from '../exchange/app-version';
import { returnFileName } from '../exchange/bundle-names';
import { NdjsonBuffer } from '../exchange/ndjson-buffer';
import { packTarGz } from '../exchange/tar-pack';
import { writeFileAtomic } from '../files/write-file-atomic';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { coordinatorSecrets } from './coordinator-init';
import { RETURN_COLLECTORS } from './return-sections';

function sequenceKey(siteId: string): string {
  return `return_seq_${siteId}`;
}

export async function exportReturn(session: Session, input: { siteId: string; outDir: string }): Promise<ReturnExportResult> {
  requireRole(session.user.role, 'central.merge');
  if (session.info.kind !== 'central') throw new AppError('store.wrongKind', { found: session.info.kind, expected: 'central' });
  const secrets = await coordinatorSecrets(session.store.db);
  if (!(await findSite(session.store.db, input.siteId))) throw new AppError('return.unknownSite', { site: input.siteId });
  const recipient = await siteRecipient(session.store.db, input.siteId);
  if (!recipient) throw new AppError('return.noRecipient', { site: input.siteId });
  const started = session.clock();
  const study = session.study.definition;

  // Reserve the number first: a failed export never reuses it for different content.
  const sequence = await inWriteTransaction(session.store.db, async (tx) => {
    const next = Number((await getMeta(tx, sequenceKey(input.siteId))) ?? '0') + 1;
    await setMeta(tx, sequenceKey(input.siteId), String(next));
    return next;
  });
  const previous = await lastReturnExport(session.store.db, input.siteId);
  const sections = await inReadSnapshot(session.store.db, async (db) => {
    const out: { name: string; buffer: NdjsonBuffer }[] = [];
    for (const name of RETURN_SECTIONS) {
      const buffer = new NdjsonBuffer();
      for (const record of await RETURN_COLLECTORS[name](db, input.siteId)) buffer.add(record);
      out.push({ name: returnSectionFile(name), buffer });
    }
    return out;
  });
  const files = sections.map((s) => ({ name: s.name, records: s.buffer.records, ...s.buffer.finish() }));
  const manifest: ReturnManifest = {
    format: 'edc-return/1',
    study: { id: study.id, definitionHash: session.study.hash },
    site: { id: input.siteId, recipient },
    coordinatorFingerprint: secrets.fingerprint,
    sequence,
    previousReturnSha256: previous?.sha256 ?? null,
    files: files.map((f) => ({ name: f.name, sha256: f.sha256, size: f.data.length, records: f.records })),
    createdAt: started.toISOString(),
    createdBy: session.user.username,
    app: APP_VERSION,
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = signBytes(secrets.signingPrivateKeyPem, manifestBytes);
  const tarGz = await packTarGz([{ name: 'manifest.json', data: manifestBytes }, { name: 'manifest.sig', data: signature }, ...files.map((f) => ({ name: f.name, data: f.data }))], started);
  const encrypted = await encryptTo([recipient], tarGz);
  if (!existsSync(input.outDir)) mkdirSync(input.outDir, { recursive: true });
  const fileName = returnFileName(study.id, input.siteId, sequence, started);
  const file = join(input.outDir, fileName);
  writeFileAtomic(file, encrypted);
  const sha256 = createHash('sha256').update(encrypted).digest('hex');
  const counts = Object.fromEntries(RETURN_SECTIONS.map((name, i) => [name, files[i]!.records]));
  await inWriteTransaction(session.store.db, async (tx) => {
    await insertReturnExport(tx, { siteId: input.siteId, sequence, fileName, sha256, manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'), createdAt: started.toISOString(), createdBy: session.user.username, counts });
    await appendAudit(tx, isoNow(session.clock), session.user.username, [{ action: 'return.export', details: { site: input.siteId, sequence, file: fileName, sha256, ...counts } }]);
  });
  return { file, siteId: input.siteId, sequence, sha256, counts };
}
