// age (X25519) encryption through the age-encryption library, in the format Debian's `age` CLI reads;
// its errors mapped to coded ones. Only X25519 identities: the CLI of Debian 12 cannot read hybrid keys.

import { Decrypter, Encrypter, generateX25519Identity, identityToRecipient } from 'age-encryption';
import { AppError } from '../../shared/errors/app-error';
import { headerDamagedForUs } from './age-header-damage';

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

// Every age file opens with this line (age-encryption.org/v1, "Header"). A file that does (give or take
// one flipped bit) is an age file: whatever then fails to parse or authenticate is damage. One that does
// not is some other file.
const VERSION_LINE = new TextEncoder().encode('age-encryption.org/v1\n');
/** Enough of a file's start to hold its whole header (ours: about 300 bytes). */
const HEAD_BYTES = 16 * 1024;

/** How many bytes of a file's start `opensAsAge` looks at. */
export const AGE_VERSION_LINE_BYTES = VERSION_LINE.length;

export function opensAsAge(head: Uint8Array): boolean {
  let flipped = 0;
  for (let i = 0; i < VERSION_LINE.length; i += 1) {
    let diff = (head[i] ?? 0) ^ VERSION_LINE[i]!;
    for (; diff !== 0; diff &= diff - 1) flipped += 1;
  }
  return flipped <= 1;
}

/**
 * Maps the library's failures to what they mean for a bundle. A header that parses and authenticates
 * nothing for our identities is for other recipients; a file that opens as age but whose header does not
 * parse, or whose MAC fails, or whose payload does not authenticate, is damaged (`ageFile`: it opened with
 * the version line); anything else is not an age file at all.
 */
export function ageError(error: unknown, ageFile = true): AppError {
  const message = error instanceof Error ? error.message : String(error);
  if (/no identity matched/i.test(message)) return new AppError('bundle.wrongRecipient');
  return new AppError(ageFile ? 'bundle.corrupt' : 'bundle.notABundle');
}

/** The coded error of a failed decryption, given the file's first bytes (see ageError and age-header-damage.ts). */
function decryptionError(error: unknown, identities: readonly string[], head: Uint8Array): AppError {
  const coded = ageError(error, opensAsAge(head));
  // No stanza opened: one of ours may be there, damaged.
  if (coded.code === 'bundle.wrongRecipient' && headerDamagedForUs(identities, head)) return new AppError('bundle.corrupt');
  return coded;
}

/** Decrypts a whole file held in memory. */
export async function decryptWith(identities: readonly string[], ciphertext: Uint8Array): Promise<Uint8Array> {
  const decrypter = new Decrypter();
  for (const id of identities) decrypter.addIdentity(id);
  try {
    return await decrypter.decrypt(ciphertext);
  } catch (error) {
    throw decryptionError(error, identities, ciphertext.subarray(0, HEAD_BYTES));
  }
}

/** Passes a stream through, keeping its first bytes: enough to tell an age file from another, and to probe its header. */
function keepingHead(input: ReadableStream<Uint8Array>): { readonly stream: ReadableStream<Uint8Array>; head(): Uint8Array } {
  const head = new Uint8Array(HEAD_BYTES);
  let kept = 0;
  const stream = input.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if (kept < head.length) {
          const part = chunk.subarray(0, head.length - kept);
          head.set(part, kept);
          kept += part.length;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return { stream, head: () => head.subarray(0, kept) };
}

/** Decrypts as a stream: the header is checked before this resolves; chunks are authenticated as read. */
export async function decryptStream(identities: readonly string[], ciphertext: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const decrypter = new Decrypter();
  for (const id of identities) decrypter.addIdentity(id);
  const watched = keepingHead(ciphertext);
  try {
    return await decrypter.decrypt(watched.stream);
  } catch (error) {
    throw decryptionError(error, identities, watched.head());
  }
}
