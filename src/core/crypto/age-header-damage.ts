// Telling a damaged age header from one made for other recipients. age's X25519 stanzas do not say whom
// they are for, so a stanza of ours with one character changed looks like a stranger's, and the library
// can only say "no identity matched". When it does, each character of each X25519 stanza is tried again
// with one bit flipped (what a bad sector or a worn stick does): if a variant opens with one of our keys,
// the header was ours and is damaged. The unwrap is age's own (age-encryption.org/v1, "X25519 recipient
// type": HKDF-SHA-256 over the shared secret, salted with the share and our public key, then
// ChaCha20-Poly1305 with a zero nonce), done with Node's crypto: a few hundred tries take milliseconds.
// It only decides which error to report; nothing it opens is used.

import { createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, type KeyObject } from 'node:crypto';

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BASE64 = /^[A-Za-z0-9+/]$/;
const LABEL = 'age-encryption.org/v1/X25519';
/** The arguments of an X25519 stanza: its type and the 32-byte ephemeral share in unpadded base64. */
const X25519_ARGS = /^X25519 ([A-Za-z0-9+/]{43})$/;
// DER prefixes of X25519 keys (RFC 8410): PKCS #8 for a private key, SubjectPublicKeyInfo for a public one.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

interface OurKey {
  readonly privateKey: KeyObject;
  readonly publicRaw: Buffer;
}

/** The 32 key bytes of an `AGE-SECRET-KEY-1…` identity (bech32; the checksum was checked when it was stored). */
function identityBytes(identity: string): Buffer | undefined {
  const text = identity.toLowerCase();
  if (!text.startsWith('age-secret-key-1')) return undefined;
  const data = text.slice(text.lastIndexOf('1') + 1, -6);
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const ch of data) {
    const v = BECH32.indexOf(ch);
    if (v < 0) return undefined;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return out.length === 32 ? Buffer.from(out) : undefined;
}

function ourKey(identity: string): OurKey | undefined {
  const raw = identityBytes(identity);
  if (!raw) return undefined;
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicRaw: createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32) };
}

/** The key that wraps a file key for `key` in a stanza with this ephemeral share (undefined: no usable share). */
function wrapKeyOf(key: OurKey, share: Buffer): Buffer | undefined {
  if (share.length !== 32) return undefined;
  try {
    const secret = diffieHellman({ privateKey: key.privateKey, publicKey: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, share]), format: 'der', type: 'spki' }) });
    return Buffer.from(hkdfSync('sha256', secret, Buffer.concat([share, key.publicRaw]), LABEL, 32));
  } catch {
    return undefined;
  }
}

/** Whether the 32-byte stanza body is a file key wrapped with `wrapKey` (its Poly1305 tag verifies). */
function unwraps(wrapKey: Buffer | undefined, body: Buffer): boolean {
  if (!wrapKey || body.length !== 32) return false;
  const decipher = createDecipheriv('chacha20-poly1305', wrapKey, Buffer.alloc(12), { authTagLength: 16 });
  decipher.setAuthTag(body.subarray(16));
  decipher.update(body.subarray(0, 16));
  try {
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

/** The text with each character in turn flipped by one bit, where the result is still of the kind `keep` accepts. */
function* oneBitAway(text: string, keep: (ch: string) => boolean): Generator<string> {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    for (let bit = 0; bit < 7; bit += 1) {
      const ch = String.fromCharCode(code ^ (1 << bit));
      if (keep(ch)) yield `${text.slice(0, i)}${ch}${text.slice(i + 1)}`;
    }
  }
}

const isBase64 = (ch: string): boolean => BASE64.test(ch);
const isPrintable = (ch: string): boolean => ch >= ' ' && ch <= '~';
const bytesOf = (base64: string): Buffer => Buffer.from(base64, 'base64');

/** The ephemeral share of an X25519 stanza's arguments ("X25519 <share>"), or undefined for anything else. */
function shareOf(args: string): Buffer | undefined {
  const match = X25519_ARGS.exec(args);
  return match ? bytesOf(match[1]!) : undefined;
}

/** A stanza of ours, damaged: its arguments (type, separator, share) or its wrapped key one bit away from what opens with `key`. */
function damagedStanzaFor(key: OurKey, args: string, bodyLine: string): boolean {
  const body = bytesOf(bodyLine);
  const share = shareOf(args);
  if (share) {
    const wrapKey = wrapKeyOf(key, share);
    for (const variant of oneBitAway(bodyLine, isBase64)) if (unwraps(wrapKey, bytesOf(variant))) return true;
  }
  for (const variant of oneBitAway(args, isPrintable)) {
    const changed = shareOf(variant);
    if (changed && unwraps(wrapKeyOf(key, changed), body)) return true;
  }
  return false;
}

/**
 * Whether a header that opened for none of `identities` holds a stanza for one of them with one bit
 * changed. `head` is the start of the file (it must hold the whole header, up to its MAC line).
 */
export function headerDamagedForUs(identities: readonly string[], head: Uint8Array): boolean {
  const text = Buffer.from(head).toString('latin1');
  const end = text.indexOf('\n--- ');
  if (end < 0) return false;
  const lines = text.slice(0, end).split('\n');
  const keys = identities.map(ourKey).filter((k): k is OurKey => k !== undefined);
  for (let i = 1; i + 1 < lines.length; i += 1) {
    const line = lines[i]!;
    if (!line.startsWith('-> ')) continue;
    const bodyLine = lines[i + 1]!;
    if (keys.some((key) => damagedStanzaFor(key, line.slice(3), bodyLine))) return true;
  }
  return false;
}
