// The return bundle the upload server hands a site in its answer: after a bundle is merged, a fresh one (the
// receipt, queries, locks and amendments now pending for the site), kept in DIR/returns; after a bundle the
// centre already had, the latest one kept there, so a re-upload changes nothing. None for a site whose age
// recipient the centre does not know yet.

import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { lastReturnExport, siteRecipient } from '../../db/repositories/return-exchange.repository';
import type { Session } from '../store/session';
import { exportReturn } from './export-return';

/** As it travels in the JSON answer: the encrypted file in base64, with its name and SHA-256 for the site to check. */
export interface UploadedReturn {
  readonly fileName: string;
  readonly sequence: number;
  readonly sha256: string;
  readonly data: string;
}

export function returnsDir(serverDir: string): string {
  return join(serverDir, 'returns');
}

export async function returnForUpload(session: Session, serverDir: string, siteId: string, merged: boolean): Promise<UploadedReturn | null> {
  if (!(await siteRecipient(session.store.db, siteId))) return null;
  const dir = returnsDir(serverDir);
  if (merged) {
    const exported = await exportReturn(session, { siteId, outDir: dir });
    return { fileName: basename(exported.file), sequence: exported.sequence, sha256: exported.sha256, data: readFileSync(exported.file).toString('base64') };
  }
  const last = await lastReturnExport(session.store.db, siteId);
  if (!last || !existsSync(join(dir, last.fileName))) return null;
  return { fileName: last.fileName, sequence: last.sequence, sha256: last.sha256, data: readFileSync(join(dir, last.fileName)).toString('base64') };
}
