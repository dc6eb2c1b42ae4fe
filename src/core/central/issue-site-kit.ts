// Issuing a site kit: the coordinator signs the study definition, its own public keys and the site id.

import { inWriteTransaction } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import type { SiteKit, SiteKitBody } from '../../shared/contract/bundles';
import { isoNow } from '../clock';
import { signBytes } from '../crypto/signing';
import { writeFileAtomic } from '../files/write-file-atomic';
import { appendAudit } from '../store/audit-chain';
import type { Session } from '../store/session';
import { coordinatorSecrets } from './coordinator-init';

export async function issueSiteKit(session: Session, input: { siteId: string; siteName: string; outFile: string }): Promise<SiteKit> {
  const secrets = await coordinatorSecrets(session.store.db);
  const kit: SiteKitBody = {
    format: 'edc-site-kit/1',
    siteId: input.siteId,
    siteName: input.siteName,
    studyId: session.study.definition.id,
    definitionHash: session.study.hash,
    definition: session.study.definition,
    coordinator: { recipient: secrets.recipient, signingPublicKeyPem: secrets.signingPublicKeyPem, fingerprint: secrets.fingerprint },
    issuedAt: isoNow(session.clock),
  };
  const signature = signBytes(secrets.signingPrivateKeyPem, Buffer.from(canonicalJson(kit), 'utf8')).toString('base64');
  const file: SiteKit = { kit, signature };
  writeFileAtomic(input.outFile, `${JSON.stringify(file)}\n`);
  await inWriteTransaction(session.store.db, (tx) =>
    appendAudit(tx, kit.issuedAt, session.user.username, [{ action: 'sitekit.issue', details: { site: input.siteId, siteName: input.siteName, definitionHash: kit.definitionHash } }]),
  );
  return file;
}
