// Envelope encryption of the database key: AES-256-GCM under a key derived from a password or the
// recovery code, bound by associated data to the store and the slot it belongs to.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_KDF, deriveKey, KdfParams } from './kdf';

export const WrappedKey = z.strictObject({
  kdf: KdfParams,
  cipher: z.literal('aes-256-gcm'),
  iv: z.string().regex(/^[A-Za-z0-9+/]{16}$/),
  tag: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
  data: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

export async function wrapKey(dbKey: Buffer, secret: string, aad: string): Promise<WrappedKey> {
  const kdf: KdfParams = { ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
  const kek = await deriveKey(secret, kdf);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  kek.fill(0);
  return { kdf, cipher: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The database key, or undefined when the secret (or the slot's binding) is wrong. */
export async function unwrapKey(wrapped: WrappedKey, secret: string, aad: string): Promise<Buffer | undefined> {
  const kek = await deriveKey(secret, wrapped.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(wrapped.data, 'base64')), decipher.final()]);
  } catch {
    return undefined;
  } finally {
    kek.fill(0);
  }
}
