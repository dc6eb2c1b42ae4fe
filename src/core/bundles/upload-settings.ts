// The coordinator's HTTPS address a site may upload to, set by an admin and kept in the store.

import { getMeta, setMeta } from '../../db/repositories/meta.repository';
import { inWriteTransaction } from '../../db/transaction';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import { bundlesEndpoint } from './upload-client';

export async function setUploadUrl(session: Session, url: string | null, ca?: string | null): Promise<void> {
  requireRole(session.user.role, 'site.settings');
  if (url !== null) bundlesEndpoint(url);
  await inWriteTransaction(session.store.db, async (tx) => {
    await setMeta(tx, 'upload_url', url ?? '');
    if (ca !== undefined) await setMeta(tx, 'upload_ca', ca ?? '');
    await appendAudit(tx, isoNow(session.clock), session.user.username, [{ action: 'site.uploadUrl', new_value: url, details: { ca: ca === undefined ? 'unchanged' : ca === null ? 'none' : 'set' } }]);
  });
}

/** The CA certificate configured for the coordinator, if any. */
export async function uploadCa(session: Session): Promise<string | undefined> {
  return (await getMeta(session.store.db, 'upload_ca')) || undefined;
}
