// PostgreSQL has no at-rest encryption of its own, and the meta table holds the coordinator's secret keys:
// on that dialect every meta value is sealed with the store's key (AES-256-GCM, the meta key as associated
// data, so a value moved to another key's row does not open). SQLite stores are encrypted whole.

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../shared/errors/app-error';

const PREFIX = 'sealed1:';

export function sealMeta(key: Buffer, name: string, value: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`edc-meta/1|${name}`, 'utf8'));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unsealMeta(key: Buffer, name: string, stored: string): string {
  // A value that does not open with this key: the keyring and the database are not a pair.
  if (!stored.startsWith(PREFIX)) throw new AppError('store.notADatabase');
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(`edc-meta/1|${name}`, 'utf8'));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new AppError('store.notADatabase');
  }
}
