// age (X25519) encryption through the age-encryption library, in the format Debian's `age` CLI reads;
// its errors mapped to coded ones. Only X25519 identities: the CLI of Debian 12 cannot read hybrid keys.

import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { AppError } from '../../shared/errors/app-error';

export interface AgeKeyPair {
  readonly identity: string;
  readonly recipient: string;
}

export async function generateAgeKey(): Promise<AgeKeyPair> {
  const identity = await generateX25519Identity();
  return { identity, recipient: await identityToRecipient(identity) };
}

export async function recipientOf(identity: string): Promise<string> {
  return identityToRecipient(identity);
}

export function isAgeRecipient(text: string): boolean {
  return /^age1[02-9ac-hj-np-z]{58}$/.test(text);
}

export async function encryptTo(recipients: readonly string[], plaintext: Uint8Array): Promise<Uint8Array> {
  const encrypter = new Encrypter();
  for (const r of recipients) encrypter.addRecipient(r);
  return encrypter.encrypt(plaintext);
}

/** Maps the library's failures to what they mean for a bundle. */
export function ageError(error: unknown): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/no identity matched/i.test(message)) return new AppError('bundle.wrongRecipient');
  // "invalid version <first line>" for any text file; a binary first line (a plain tar.gz, a zip …) fails
  // age's ASCII check before its version check.
  if (/invalid version|invalid (header|stanza)|non-ASCII byte in header|malformed|base64|unexpected/i.test(message)) return new AppError('bundle.notABundle');
  return new AppError('bundle.corrupt');
}

/** Decrypts a whole file held in memory. */
export async function decryptWith(identities: readonly string[], ciphertext: Uint8Array): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  for (const id of identities) decrypter.addIdentity(id);
  try {
    return await decrypter.decrypt(ciphertext);
  } catch (error) {
    throw ageError(error);
  }
}

/** Decrypts as a stream: the header is checked before this resolves; chunks are authenticated as read. */
export async function decryptStream(identities: readonly string[], ciphertext: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const decrypter = new Decrypter();
  for (const id of identities) decrypter.addIdentity(id);
  try {
    return await decrypter.decrypt(ciphertext);
  } catch (error) {
    throw ageError(error);
  }
}
