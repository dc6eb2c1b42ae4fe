// The key a site signs its upload requests with: its own signing key, the one the centre pinned.

import type { Session } from '../store/session';
import { requireSiteKeys } from './site-identity';
import type { UploadSigner } from './upload-client';

export async function uploadSigner(session: Session): Promise<UploadSigner> {
  const keys = await requireSiteKeys(session.store.db);
  return { siteId: session.info.siteId, privateKeyPem: keys.signingPrivateKeyPem };
}
