// Reading a return bundle (centre → site), in memory (it holds receipts, marks and locks, not a site's data):
// age-decrypt with the site's identity, gunzip and untar under limits with the site bundle's entry checks,
// verify the manifest's signature against the coordinator key the site kit pinned, then each section's hash,
// size, count and records (each parsed with its section's schema). Nothing is written here.

import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import type { z } from 'zod';
import { RETURN_SECTION_SCHEMAS, RETURN_SECTIONS, ReturnManifest, returnSectionFile, type ReturnRecord, type ReturnSectionName } from '../../shared/contract/return-bundles';
import { AppError } from '../../shared/errors/app-error';
import { problemDetail } from '../../shared/errors/codes';
import { decryptWith } from '../crypto/age';
import { verifyBytes } from '../crypto/signing';
import { checkArchiveEntry, unsafeEntry } from './archive-entry';
import { MAX_RECORD_DEPTH, nestsDeeperThan } from './json-depth';
import { parseRecord } from './parse-record';

export type ReturnSections = { [N in ReturnSectionName]: ReturnRecord<N>[] };

export interface ReturnBundle {
  readonly manifest: ReturnManifest;
  readonly manifestSha256: string;
  readonly bundleSha256: string;
  readonly sections: ReturnSections;
}

export interface ReadReturnOptions {
  /** The site's age identity: return bundles are encrypted to the site only. */
  readonly identity: string;
  /** The coordinator's signing key and fingerprint, as the site kit pinned them. */
  readonly coordinatorPublicKeyPem: string;
  readonly coordinatorFingerprint: string;
}

const MIB = 1024 * 1024;
/** Most bytes a return bundle file, and its archive once expanded, may have. */
export const RETURN_MAX_FILE = 64 * MIB;
const RETURN_MAX_EXPANDED = 256 * MIB;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export const RETURN_ORDER: readonly string[] = ['manifest.json', 'manifest.sig', ...RETURN_SECTIONS.map(returnSectionFile)];

function gunzip(data: Uint8Array): Buffer {
  try {
    return gunzipSync(data, { maxOutputLength: RETURN_MAX_EXPANDED });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new AppError('bundle.tooLarge', { detail: `more than ${RETURN_MAX_EXPANDED} bytes` });
    throw new AppError('bundle.corrupt');
  }
}

/** The archive's entries in order, each checked (type, name, place, size) before its bytes are read. */
async function untar(archive: Buffer, visit: (name: string, data: Buffer) => void): Promise<number> {
  const extract = tar.extract();
  let index = 0;
  const done = (async () => {
    for await (const entry of extract) {
      checkArchiveEntry(entry.header, RETURN_ORDER[index], RETURN_MAX_EXPANDED);
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      index += 1;
      visit(entry.header.name, Buffer.concat(chunks));
    }
  })();
  extract.end(archive);
  try {
    await done;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bundle.corrupt');
  } finally {
    extract.destroy();
  }
  return index;
}

function parseManifest(bytes: Buffer): ReturnManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(UTF8.decode(bytes));
  } catch {
    throw new AppError('bundle.badManifest', { issues: problemDetail('notJsonFile') });
  }
  const parsed = ReturnManifest.safeParse(raw);
  if (!parsed.success) throw new AppError('bundle.badManifest', { issues: parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`) });
  return parsed.data;
}

/** The sections the (signed) manifest lists must be this version's, in its order. */
function checkSections(manifest: ReturnManifest): void {
  const names = manifest.files.map((f) => f.name);
  const expected = RETURN_SECTIONS.map(returnSectionFile);
  if (names.join(',') !== expected.join(',')) throw new AppError('return.badSections', { sections: names.join(', ').slice(0, 300) });
}

function parseSection<N extends ReturnSectionName>(name: N, data: Buffer, manifest: ReturnManifest): ReturnRecord<N>[] {
  const file = returnSectionFile(name);
  const expected = manifest.files.find((f) => f.name === file)!;
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (sha256 !== expected.sha256 || data.length !== expected.size) throw new AppError('bundle.hashMismatch', { file, detail: 'SHA-256 or size differs' });
  let text: string;
  try {
    text = UTF8.decode(data);
  } catch {
    throw new AppError('bundle.malformedRecord', { file, line: 1, detail: 'not UTF-8' });
  }
  if (text.length > 0 && !text.endsWith('\n')) throw new AppError('bundle.malformedRecord', { file, line: 1, detail: 'missing final newline' });
  const lines = text.length === 0 ? [] : text.slice(0, -1).split('\n');
  if (lines.length !== expected.records) throw new AppError('bundle.hashMismatch', { file, detail: `${lines.length} records, manifest says ${expected.records}` });
  const schema: z.ZodType<unknown> = RETURN_SECTION_SCHEMAS[name];
  return lines.map((line, i) => {
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new AppError('bundle.malformedRecord', { file, line: i + 1, detail: 'not JSON' });
    }
    if (nestsDeeperThan(raw, MAX_RECORD_DEPTH)) throw new AppError('bundle.malformedRecord', { file, line: i + 1, detail: problemDetail('nestedTooDeep', { max: MAX_RECORD_DEPTH }) });
    return parseRecord(schema, raw, file, i + 1) as ReturnRecord<N>;
  });
}

export async function readReturnBundle(bytes: Uint8Array, options: ReadReturnOptions): Promise<ReturnBundle> {
  if (bytes.length > RETURN_MAX_FILE) throw new AppError('bundle.tooLarge', { detail: `more than ${RETURN_MAX_FILE} bytes` });
  let plain: Uint8Array;
  try {
    plain = await decryptWith([options.identity], bytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'bundle.wrongRecipient') throw new AppError('return.wrongRecipient');
    throw error;
  }
  const archive = gunzip(plain);
  let manifestBytes: Buffer | undefined;
  let manifest: ReturnManifest | undefined;
  const sections: Partial<Record<ReturnSectionName, unknown[]>> = {};
  const entries = await untar(archive, (name, data) => {
    if (name === 'manifest.json') {
      if (data.length > MIB) throw unsafeEntry(name, `larger than ${MIB} bytes`);
      manifestBytes = data;
      manifest = parseManifest(data);
      return;
    }
    if (name === 'manifest.sig') {
      // The signature is checked before any section is read: an unsigned bundle gets no further.
      if (!verifyBytes(options.coordinatorPublicKeyPem, manifestBytes!, data) || manifest!.coordinatorFingerprint !== options.coordinatorFingerprint) {
        throw new AppError('return.notSigned', { fingerprint: options.coordinatorFingerprint.slice(0, 16) });
      }
      checkSections(manifest!);
      return;
    }
    const section = RETURN_SECTIONS.find((s) => returnSectionFile(s) === name)!;
    sections[section] = parseSection(section, data, manifest!);
  });
  if (entries < RETURN_ORDER.length) throw new AppError('bundle.corrupt');
  return {
    manifest: manifest!,
    manifestSha256: createHash('sha256').update(manifestBytes!).digest('hex'),
    bundleSha256: createHash('sha256').update(bytes).digest('hex'),
    sections: sections as ReturnSections,
  };
}
