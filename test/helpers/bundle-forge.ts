// Forging bundles for adversarial tests: opens a real exported bundle (age-decrypt with the coordinator
// identity, gunzip, untar), lets a test change entries, records or the manifest, re-signs with the site
// key (or any other key, or not at all), re-packs and re-encrypts — all in memory, so thousands of
// hostile variants cost little.

import { createCipheriv, createHash, createHmac, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { requireSiteKeys } from '../../src/core/bundles/site-identity';
import { packTarGz } from '../../src/core/exchange/tar-pack';
import { coordinatorSecrets } from '../../src/core/central/coordinator-init';
import { decryptWith, encryptTo } from '../../src/core/crypto/age';
import { generateSigningKey, signBytes } from '../../src/core/crypto/signing';
import type { Session } from '../../src/core/store/session';
import type { AuditRecord } from '../../src/shared/contract/bundle-records';
import { BUNDLE_FILES, BundleManifest, type BundleFileName } from '../../src/shared/contract/bundles';

import { GENESIS_HASH } from '../../src/core/store/audit-chain';
export { rechainAudit } from './audit-forge';

export type EntryType = tar.Header['type'];

export interface TarEntry {
  readonly name: string;
  readonly data: Buffer;
  readonly type?: EntryType;
  readonly linkname?: string;
}

export type BundleFiles = Readonly<Record<BundleFileName, Buffer>>;

export interface OpenedBundle {
  readonly tarGz: Buffer;
  readonly entries: readonly TarEntry[];
  readonly manifest: BundleManifest;
  readonly manifestBytes: Buffer;
  readonly signature: Buffer;
  readonly files: BundleFiles;
}

export interface ForgeKeys {
  /** The coordinator's age recipient (what a genuine site encrypts to). */
  readonly recipient: string;
  /** The coordinator's age identity, to open bundles. */
  readonly identity: string;
  /** The genuine site signing key. */
  readonly sitePrivateKeyPem: string;
  readonly sitePublicKeyPem: string;
  readonly siteFingerprint: string;
}

export async function forgeKeys(central: Session, site: Session): Promise<ForgeKeys> {
  const coordinator = await coordinatorSecrets(central.store.db);
  const keys = await requireSiteKeys(site.store.db);
  return {
    recipient: coordinator.recipient,
    identity: coordinator.ageIdentity,
    sitePrivateKeyPem: keys.signingPrivateKeyPem,
    sitePublicKeyPem: keys.signingPublicKeyPem,
    siteFingerprint: keys.fingerprint,
  };
}

export async function untar(tarBytes: Buffer): Promise<TarEntry[]> {
  const extract = tar.extract();
  const entries: TarEntry[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const { name, type, linkname } = entry.header;
      entries.push({ name, data: Buffer.concat(chunks), ...(type ? { type } : {}), ...(linkname ? { linkname } : {}) });
    }
  })();
  extract.end(tarBytes);
  await done;
  return entries;
}

/** Decrypts and unpacks a bundle; throws if it is not a well-formed genuine bundle. */
export async function openBundle(bytes: Uint8Array, identity: string): Promise<OpenedBundle> {
  const tarGz = Buffer.from(await decryptWith([identity], bytes));
  const entries = await untar(gunzipSync(tarGz));
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  const manifestBytes = byName.get('manifest.json');
  const signature = byName.get('manifest.sig');
  if (!manifestBytes || !signature) throw new Error('not a bundle: manifest missing');
  const files = Object.fromEntries(
    BUNDLE_FILES.map((name) => {
      const data = byName.get(name);
      if (!data) throw new Error(`not a bundle: ${name} missing`);
      return [name, data];
    }),
  ) as Record<BundleFileName, Buffer>;
  return { tarGz, entries, manifest: BundleManifest.parse(JSON.parse(manifestBytes.toString('utf8'))), manifestBytes, signature, files };
}

export function ndjsonLines(data: Buffer): string[] {
  const text = data.toString('utf8');
  if (text === '') return [];
  return text.replace(/\n$/, '').split('\n');
}

export function toNdjson(lines: readonly string[]): Buffer {
  return Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
}

export function parseNdjson<T>(data: Buffer): T[] {
  return ndjsonLines(data).map((l) => JSON.parse(l) as T);
}

export function recordsToNdjson(records: readonly unknown[]): Buffer {
  return toNdjson(records.map((r) => JSON.stringify(r)));
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The manifest a genuine site would write for these files: file list, counts and audit head recomputed. */
export function restate(manifest: BundleManifest, files: BundleFiles): BundleManifest {
  // The head is the last line that looks like an audit record (a test may have put junk lines in).
  const last = ndjsonLines(files['audit.ndjson'])
    .map((line): Partial<AuditRecord> | undefined => {
      try {
        const value = JSON.parse(line) as unknown;
        return value !== null && typeof value === 'object' ? (value as Partial<AuditRecord>) : undefined;
      } catch {
        return undefined;
      }
    })
    .filter((r): r is AuditRecord => typeof r?.id === 'number' && typeof r.hash === 'string' && /^[0-9a-f]{64}$/.test(r.hash))
    .pop();
  const count = (name: BundleFileName): number => ndjsonLines(files[name]).length;
  return {
    ...manifest,
    auditHead: { entries: last?.id ?? 0, hash: last?.hash ?? GENESIS_HASH },
    files: BUNDLE_FILES.map((name) => ({ name, sha256: sha256(files[name]), size: files[name].length, records: count(name) })),
    counts: { subjects: count('subjects.ndjson'), formInstances: count('form_instances.ndjson'), auditEntries: count('audit.ndjson') },
  };
}

export function manifestToBytes(manifest: unknown): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** A manifest naming another signing key (PEM and fingerprint), e.g. an attacker's. */
export function withSiteKey(manifest: BundleManifest, key: { publicKeyPem: string; fingerprint: string }): BundleManifest {
  return { ...manifest, site: { ...manifest.site, publicKeyPem: key.publicKeyPem, keyFingerprint: key.fingerprint } };
}

export function newSigningKey(): ReturnType<typeof generateSigningKey> {
  return generateSigningKey();
}

/** Packs entries of any type (links, directories, devices …) into an uncompressed tar. */
export async function packTar(entries: readonly TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    pack.on('data', (c) => chunks.push(c as Buffer));
    pack.on('end', () => resolve());
    pack.on('error', reject);
  });
  const mtime = new Date('2026-11-25T10:00:00Z');
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header: Partial<tar.Header> & { name: string } = { name: e.name, mode: type === 'directory' ? 0o755 : 0o644, mtime, type, uname: 'edc', gname: 'edc' };
    if (e.linkname !== undefined) header.linkname = e.linkname;
    await new Promise<void>((resolve, reject) => {
      if (type === 'file' || type === 'contiguous-file') pack.entry({ ...header, size: e.data.length }, e.data, (error) => (error ? reject(error) : resolve()));
      else pack.entry({ ...header, size: 0 }, (error) => (error ? reject(error) : resolve()));
    });
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

export function gzip(data: Buffer, level = 6): Buffer {
  return gzipSync(data, { level });
}

// ---- age v1 encryption with Node's native X25519, HKDF and ChaCha20-Poly1305 -------------------------
// The same file format as encryptTo (age-encryption.org/v1, X25519 stanzas, 64 KiB STREAM chunks), but
// about ten times faster than the pure-JS library, so thousands of forgeries stay cheap. The centre reads
// these files with the product's own decryption; `sealWithLibrary` uses encryptTo itself.

const BECH32 = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';

function bech32Bytes(text: string): Buffer {
  const data = text.slice(text.lastIndexOf('1') + 1, -6);
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const ch of data) {
    const v = BECH32.indexOf(ch);
    if (v < 0) throw new Error(`not bech32: ${text}`);
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

function b64(data: Uint8Array): string {
  return Buffer.from(data).toString('base64').replace(/=+$/, '');
}

function hkdf(ikm: Uint8Array, salt: Uint8Array, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

function chacha(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Buffer {
  const cipher = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

export function ageEncrypt(recipients: readonly string[], plaintext: Uint8Array): Buffer {
  const fileKey = randomBytes(16);
  let header = 'age-encryption.org/v1\n';
  for (const recipient of recipients) {
    const theirs = bech32Bytes(recipient);
    const { privateKey, publicKey } = generateKeyPairSync('x25519');
    const ephemeral = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const shared = diffieHellman({ privateKey, publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: theirs.toString('base64url') }, format: 'jwk' }) });
    const wrapKey = hkdf(shared, Buffer.concat([ephemeral, theirs]), 'age-encryption.org/v1/X25519');
    header += `-> X25519 ${b64(ephemeral)}\n${b64(chacha(wrapKey, Buffer.alloc(12), fileKey))}\n`;
  }
  header += '---';
  const mac = createHmac('sha256', hkdf(fileKey, Buffer.alloc(0), 'header')).update(header).digest();
  const nonce = randomBytes(16);
  const payloadKey = hkdf(fileKey, nonce, 'payload');
  const parts: Buffer[] = [Buffer.from(`${header} ${b64(mac)}\n`, 'ascii'), nonce];
  const CHUNK = 64 * 1024;
  const chunks = Math.max(1, Math.ceil(plaintext.length / CHUNK));
  for (let i = 0; i < chunks; i += 1) {
    const streamNonce = Buffer.alloc(12);
    streamNonce.writeUIntBE(i, 5, 6);
    if (i === chunks - 1) streamNonce[11] = 1;
    parts.push(chacha(payloadKey, streamNonce, plaintext.subarray(i * CHUNK, (i + 1) * CHUNK)));
  }
  return Buffer.concat(parts);
}

export interface ForgeOptions {
  /** Replacement payloads (default: the base bundle's). */
  readonly files?: Partial<Record<BundleFileName, Buffer>>;
  /** Manifest edit applied after the file list, counts and audit head were recomputed. */
  readonly manifest?: (m: BundleManifest) => BundleManifest;
  /** Skip recomputing the manifest's file list (payload changed but manifest left as it was). */
  readonly keepManifestFiles?: boolean;
  /** Raw manifest bytes instead of the serialised manifest. */
  readonly manifestBytes?: Buffer;
  /** Key the manifest is signed with (default the site key); 'original' keeps the base signature. */
  readonly signWith?: string | 'original';
  readonly signature?: Buffer;
  /** Rewrites the final tar entry list (unsafe names, links, reordering …). */
  readonly entries?: (entries: TarEntry[]) => TarEntry[];
  readonly recipients?: readonly string[];
}

export class BundleForge {
  constructor(
    readonly base: OpenedBundle,
    readonly keys: ForgeKeys,
  ) {}

  /** The tar entries (manifest, signature, payloads) of a forged bundle, before packing. */
  forgeEntries(options: ForgeOptions = {}): TarEntry[] {
    const files: BundleFiles = { ...this.base.files, ...options.files };
    let manifest = options.keepManifestFiles ? this.base.manifest : restate(this.base.manifest, files);
    if (options.manifest) manifest = options.manifest(manifest);
    const manifestBytes = options.manifestBytes ?? manifestToBytes(manifest);
    const signature =
      options.signature ?? (options.signWith === 'original' ? this.base.signature : signBytes(options.signWith ?? this.keys.sitePrivateKeyPem, manifestBytes));
    const entries: TarEntry[] = [
      { name: 'manifest.json', data: manifestBytes },
      { name: 'manifest.sig', data: signature },
      ...BUNDLE_FILES.map((name) => ({ name, data: files[name] })),
    ];
    return options.entries ? options.entries(entries) : entries;
  }

  async forge(options: ForgeOptions = {}): Promise<Uint8Array> {
    return this.seal(await this.forgeTarGz(options), options.recipients);
  }

  /** The packed (tar.gz) plaintext of a forged bundle: packTarGz for plain files, a raw tar otherwise. */
  async forgeTarGz(options: ForgeOptions = {}): Promise<Buffer> {
    const entries = this.forgeEntries(options);
    return entries.every((e) => (e.type ?? 'file') === 'file' && e.linkname === undefined) ? packTarGz(entries, new Date(this.base.manifest.createdAt)) : gzip(await packTar(entries));
  }

  /** Encrypts to the coordinator (or the given recipients) in the age format, natively (fast). */
  seal(tarGz: Uint8Array, recipients: readonly string[] = [this.keys.recipient]): Promise<Uint8Array> {
    return Promise.resolve(ageEncrypt(recipients, tarGz));
  }

  /** The same, through the product's own encryptTo. */
  sealWithLibrary(tarGz: Uint8Array, recipients: readonly string[] = [this.keys.recipient]): Promise<Uint8Array> {
    return encryptTo(recipients, tarGz);
  }
}
