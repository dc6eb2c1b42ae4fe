// `edc coordinator export-identity`: the plain age identity, for escrow and for the stock `age` CLI.

import { inWriteTransaction } from '../../db/transaction';
import { appendAudit } from '../store/audit-chain';
import { writeFileAtomic } from '../files/write-file-atomic';
import { isoNow } from '../clock';
import type { Session } from '../store/session';
import { coordinatorSecrets } from './coordinator-init';

export async function exportCoordinatorIdentity(session: Session, outFile: string): Promise<{ recipient: string }> {
  const secrets = await coordinatorSecrets(session.store.db);
  const text = [
    '# EDC coordinating centre age identity (X25519). SECRET: it decrypts every site bundle.',
    '# Keep it offline (escrow); use with: age -d -i THIS_FILE bundle.edcbundle | tar -xz',
    `# public key: ${secrets.recipient}`,
    secrets.ageIdentity,
    '',
  ].join('\n');
  writeFileAtomic(outFile, text);
  await inWriteTransaction(session.store.db, (tx) => appendAudit(tx, isoNow(session.clock), session.user.username, [{ action: 'coordinator.exportIdentity', details: { file: outFile } }]));
  return { recipient: secrets.recipient };
}
