// Failed logins of names that are no user: counted and locked like a real user's, so neither the answer nor
// its timing tells which user names exist (issue 11: "the answer must not reveal which user names exist").

import { createHash } from 'node:crypto';
import { DEFAULT_KDF, deriveKey } from '../keys/kdf';
import { MAX_UNKNOWN_NAMES, type FailureCounter, type Keyring } from '../keys/keyring';

/**
 * The keyring's key for an unknown name: Argon2id of the name with the same parameters as a password check,
 * so answering an unknown name costs what checking a real user's password costs, and a password typed into
 * the name box is kept only behind that slow hash. The salt is fixed per store so the same name finds its counter.
 */
export async function unknownNameTag(storeId: string, username: string): Promise<string> {
  const salt = createHash('sha256').update(`edc-unknown-name|${storeId}`).digest().subarray(0, 16).toString('base64');
  const derived = await deriveKey(username, { ...DEFAULT_KDF, salt });
  const tag = derived.toString('hex');
  derived.fill(0);
  return tag;
}

/** The counter of an unknown name as last written, or a fresh one. */
export function unknownNameCounter(keyring: Keyring, tag: string): FailureCounter {
  const names = keyring.unknownNames ?? {};
  return Object.hasOwn(names, tag) ? names[tag]! : { failures: 0, lockedUntil: null, updatedAt: '' };
}

/** Stores an unknown name's counter, dropping the least recently failed ones beyond the limit. */
export function storeUnknownNameCounter(keyring: Keyring, tag: string, counter: FailureCounter): void {
  const names = { ...(keyring.unknownNames ?? {}), [tag]: counter };
  const tags = Object.keys(names);
  if (tags.length > MAX_UNKNOWN_NAMES) {
    const oldest = tags.filter((t) => t !== tag).sort((a, b) => names[a]!.updatedAt.localeCompare(names[b]!.updatedAt));
    for (const t of oldest.slice(0, tags.length - MAX_UNKNOWN_NAMES)) delete names[t];
  }
  keyring.unknownNames = names;
}
