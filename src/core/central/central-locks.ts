// `edc central lock|unlock`: the centre freezes a subject, a site or the whole study (and lifts it, with a
// reason). The lock goes to the sites in their return bundles. A study lock also writes a lock certificate
// signed by the coordinator key: the content digest of the locked data, when, who and why.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findSite } from '../../db/repositories/central.repository';
import { deleteCentralLock, insertCentralLock, listCentralLocks } from '../../db/repositories/return-exchange.repository';
import { findSubject } from '../../db/repositories/subjects.repository';
import { inWriteTransaction } from '../../db/transaction';
import { canonicalJson } from '../../shared/canonical-json';
import type { CentralLock, LockScope } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';
import { isoNow } from '../clock';
import { signBytes } from '../crypto/signing';
import { writeFileAtomic } from '../files/write-file-atomic';
import { appendAudit } from '../store/audit-chain';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { centralDigest } from './central-digest';
import { coordinatorSecrets } from './coordinator-init';

export interface LockTarget {
  readonly scope: LockScope;
  /** Subject or site id; absent for the study. */
  readonly target?: string;
  readonly reason: string;
}

export interface LockCertificate {
  readonly certificate: {
    readonly format: 'edc-lock-certificate/1';
    readonly studyId: string;
    readonly lockId: string;
    readonly contentDigest: string;
    readonly lockedAt: string;
    readonly lockedBy: string;
    readonly reason: string;
    readonly coordinatorFingerprint: string;
  };
  /** Ed25519 (base64) of the canonical JSON of `certificate`, by the coordinator key. */
  readonly signature: string;
}

export function lockCertificatesDir(coordinatorDir: string): string {
  return join(coordinatorDir, 'locks');
}

/** The certificate files of study locks, newest last (exports made while the study is locked name the last). */
export function lockCertificateFiles(coordinatorDir: string): string[] {
  const dir = lockCertificatesDir(coordinatorDir);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.lock-certificate.json')).sort() : [];
}

/** The certificate's file name in the coordinator folder's locks/ (exports name it). */
export function certificateFileName(studyId: string, lock: Pick<CentralLock, 'lockedAt' | 'lockId'>): string {
  return `${studyId}_${lock.lockedAt.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}_${lock.lockId.slice(0, 8)}.lock-certificate.json`;
}

function sameTarget(lock: CentralLock, scope: LockScope, target: string | null): boolean {
  return lock.scope === scope && lock.target === target;
}

export async function lockCentral(session: Session, input: LockTarget & { coordinatorDir: string }): Promise<{ lock: CentralLock; certificateFile: string | null }> {
  requireRole(session.user.role, 'central.lock');
  const target = input.scope === 'study' ? null : (input.target ?? '');
  if (input.scope === 'subject' && !(await findSubject(session.store.db, target!))) throw new AppError('lock.unknownTarget', { scope: input.scope, target: target! });
  if (input.scope === 'site' && !(await findSite(session.store.db, target!))) throw new AppError('lock.unknownTarget', { scope: input.scope, target: target! });
  const secrets = await coordinatorSecrets(session.store.db);
  return inWriteTransaction(session.store.db, async (tx) => {
    if ((await listCentralLocks(tx)).some((l) => sameTarget(l, input.scope, target))) throw new AppError('lock.exists', { scope: input.scope, target: target ?? session.study.definition.id });
    const at = isoNow(session.clock);
    const lockId = randomBytes(16).toString('hex');
    let certificateFile: string | null = null;
    let certificateSha256: string | null = null;
    if (input.scope === 'study') {
      const certificate: LockCertificate['certificate'] = {
        format: 'edc-lock-certificate/1',
        studyId: session.study.definition.id,
        lockId,
        contentDigest: await centralDigest(tx),
        lockedAt: at,
        lockedBy: session.user.username,
        reason: input.reason,
        coordinatorFingerprint: secrets.fingerprint,
      };
      const signed: LockCertificate = { certificate, signature: signBytes(secrets.signingPrivateKeyPem, Buffer.from(canonicalJson(certificate), 'utf8')).toString('base64') };
      const text = `${JSON.stringify(signed, null, 2)}\n`;
      const dir = lockCertificatesDir(input.coordinatorDir);
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
      certificateFile = join(dir, certificateFileName(certificate.studyId, { lockedAt: at, lockId }));
      writeFileAtomic(certificateFile, text);
      certificateSha256 = createHash('sha256').update(text).digest('hex');
    }
    const lock: CentralLock = { lockId, scope: input.scope, target, reason: input.reason, lockedAt: at, lockedBy: session.user.username, certificateSha256 };
    await insertCentralLock(tx, lock);
    await appendAudit(tx, at, session.user.username, [{ action: 'central.lock', subject_id: input.scope === 'subject' ? target : null, reason: input.reason, details: { lockId, scope: input.scope, target, certificateSha256 } }]);
    return { lock, certificateFile };
  });
}

export async function unlockCentral(session: Session, input: LockTarget): Promise<CentralLock> {
  requireRole(session.user.role, 'central.lock');
  const target = input.scope === 'study' ? null : (input.target ?? '');
  return inWriteTransaction(session.store.db, async (tx) => {
    const lock = (await listCentralLocks(tx)).find((l) => sameTarget(l, input.scope, target));
    if (!lock) throw new AppError('lock.notLocked', { scope: input.scope, target: target ?? session.study.definition.id });
    await deleteCentralLock(tx, lock.lockId);
    await appendAudit(tx, isoNow(session.clock), session.user.username, [{ action: 'central.unlock', subject_id: input.scope === 'subject' ? target : null, reason: input.reason, details: { lockId: lock.lockId, scope: lock.scope, target } }]);
    return lock;
  });
}
