// Site kits as a site reads them: parse and verify the coordinator's signature; the person setting the site
// up confirms the coordinator fingerprint read out of band. (The centre issues kits in central/issue-site-kit.)

import { readFileSync, statSync } from 'node:fs';
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

/** Far above any kit (a study definition of thousands of fields is a few megabytes): a bound on what is read. */
const KIT_MAX_BYTES = 32 * 1024 * 1024;

/** A kit file's JSON; a path that is no readable regular file is an input error, not a bad kit. */
export function readKitFile(file: string): unknown {
  let text: string;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > KIT_MAX_BYTES) throw new AppError('bundle.badKit', { detail: problemDetail('notASiteKit') });
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('input.file', { file });
  }
  try {
    return JSON.parse(text) as unknown;
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
