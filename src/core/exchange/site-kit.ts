// Site kits as a site reads them: parse and verify the coordinator's signature; the person setting the site
// up confirms the coordinator fingerprint read out of band. (The centre issues kits in central/issue-site-kit.)

import { readFileSync } from 'node:fs';
import { canonicalJson } from '../../shared/canonical-json';
import { SiteKit, type SiteKitBody } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';
import { zodIssues } from '../../shared/errors/zod-issues';
import { fingerprintOf, normaliseFingerprint, verifyBytes } from '../crypto/signing';
import { loadDefinitionObject, type LoadedStudy } from '../study/load-definition';

export interface VerifiedKit {
  readonly kit: SiteKitBody;
  readonly study: LoadedStudy;
}

/** Parses and verifies a kit; `expectedFingerprint` is what the person read out of band. */
export function verifySiteKit(raw: unknown, expectedFingerprint: string | undefined): VerifiedKit {
  const parsed = SiteKit.safeParse(raw);
  if (!parsed.success) throw new AppError('bundle.badKit', { detail: zodIssues(SiteKit, raw, parsed.error, 3) });
  const { kit, signature } = parsed.data;
  const actual = fingerprintOf(kit.coordinator.signingPublicKeyPem);
  if (actual !== kit.coordinator.fingerprint) throw new AppError('bundle.badKit', { detail: problemDetail('fingerprintOfKey') });
  if (!verifyBytes(kit.coordinator.signingPublicKeyPem, Buffer.from(canonicalJson(kit), 'utf8'), Buffer.from(signature, 'base64'))) {
    throw new AppError('bundle.badKit', { detail: problemDetail('signatureInvalid') });
  }
  if (expectedFingerprint === undefined) throw new AppError('bundle.fingerprintUnconfirmed', { found: actual });
  if (normaliseFingerprint(expectedFingerprint) !== actual) throw new AppError('bundle.fingerprintMismatch', { expected: normaliseFingerprint(expectedFingerprint), found: actual });
  const study = loadDefinitionObject(kit.definition);
  if (study.hash !== kit.definitionHash || study.definition.id !== kit.studyId) throw new AppError('bundle.badKit', { detail: problemDetail('definitionHash') });
  return { kit, study };
}

export function readKitFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    throw new AppError('bundle.badKit', { detail: problemDetail('notJsonFile') });
  }
}

/** The fingerprint to show before confirmation, from an unverified kit. */
export function kitFingerprint(raw: unknown): string {
  const parsed = SiteKit.safeParse(raw);
  if (!parsed.success) throw new AppError('bundle.badKit', { detail: problemDetail('notASiteKit') });
  return fingerprintOf(parsed.data.kit.coordinator.signingPublicKeyPem);
}
