// Site kits: the coordinator signs the study definition, its own public keys and the site id; a site
// verifies the kit, the person setting it up confirms the coordinator fingerprint read out of band.

import { readFileSync } from 'node:fs';
import { inWriteTransaction } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import { SiteKit, type SiteKitBody } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { appendAudit } from '../audit/audit-chain';
import { writeFileAtomic } from '../files/write-file-atomic';
import { isoNow } from '../clock';
import { fingerprintOf, normaliseFingerprint, signBytes, verifyBytes } from '../crypto/signing';
import type { Session } from '../store/session';
import { loadDefinitionObject, type LoadedStudy } from '../study/load-definition';
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

export interface VerifiedKit {
  readonly kit: SiteKitBody;
  readonly study: LoadedStudy;
}

/** Parses and verifies a kit; `expectedFingerprint` is what the person read out of band. */
export function verifySiteKit(raw: unknown, expectedFingerprint: string | undefined): VerifiedKit {
  const parsed = SiteKit.safeParse(raw);
  if (!parsed.success) throw new AppError('bundle.badKit', { detail: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
  const { kit, signature } = parsed.data;
  const actual = fingerprintOf(kit.coordinator.signingPublicKeyPem);
  if (actual !== kit.coordinator.fingerprint) throw new AppError('bundle.badKit', { detail: 'coordinator fingerprint does not match its key' });
  if (!verifyBytes(kit.coordinator.signingPublicKeyPem, Buffer.from(canonicalJson(kit), 'utf8'), Buffer.from(signature, 'base64'))) {
    throw new AppError('bundle.badKit', { detail: 'signature does not verify' });
  }
  if (expectedFingerprint === undefined) throw new AppError('bundle.fingerprintUnconfirmed', { found: actual });
  if (normaliseFingerprint(expectedFingerprint) !== actual) throw new AppError('bundle.fingerprintMismatch', { expected: normaliseFingerprint(expectedFingerprint), found: actual });
  const study = loadDefinitionObject(kit.definition);
  if (study.hash !== kit.definitionHash || study.definition.id !== kit.studyId) throw new AppError('bundle.badKit', { detail: 'study definition does not match its hash' });
  return { kit, study };
}

export function readKitFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    throw new AppError('bundle.badKit', { detail: 'not a JSON file' });
  }
}

/** The fingerprint to show before confirmation, from an unverified kit. */
export function kitFingerprint(raw: unknown): string {
  const parsed = SiteKit.safeParse(raw);
  if (!parsed.success) throw new AppError('bundle.badKit', { detail: 'not a site kit' });
  return fingerprintOf(parsed.data.kit.coordinator.signingPublicKeyPem);
}
