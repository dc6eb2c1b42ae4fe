// Ed25519 signing keys through node:crypto: raw signatures that `openssl pkeyutl -verify -rawin` checks,
// PEM (SPKI / PKCS#8) encodings, and fingerprints (SHA-256 of the public key's SPKI DER).

import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../shared/errors/app-error';

export interface SigningKeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
  readonly fingerprint: string;
}

export function generateSigningKey(): SigningKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem, fingerprint: fingerprintOf(publicKey) };
}

export function publicKeyFromPem(pem: string): KeyObject {
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new AppError('bundle.badKey');
  }
}

export function fingerprintOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? publicKeyFromPem(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** A fingerprint as people read it aloud: 16 groups of 4 hex digits. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{4}/g)?.join(' ') ?? fingerprint;
}

/** Accepts a fingerprint typed with spaces, colons or dashes, in any case. */
export function normaliseFingerprint(typed: string): string {
  return typed.toLowerCase().replace(/[\s:-]/g, '');
}

export function signBytes(privateKeyPem: string, data: Uint8Array): Buffer {
  return sign(null, data, createPrivateKey({ key: privateKeyPem, format: 'pem' }));
}

export function verifyBytes(publicKeyPem: string, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    return verify(null, data, publicKeyFromPem(publicKeyPem), signature);
  } catch {
    return false;
  }
}
