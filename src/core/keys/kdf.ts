// Password-based key derivation: Argon2id at OWASP's recommended minimum or stronger (m=19 MiB, t=2, p=1).

import { hashRaw, type Options } from '@node-rs/argon2';
import { z } from 'zod';

export const KdfParams = z.strictObject({
  alg: z.literal('argon2id'),
  /** KiB */
  memoryCost: z.number().int().min(19_456).max(4_194_304),
  timeCost: z.number().int().min(2).max(20),
  parallelism: z.number().int().min(1).max(16),
  salt: z.string().regex(/^[A-Za-z0-9+/]{22,}={0,2}$/),
});
export type KdfParams = z.infer<typeof KdfParams>;

/** OWASP Password Storage Cheat Sheet, Argon2id option "m=19456 (19 MiB), t=2, p=1". */
export const DEFAULT_KDF = { alg: 'argon2id', memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// @node-rs/argon2 types Algorithm as a const enum, which isolated modules cannot read; 2 is Argon2id.
const ARGON2ID = 2 as unknown as NonNullable<Options['algorithm']>;

export async function deriveKey(secret: string, params: KdfParams): Promise<Buffer> {
  return hashRaw(secret.normalize('NFC'), {
    algorithm: ARGON2ID,
    memoryCost: params.memoryCost,
    timeCost: params.timeCost,
    parallelism: params.parallelism,
    outputLen: 32,
    salt: Buffer.from(params.salt, 'base64'),
  });
}
