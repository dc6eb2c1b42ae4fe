// Reads a bundle as a stream, on the thread that calls it: age decryption (authenticated chunk by chunk),
// gunzip and tar extraction under size, ratio and entry-type limits; yields the signed manifest once its
// signature verifies, then the NDJSON records in batches (audit entries checked on their own) while each
// file's hash, size and count are checked against the manifest.

import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import type { AuditRecord } from '../../shared/contract/bundle-records';
import { BUNDLE_FILES, BundleManifest, OPTIONAL_BUNDLE_FILES, type AnyBundleFileName } from '../../shared/contract/bundles';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';
import { ageError, decryptStream } from '../crypto/age';
import { verifyBytes } from '../crypto/signing';
import { checkArchiveEntry, unsafeEntry } from './archive-entry';
import { checkedAuditEntry } from './audit-entry';
import { MAX_RECORD_DEPTH, nestsDeeperThan } from './json-depth';

export interface BundleLimits {
  /** Most bytes the archive may expand to. */
  readonly maxTotalBytes: number;
  readonly maxFileBytes: number;
  /** Most expansion of the compressed stream (decompression bombs); checked beyond 1 MiB. */
  readonly maxRatio: number;
  readonly maxLineBytes: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxTotalBytes: 4 * 1024 ** 3,
  maxFileBytes: 2 * 1024 ** 3,
  maxRatio: 200,
  maxLineBytes: 8 * 1024 * 1024,
};

/** What reading a bundle yields, in order: the manifest, batches of records file by file, the end. */
export type BundleItem =
  | { readonly kind: 'manifest'; readonly manifest: BundleManifest; readonly manifestSha256: string }
  /** Records of subjects.ndjson or form_instances.ndjson, parsed as JSON (their shape is the reader's caller's to check). */
  | { readonly kind: 'records'; readonly file: 'subjects.ndjson' | 'form_instances.ndjson' | 'query_events.ndjson'; readonly firstLine: number; readonly records: readonly unknown[] }
  /** Entries of audit.ndjson, each of a valid shape and with a hash that covers it. */
  | { readonly kind: 'audit'; readonly firstLine: number; readonly entries: readonly AuditRecord[] }
  | { readonly kind: 'end'; readonly bundleSha256: string };

export type RecordBatch = Extract<BundleItem, { kind: 'records' | 'audit' }>;

export interface ReadBundleOptions {
  readonly identities: readonly string[];
  /** The key the manifest must be signed with (refuse unknown sites here, before anything else is read). */
  keyFor(manifest: BundleManifest, manifestSha256: string): Promise<string>;
  readonly limits?: BundleLimits;
}

/** A batch with the records' lines as they came (the worker forwards lines, not objects). */
export type BatchWithLines = RecordBatch & { readonly lines: readonly string[] };

const ORDER = ['manifest.json', 'manifest.sig', ...BUNDLE_FILES, ...OPTIONAL_BUNDLE_FILES] as const;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MIB = 1024 * 1024;

class Counter extends Transform {
  bytes = 0;
  constructor(private readonly check: (bytes: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    try {
      this.check(this.bytes);
      done(null, chunk);
    } catch (error) {
      done(error as Error);
    }
  }
}

function source(input: string | Uint8Array): { stream: ReadableStream<Uint8Array>; size: number; hash: () => string } {
  const hash = createHash('sha256');
  if (typeof input === 'string') {
    let size: number;
    try {
      size = statSync(input).size;
    } catch {
      throw new AppError('input.file', { file: input });
    }
    const file = createReadStream(input, { highWaterMark: 1024 * 1024 });
    file.on('data', (c) => hash.update(c as Buffer));
    return { stream: Readable.toWeb(file) as unknown as ReadableStream<Uint8Array>, size, hash: () => hash.digest('hex') };
  }
  hash.update(input);
  const digest = hash.digest('hex');
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(input);
      controller.close();
    },
  });
  return { stream, size: input.length, hash: () => digest };
}


async function readAll(entry: AsyncIterable<unknown>, max: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry) {
    size += (chunk as Buffer).length;
    if (size > max) throw unsafeEntry(name, `larger than ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Maps stream failures (age chunk tags, gzip, tar) to bundle codes; our own coded errors pass through;
 * anything else (a database error in the visitor, say) is not the bundle's fault and is rethrown as is.
 */
function mapStreamError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE')) return error;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_PADDING_1') return new AppError('bundle.corrupt');
  const message = error instanceof Error ? error.message : '';
  if (/tar|header|checksum|Unexpected end|premature/i.test(message)) return new AppError('bundle.corrupt');
  return ageError(error);
}

export function readBundleHere(input: string | Uint8Array, options: ReadBundleOptions): AsyncGenerator<BundleItem> {
  return read(input, options, false);
}

/** For the worker thread: the same reading, each batch with its lines. */
export function readBundleWithLines(input: string, options: ReadBundleOptions): AsyncGenerator<Exclude<BundleItem, RecordBatch> | BatchWithLines> {
  return read(input, options, true);
}

async function* read(input: string | Uint8Array, options: ReadBundleOptions, withLines: boolean): AsyncGenerator<Exclude<BundleItem, RecordBatch> | BatchWithLines> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const src = source(input);
  const plain = await decryptStream(options.identities, src.stream);
  const compressed = new Counter(() => undefined);
  const expanded = new Counter((bytes) => {
    if (bytes > limits.maxTotalBytes) throw new AppError('bundle.tooLarge', { detail: `more than ${limits.maxTotalBytes} bytes` });
    if (bytes > MIB && bytes > compressed.bytes * limits.maxRatio) throw new AppError('bundle.tooLarge', { detail: `expansion beyond ${limits.maxRatio}:1` });
  });
  const extract = tar.extract();
  const nodePlain = Readable.fromWeb(plain as unknown as NodeWebReadableStream<Uint8Array>);
  const streams = [nodePlain, compressed, createGunzip(), expanded];
  let failure: unknown;
  const fail = (error: unknown): void => {
    failure ??= error;
    extract.destroy(error instanceof Error ? error : new Error(String(error)));
  };
  for (const s of streams) s.on('error', fail);
  nodePlain.pipe(compressed).pipe(streams[2] as Transform).pipe(expanded).pipe(extract);

  let manifest: BundleManifest | undefined;
  let manifestBytes: Buffer | undefined;
  let manifestSha256 = '';
  let index = 0;
  try {
    for await (const entry of extract) {
      const { name } = entry.header;
      checkArchiveEntry(entry.header, ORDER[index], limits.maxFileBytes);
      index += 1;
      if (name === 'manifest.json') {
        manifestBytes = await readAll(entry, MIB, name);
        manifestSha256 = createHash('sha256').update(manifestBytes).digest('hex');
        let raw: unknown;
        try {
          raw = JSON.parse(manifestBytes.toString('utf8'));
        } catch {
          throw new AppError('bundle.badManifest', { issues: 'not JSON' });
        }
        const parsed = BundleManifest.safeParse(raw);
        if (!parsed.success) throw new AppError('bundle.badManifest', { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
        manifest = parsed.data;
        continue;
      }
      if (name === 'manifest.sig') {
        const signature = await readAll(entry, 1024, name);
        const key = await options.keyFor(manifest!, manifestSha256);
        if (!verifyBytes(key, manifestBytes!, signature)) throw new AppError('bundle.badSignature', { site: manifest!.site.id });
        yield { kind: 'manifest', manifest: manifest!, manifestSha256 };
        continue;
      }
      yield* readNdjson(entry, name as AnyBundleFileName, manifest!, limits, withLines);
    }
    if (failure) throw failure;
    // Every file the manifest lists (the required ones, and the optional ones it names) must be there.
    if (!manifest || index < 2 + manifest.files.length) throw new AppError('bundle.corrupt');
  } catch (error) {
    throw mapStreamError(failure ?? error);
  } finally {
    // Also when the caller stops early (a bundle already merged): nothing keeps reading the file.
    for (const s of streams) s.destroy();
    extract.destroy();
  }
  yield { kind: 'end', bundleSha256: src.hash() };
}

/** Collects one chunk's records; a batch for the caller, with the lines when they are forwarded. */
class Batch {
  readonly records: unknown[] = [];
  readonly lines: string[] = [];
  constructor(
    private readonly name: AnyBundleFileName,
    readonly firstLine: number,
    private readonly withLines: boolean,
  ) {}
  add(text: string, line: number): void {
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      throw new AppError('bundle.malformedRecord', { file: this.name, line, detail: 'not JSON' });
    }
    if (this.name === 'audit.ndjson') this.records.push(checkedAuditEntry(record, line));
    else {
      // Audit entries are flat by their schema; other records carry objects (data, overrides, calculations).
      if (nestsDeeperThan(record, MAX_RECORD_DEPTH)) throw new AppError('bundle.malformedRecord', { file: this.name, line, detail: problemDetail('nestedTooDeep', { max: MAX_RECORD_DEPTH }) });
      this.records.push(record);
    }
    if (this.withLines) this.lines.push(text);
  }
  get size(): number {
    return this.records.length;
  }
  /** The batch, with its lines (empty unless they are kept for the worker). */
  item(): BatchWithLines {
    const { name, firstLine, records, lines } = this;
    return name === 'audit.ndjson' ? { kind: 'audit', firstLine, entries: records as AuditRecord[], lines } : { kind: 'records', file: name, firstLine, records, lines };
  }
}

async function* readNdjson(entry: AsyncIterable<unknown>, name: AnyBundleFileName, manifest: BundleManifest, limits: BundleLimits, withLines: boolean): AsyncGenerator<BatchWithLines> {
  const expected = manifest.files.find((f) => f.name === name);
  if (!expected) throw new AppError('bundle.badManifest', { issues: `${name} missing from the manifest` });
  const hash = createHash('sha256');
  let size = 0;
  let records = 0;
  // The unfinished line is kept as a list of chunks and only new bytes are searched: a long line costs
  // linear, not quadratic, time.
  let carry: Buffer[] = [];
  let carryBytes = 0;
  for await (const chunk of entry) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
    const last = buf.lastIndexOf(10);
    if (last < 0) {
      carry.push(buf);
      carryBytes += buf.length;
      if (carryBytes > limits.maxLineBytes) throw new AppError('bundle.malformedRecord', { file: name, line: records + 1, detail: 'line too long' });
      continue;
    }
    // Decode every complete line of the chunk at once (strictly: invalid UTF-8 is refused), then split.
    const complete = carryBytes > 0 ? Buffer.concat([...carry, buf.subarray(0, last)]) : buf.subarray(0, last);
    carry = [];
    carryBytes = 0;
    let text: string;
    try {
      text = UTF8.decode(complete);
    } catch {
      throw new AppError('bundle.malformedRecord', { file: name, line: records + 1, detail: 'not UTF-8' });
    }
    // One batch per chunk: the caller handles its records without an await each.
    const batch = new Batch(name, records + 1, withLines);
    try {
      let start = 0;
      for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', start)) {
        const end = nl < 0 ? text.length : nl;
        if (end - start > limits.maxLineBytes) throw new AppError('bundle.malformedRecord', { file: name, line: records + 1, detail: 'line too long' });
        records += 1;
        batch.add(text.slice(start, end), records);
        if (nl < 0) break;
        start = nl + 1;
      }
    } catch (error) {
      // The lines before a bad one go first, so a problem the caller finds in them is the one reported.
      if (batch.size > 0) yield batch.item();
      throw error;
    }
    yield batch.item();
    if (last + 1 < buf.length) {
      carry.push(buf.subarray(last + 1));
      carryBytes = buf.length - last - 1;
    }
    if (carryBytes > limits.maxLineBytes) throw new AppError('bundle.malformedRecord', { file: name, line: records + 1, detail: 'line too long' });
  }
  if (carryBytes > 0) throw new AppError('bundle.malformedRecord', { file: name, line: records + 1, detail: 'missing final newline' });
  const sha256 = hash.digest('hex');
  if (sha256 !== expected.sha256 || size !== expected.size) throw new AppError('bundle.hashMismatch', { file: name, detail: 'SHA-256 or size differs' });
  if (records !== expected.records) throw new AppError('bundle.hashMismatch', { file: name, detail: `${records} records, manifest says ${expected.records}` });
}
