// Hostile bundles at the coordinating centre: more than 10,000 damaged, forged, replayed and malicious
// bundles, each refused with the error code of its kind while the central store stays exactly as it was
// (content digest and merged-bundle count compared after every case); invalid records of an otherwise
// genuine bundle are quarantined with their reasons instead; and the genuine bundle still merges after
// all of it.

import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { DEFAULT_LIMITS, type BundleLimits } from '../../src/core/exchange/read-bundle';
import { requireSiteKeys } from '../../src/core/bundles/site-identity';
import { centralDigest } from '../../src/core/central/central-digest';
import { mergeBundle, type MergeResult } from '../../src/core/central/merge-bundle';
import { encryptTo, generateAgeKey } from '../../src/core/crypto/age';
import type { Session } from '../../src/core/store/session';
import { listMergedBundles, quarantineOfSite } from '../../src/db/repositories/central.repository';
import type { AuditRecord, FormInstanceRecord } from '../../src/shared/contract/bundle-records';
import { BUNDLE_FILES, type BundleFileName } from '../../src/shared/contract/bundles';
import { AppError } from '../../src/shared/errors/app-error';
import { enrolSubjects } from '../helpers/bundle-data';
import {
  BundleForge,
  forgeKeys,
  gzip,
  manifestToBytes,
  ndjsonLines,
  newSigningKey,
  openBundle,
  packTar,
  parseNdjson,
  rechainAudit,
  recordsToNdjson,
  restate,
  sha256,
  toNdjson,
  withSiteKey,
  type EntryType,
  type TarEntry,
} from '../helpers/bundle-forge';
import { changeEntries, exportEntry, extendAudit } from '../helpers/audit-forge';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';

const MIB = 1024 * 1024;
const ORDER: readonly string[] = ['manifest.json', 'manifest.sig', ...BUNDLE_FILES];
const INTEGRITY = ['bundle.corrupt', 'bundle.wrongRecipient', 'bundle.notABundle'];
/** The first line of every age file (age-encryption.org/v1). */
const AGE_VERSION_LINE = 'age-encryption.org/v1\n';
const TIMEOUT = 180_000;

/** Site codes other than the bundle's own. */
const otherSiteId = fc.stringMatching(/^[A-Z0-9]{2,6}$/).filter((s) => s !== 'IT01');

describe('hostile bundles at the coordinating centre', () => {
  const tmp = tempDir();
  const out = join(tmp.dir, 'usb');
  let net: TestNetwork;
  let central: Session;
  let site: Session;
  let forge: BundleForge;
  /** Genuine bundles: #1 and #2 merged, #3 (the base of every forgery) not yet. */
  let first: Uint8Array;
  let second: Uint8Array;
  let base: Uint8Array;
  let foreignSite: Uint8Array;
  /** Audit entries already merged for IT01 (from bundle #2). */
  let mergedAudit: number;
  /** Length of the age header of the base bundle (version line, stanzas, MAC line). */
  let headerEnd: number;
  let baseline: { digest: string; merged: number };
  /** Files of the exchange that are not bundles. */
  const misplaced = { kit: Buffer.alloc(0), receipt: Buffer.alloc(0) };
  const tally = new Map<string, number>();

  const centralState = async (): Promise<{ digest: string; merged: number }> => ({
    digest: await centralDigest(central.store.db),
    merged: (await listMergedBundles(central.store.db)).length,
  });

  /** Merges and returns the refusal code; fails the test if a hostile bundle was accepted. */
  async function refusal(bytes: Uint8Array, limits?: BundleLimits): Promise<string> {
    let result: MergeResult;
    try {
      result = await mergeBundle(central, bytes, limits ? { limits } : {});
    } catch (error) {
      if (error instanceof AppError) return error.code;
      throw error;
    }
    throw new Error(`a hostile bundle was accepted: ${result.status} ${result.siteId} #${result.sequence}`);
  }

  /** Refused with the expected code (or one of them), and the central store exactly as before. */
  async function expectRefused(kind: string, bytes: Uint8Array, expected: string | readonly string[], limits?: BundleLimits): Promise<void> {
    const code = await refusal(bytes, limits);
    if (typeof expected === 'string') expect(code).toBe(expected);
    else expect(expected).toContain(code);
    expect(await centralState()).toEqual(baseline);
    tally.set(kind, (tally.get(kind) ?? 0) + 1);
  }

  const lines = (file: BundleFileName): string[] => ndjsonLines(forge.base.files[file]);
  const instances = (): FormInstanceRecord[] => parseNdjson<FormInstanceRecord>(forge.base.files['form_instances.ndjson']);
  const audit = (): AuditRecord[] => parseNdjson<AuditRecord>(forge.base.files['audit.ndjson']);

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    const it01 = await net.addSite('IT01');
    const it02 = await net.addSite('IT02');
    site = await it01.login('data_entry');
    central = await net.central();
    await enrolSubjects(site, 4, { seed: 7 });
    const one = await exportBundle(site, out);
    await mergeBundle(central, one.file, { registerSites: new Map([['IT01', it01.fingerprint]]) });
    await enrolSubjects(site, 1, { seed: 8 });
    const two = await exportBundle(site, out);
    const merged = await mergeBundle(central, two.file);
    mergedAudit = merged.counts.auditEntries;
    misplaced.receipt = Buffer.from(`${JSON.stringify(merged.receipt, null, 2)}\n`);
    misplaced.kit = readFileSync(join(tmp.dir, 'sites', 'IT01', 'kit.json'));
    const three = await exportBundle(site, out);
    first = readFileSync(one.file);
    second = readFileSync(two.file);
    base = readFileSync(three.file);
    const other = await it02.login('data_entry');
    try {
      await enrolSubjects(other, 1, { seed: 9 });
      foreignSite = readFileSync((await exportBundle(other, out)).file);
    } finally {
      await other.close();
    }
    const keys = await forgeKeys(central, site);
    forge = new BundleForge(await openBundle(base, keys.identity), keys);
    const macLine = Buffer.from(base).indexOf('\n--- ');
    headerEnd = Buffer.from(base).indexOf('\n', macLine + 1) + 1;
    baseline = await centralState();
  }, 60_000);

  afterAll(async () => {
    await site.close();
    await central.close();
    tmp.cleanup();
  });

  it('starts from a genuine base bundle that the forge reproduces byte for byte', () => {
    expect(forge.base.manifest).toMatchObject({ sequence: 3, site: { id: 'IT01' } });
    expect(manifestToBytes(forge.base.manifest).equals(forge.base.manifestBytes)).toBe(true);
    expect(restate(forge.base.manifest, forge.base.files)).toEqual(forge.base.manifest);
    expect(forge.base.entries.map((e) => e.name)).toEqual(['manifest.json', 'manifest.sig', ...BUNDLE_FILES]);
    expect(mergedAudit).toBeGreaterThan(10);
    expect(audit().length).toBeGreaterThan(mergedAudit);
    expect(headerEnd).toBeGreaterThan(100);
  });

  it('seals forgeries natively exactly as encryptTo would: the centre reads both the same way', async () => {
    const tarGz = await forge.forgeTarGz({ signWith: newSigningKey().privateKeyPem });
    await expectRefused('wrong signer', await forge.sealWithLibrary(tarGz), 'bundle.badSignature');
    await expectRefused('wrong signer', await forge.seal(tarGz), 'bundle.badSignature');
  });

  describe('damaged files', () => {
    it('refuses a truncated or padded file: notABundle when the cut is in the age version line, corrupt after it', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ cut: fc.integer({ min: 0, max: headerEnd + 16 }), pad: fc.constant(null) }),
            fc.record({ cut: fc.integer({ min: 0, max: base.length - 1 }), pad: fc.constant(null) }),
            fc.record({ cut: fc.constant(base.length), pad: fc.uint8Array({ minLength: 1, maxLength: 300 }) }),
          ),
          async ({ cut, pad }) => {
            const bytes = pad ? Buffer.concat([base, pad]) : base.subarray(0, cut);
            // A file that opens with age's version line is an age file: cut anywhere after it, it is damaged.
            await expectRefused('truncated', bytes, cut < AGE_VERSION_LINE.length ? 'bundle.notABundle' : 'bundle.corrupt');
          },
        ),
        { numRuns: 2000 },
      );
    }, TIMEOUT);

    it('refuses random bit flips anywhere: an integrity code in the header, corrupt in the payload, never a success', async () => {
      const position = fc.oneof(fc.integer({ min: 0, max: headerEnd - 1 }), fc.integer({ min: 0, max: base.length - 1 }));
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(fc.record({ at: position, bit: fc.integer({ min: 0, max: 7 }) }), { minLength: 1, maxLength: 4, selector: (f) => f.at * 8 + f.bit }), async (flips) => {
          const bytes = Buffer.from(base);
          for (const f of flips) bytes[f.at]! ^= 1 << f.bit;
          await expectRefused('bit flips', bytes, flips.some((f) => f.at < headerEnd) ? INTEGRITY : 'bundle.corrupt');
        }),
        { numRuns: 2200 },
      );
    }, TIMEOUT);

    it('refuses junk, a plain tar.gz, a site kit or a receipt picked up by mistake as notABundle', async () => {
      const plainTarGz = forge.base.tarGz;
      for (const file of [misplaced.kit, misplaced.receipt, plainTarGz, Buffer.alloc(0)]) await expectRefused('junk', file, 'bundle.notABundle');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uint8Array({ minLength: 0, maxLength: 4096 }),
            fc.string({ maxLength: 500 }).map((s) => Buffer.from(s, 'utf8')),
            fc.uint8Array({ maxLength: 64 }).map((prefix) => Buffer.concat([prefix, Buffer.from('x'), base])),
            fc.constant(plainTarGz),
            fc.constant(forge.base.manifestBytes),
            fc.constant(misplaced.kit),
            fc.constant(misplaced.receipt),
          ),
          async (bytes) => {
            await expectRefused('junk', bytes, 'bundle.notABundle');
          },
        ),
        { numRuns: 1500 },
      );
    }, TIMEOUT);

    it('refuses a bundle encrypted to other age keys (even the site’s own) as wrongRecipient', async () => {
      const strangers = await Promise.all(Array.from({ length: 12 }, () => generateAgeKey()));
      const siteRecipient = (await requireSiteKeys(site.store.db)).ageRecipient;
      await fc.assert(
        fc.asyncProperty(fc.subarray([...strangers.map((k) => k.recipient), siteRecipient], { minLength: 1, maxLength: 3 }), async (recipients) => {
          await expectRefused('wrong recipient', await encryptTo(recipients, forge.base.tarGz), 'bundle.wrongRecipient');
        }),
        { numRuns: 300 },
      );
    }, TIMEOUT);
  });

  describe('forged signatures and manifests', () => {
    const attackers = Array.from({ length: 8 }, () => newSigningKey());

    it('refuses a manifest signed by another key (badSignature), naming another key (keyChanged) or an unregistered site (unknownSite)', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ kind: fc.constant('other key' as const), key: fc.nat(7) }),
            fc.record({ kind: fc.constant('attacker key in manifest' as const), key: fc.nat(7) }),
            fc.record({ kind: fc.constant('unregistered site' as const), key: fc.nat(7), siteId: otherSiteId, genuineKey: fc.boolean() }),
            fc.record({ kind: fc.constant('garbage signature' as const), signature: fc.uint8Array({ minLength: 0, maxLength: 1024 }) }),
            fc.record({ kind: fc.constant('flipped signature' as const), at: fc.nat(63), bit: fc.nat(7) }),
          ),
          async (c) => {
            const attacker = attackers['key' in c ? c.key : 0]!;
            switch (c.kind) {
              case 'other key':
                return expectRefused('wrong signer', await forge.forge({ signWith: attacker.privateKeyPem }), 'bundle.badSignature');
              case 'attacker key in manifest':
                return expectRefused('wrong signer', await forge.forge({ manifest: (m) => withSiteKey(m, attacker), signWith: attacker.privateKeyPem }), 'merge.keyChanged');
              case 'unregistered site': {
                const key = c.genuineKey ? { publicKeyPem: forge.keys.sitePublicKeyPem, fingerprint: forge.keys.siteFingerprint, privateKeyPem: forge.keys.sitePrivateKeyPem } : attacker;
                const bytes = await forge.forge({ manifest: (m) => ({ ...withSiteKey(m, key), site: { ...withSiteKey(m, key).site, id: c.siteId } }), signWith: key.privateKeyPem });
                return expectRefused('unknown signer', bytes, 'merge.unknownSite');
              }
              case 'garbage signature':
                return expectRefused('wrong signer', await forge.forge({ signature: Buffer.from(c.signature) }), 'bundle.badSignature');
              case 'flipped signature': {
                const signature = Buffer.from(forge.base.signature);
                signature[c.at]! ^= 1 << c.bit;
                return expectRefused('wrong signer', await forge.forge({ signature }), 'bundle.badSignature');
              }
            }
          },
        ),
        { numRuns: 500 },
      );
    }, TIMEOUT);

    it('refuses the genuine bundle of a site that was never registered as unknownSite', async () => {
      await expectRefused('unknown signer', foreignSite, 'merge.unknownSite');
    });

    it('refuses a manifest edited (file hashes recomputed) but not re-signed as badSignature', async () => {
      const rows = instances();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ kind: fc.constant('createdBy' as const), text: fc.string({ maxLength: 40 }) }),
            fc.record({ kind: fc.constant('siteName' as const), text: fc.string({ maxLength: 40 }) }),
            fc.record({ kind: fc.constant('sequence' as const), sequence: fc.integer({ min: 4, max: 1_000_000_000 }) }),
            fc.record({ kind: fc.constant('counts' as const), subjects: fc.integer({ min: 6, max: 10_000 }) }),
            fc.record({ kind: fc.constant('record' as const), index: fc.nat(rows.length - 1), text: fc.string({ maxLength: 30 }) }),
            fc.record({ kind: fc.constant('reformatted' as const), indent: fc.constantFrom(0, 1, 3, 4, '\t', ' \t') }),
          ),
          async (c) => {
            let bytes: Uint8Array;
            if (c.kind === 'record') {
              const edited = rows.map((r, i) => (i === c.index ? { ...r, updated_by: `x${c.text}`.slice(0, 64) } : r));
              bytes = await forge.forge({ files: { 'form_instances.ndjson': recordsToNdjson(edited) }, signWith: 'original' });
            } else if (c.kind === 'reformatted') {
              bytes = await forge.forge({ manifestBytes: Buffer.from(`${JSON.stringify(forge.base.manifest, null, c.indent)}\n`), signWith: 'original' });
            } else {
              bytes = await forge.forge({
                signWith: 'original',
                manifest: (m) =>
                  c.kind === 'createdBy'
                    ? { ...m, createdBy: `x${c.text}` }
                    : c.kind === 'siteName'
                      ? { ...m, site: { ...m.site, name: `x${c.text}` } }
                      : c.kind === 'sequence'
                        ? { ...m, sequence: c.sequence }
                        : { ...m, counts: { ...m.counts, subjects: c.subjects } },
              });
            }
            await expectRefused('manifest edited', bytes, 'bundle.badSignature');
          },
        ),
        { numRuns: 500 },
      );
    }, TIMEOUT);

    it('refuses a payload that does not match the hash in the signed manifest as hashMismatch', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            file: fc.constantFrom(...BUNDLE_FILES),
            line: fc.nat(),
            how: fc.constantFrom('trailing spaces', 'leading spaces', 'last line dropped', 'value changed', 'lines swapped'),
            n: fc.integer({ min: 1, max: 5 }),
            text: fc.string({ maxLength: 20 }),
          }),
          async ({ file, line, how, n, text }) => {
            const all = lines(file);
            const i = line % all.length;
            // Audit lines are hash-chained: only changes the chain cannot see (whitespace, the tail) apply there.
            const mode = file === 'audit.ndjson' && (how === 'value changed' || how === 'lines swapped') ? 'trailing spaces' : how;
            let edited: string[];
            if (mode === 'trailing spaces') edited = all.map((l, k) => (k === i ? `${l}${' '.repeat(n)}` : l));
            else if (mode === 'leading spaces') edited = all.map((l, k) => (k === i ? `${' '.repeat(n)}${l}` : l));
            else if (mode === 'last line dropped') edited = all.slice(0, -1);
            else if (mode === 'lines swapped') {
              const j = (i + 1) % all.length;
              edited = all.map((l, k) => (k === i ? all[j]! : k === j ? all[i]! : l));
            } else edited = all.map((l, k) => (k === i ? JSON.stringify({ ...(JSON.parse(l) as object), created_by: `x${text}` }) : l));
            await expectRefused('payload hash', await forge.forge({ files: { [file]: toNdjson(edited) }, keepManifestFiles: true, signWith: 'original' }), 'bundle.hashMismatch');
          },
        ),
        { numRuns: 500 },
      );
    }, TIMEOUT);

    it('refuses a bundle of another study (studyMismatch) or of an unknown definition (definitionUnknown)', async () => {
      const { study } = forge.base.manifest;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ field: fc.constant('id' as const), value: fc.stringMatching(/^[a-z0-9-]{1,60}$/).filter((s) => s !== study.id) }),
            fc.record({ field: fc.constant('version' as const), value: fc.string({ maxLength: 20 }).filter((s) => s !== study.version) }),
            fc.record({ field: fc.constant('definitionHash' as const), value: fc.stringMatching(/^[0-9a-f]{64}$/).filter((s) => s !== study.definitionHash) }),
          ),
          async ({ field, value }) => {
            const bytes = await forge.forge({ manifest: (m) => ({ ...m, study: { ...m.study, [field]: value } }) });
            await expectRefused('study', bytes, field === 'id' ? 'merge.studyMismatch' : 'merge.definitionUnknown');
          },
        ),
        { numRuns: 250 },
      );
    }, TIMEOUT);
  });

  describe('unsafe archives and decompression bombs', () => {
    it('refuses entries with .., absolute or drive paths, links, directories, devices, extra, duplicated or reordered entries as unsafeEntry', async () => {
      const prefix = fc.constantFrom('../', '../../', '/', '/etc/', '/tmp/../', 'C:', 'C:\\', 'c:/', '\\', '\\\\server\\share\\', './', 'sub/', 'a/../', '..\\');
      const linkType = fc.constantFrom<EntryType>('symlink', 'link', 'directory', 'fifo', 'character-device', 'block-device', 'contiguous-file');
      const mutation = fc.oneof(
        fc.record({ kind: fc.constant('renamed' as const), index: fc.nat(4), prefix, suffix: fc.constantFrom('', '/..', '/../..') }),
        fc.record({ kind: fc.constant('retyped' as const), index: fc.nat(4), type: linkType, target: fc.constantFrom('/etc/passwd', '../../outside', 'manifest.json', '/dev/zero') }),
        // An extra entry named like the one expected at its place would be read as that entry: not this kind.
        fc
          .record({ kind: fc.constant('extra' as const), at: fc.nat(5), name: fc.constantFrom('extra.txt', 'manifest.json', 'manifest.sig', 'subjects.ndjson', 'audit.ndjson', '.hidden', 'README'), data: fc.uint8Array({ maxLength: 200 }) })
          .filter((m) => ORDER[m.at] !== m.name),
        fc.record({ kind: fc.constant('duplicated' as const), index: fc.nat(4) }),
        fc.record({ kind: fc.constant('reordered' as const), order: fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }).filter((o) => o.some((v, i) => v !== i)) }),
        fc.record({ kind: fc.constant('long name' as const), index: fc.nat(4), length: fc.integer({ min: 101, max: 400 }), traversal: fc.boolean() }),
      );
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const entries = (list: TarEntry[]): TarEntry[] => {
            switch (m.kind) {
              case 'renamed':
                return list.map((e, i) => (i === m.index ? { ...e, name: `${m.prefix}${e.name}${m.suffix}` } : e));
              case 'retyped':
                return list.map((e, i) => (i === m.index ? { name: e.name, data: Buffer.alloc(0), type: m.type, ...(m.type === 'symlink' || m.type === 'link' ? { linkname: m.target } : {}) } : e));
              case 'extra':
                return [...list.slice(0, m.at), { name: m.name, data: Buffer.from(m.data) }, ...list.slice(m.at)];
              case 'duplicated':
                return [...list.slice(0, m.index + 1), list[m.index]!, ...list.slice(m.index + 1)];
              case 'reordered':
                return m.order.map((i) => list[i]!);
              case 'long name':
                return list.map((e, i) => (i === m.index ? { ...e, name: `${m.traversal ? '../' : ''}${'x'.repeat(m.length)}` } : e));
            }
          };
          await expectRefused('unsafe entry', await forge.forge({ signWith: 'original', entries }), 'bundle.unsafeEntry');
        }),
        { numRuns: 800 },
      );
    }, TIMEOUT);

    it('refuses archives beyond the size, per-file and expansion-ratio limits as tooLarge (small limits)', async () => {
      const entries = forge.forgeEntries({ signWith: 'original' });
      const plainTar = await packTar(entries);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ kind: fc.constant('total' as const), pad: fc.integer({ min: 16 * 1024, max: 512 * 1024 }), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
            fc.record({ kind: fc.constant('ratio' as const), pad: fc.integer({ min: 2 * MIB, max: 4 * MIB }), ratio: fc.integer({ min: 1, max: 60 }) }),
            fc.record({ kind: fc.constant('file' as const), index: fc.nat(4), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
            fc.record({ kind: fc.constant('padded lines' as const), spaces: fc.integer({ min: 50_000, max: 400_000 }), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
          ),
          async (c) => {
            if (c.kind === 'file') {
              // The genuine bundle, with a per-file bound below the size one of its entries declares.
              const largest = Math.max(...entries.slice(0, c.index + 1).map((e) => e.data.length));
              await expectRefused('bomb', base, 'bundle.tooLarge', { ...DEFAULT_LIMITS, maxFileBytes: Math.floor(c.fraction * largest) });
              return;
            }
            if (c.kind === 'padded lines') {
              // A site-signed subjects file whose lines are valid JSON padded with spaces.
              const padded = toNdjson(lines('subjects.ndjson').map((l) => `${l}${' '.repeat(c.spaces)}`));
              const bytes = await forge.forge({ files: { 'subjects.ndjson': padded } });
              await expectRefused('bomb', bytes, 'bundle.tooLarge', { ...DEFAULT_LIMITS, maxTotalBytes: Math.floor(c.fraction * padded.length) });
              return;
            }
            // Zeros behind the archive's entries: what a tar reader would go on inflating.
            const tarGz = gzip(Buffer.concat([plainTar, Buffer.alloc(c.pad)]));
            const total = plainTar.length + c.pad;
            const limits: BundleLimits = c.kind === 'total' ? { ...DEFAULT_LIMITS, maxTotalBytes: Math.floor(c.fraction * total) } : { ...DEFAULT_LIMITS, maxRatio: c.ratio };
            if (c.kind === 'ratio') expect(total).toBeGreaterThan(Math.max(MIB, tarGz.length * c.ratio));
            await expectRefused('bomb', await forge.seal(tarGz), 'bundle.tooLarge', limits);
          },
        ),
        { numRuns: 250 },
      );
    }, TIMEOUT);

    it('refuses with the default limits a bundle inflating 64 MiB of zeros behind its entries (ratio beyond 200:1)', async () => {
      const tarGz = gzip(Buffer.concat([await packTar(forge.forgeEntries({ signWith: 'original' })), Buffer.alloc(64 * MIB)]), 9);
      expect(tarGz.length).toBeLessThan(MIB);
      await expectRefused('bomb', await forge.seal(tarGz), 'bundle.tooLarge');
    });

    it('refuses with the default limits a site-signed payload padded with megabytes of spaces', async () => {
      const padded = toNdjson(lines('subjects.ndjson').map((l) => `${l}${' '.repeat(6 * MIB)}`));
      await expectRefused('bomb', await forge.forge({ files: { 'subjects.ndjson': padded } }), 'bundle.tooLarge');
    });

    it('refuses with the default limits an entry that declares 3 GiB before reading any of it', async () => {
      const tarBytes = await packTar(forge.forgeEntries({ signWith: 'original' }));
      // Rewrite the size field (octal, offset 124) of the first header and its checksum (offset 148).
      const header = Buffer.from(tarBytes.subarray(0, 512));
      header.write(`${(3 * 1024 ** 3).toString(8).padStart(11, '0')}\0`, 124, 'ascii');
      header.fill(' ', 148, 156);
      let sum = 0;
      for (const b of header) sum += b;
      header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
      const tarGz = gzip(Buffer.concat([header, tarBytes.subarray(512)]));
      await expectRefused('bomb', await forge.seal(tarGz), 'bundle.tooLarge');
    });

    it('refuses an archive missing one of its payload files as corrupt', async () => {
      await expectRefused('missing entry', await forge.forge({ signWith: 'original', entries: (list) => list.slice(0, 4) }), 'bundle.corrupt');
    });
  });

  describe('records signed by the site but not acceptable', () => {
    it('refuses duplicate subjects and form instances as duplicateRecord', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ file: fc.constantFrom('subjects.ndjson' as const, 'form_instances.ndjson' as const), line: fc.nat(), at: fc.nat(), changed: fc.boolean(), text: fc.string({ maxLength: 20 }) }),
          async ({ file, line, at, changed, text }) => {
            const all = lines(file);
            const original = all[line % all.length]!;
            const copy = changed ? JSON.stringify({ ...(JSON.parse(original) as object), created_by: `x${text}` }) : original;
            const position = at % (all.length + 1);
            const edited = [...all.slice(0, position), copy, ...all.slice(position)];
            await expectRefused('duplicate', await forge.forge({ files: { [file]: toNdjson(edited) } }), 'bundle.duplicateRecord');
          },
        ),
        { numRuns: 300 },
      );
    }, TIMEOUT);

    it('refuses malformed NDJSON lines (not JSON, wrong shape, unknown keys, invalid UTF-8, no final newline, too long) as malformedRecord', async () => {
      const longest = Math.max(...BUNDLE_FILES.flatMap((f) => lines(f).map((l) => Buffer.byteLength(l))));
      const junk = fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 100 }),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ kind: fc.constant('junk line' as const), file: fc.constantFrom(...BUNDLE_FILES), at: fc.nat(), text: junk.map((s) => s.replace(/\n/g, ' ')) }),
            fc.record({ kind: fc.constant('unknown key' as const), file: fc.constantFrom(...BUNDLE_FILES), line: fc.nat(), key: fc.stringMatching(/^[a-z]{1,12}$/) }),
            fc.record({ kind: fc.constant('wrong type' as const), file: fc.constantFrom(...BUNDLE_FILES), line: fc.nat(), field: fc.nat() }),
            fc.record({ kind: fc.constant('invalid UTF-8' as const), file: fc.constantFrom('subjects.ndjson' as const, 'form_instances.ndjson' as const), line: fc.nat(), byte: fc.constantFrom(0x80, 0xbf, 0xc3, 0xe2, 0xf0, 0xff) }),
            fc.record({ kind: fc.constant('no final newline' as const), file: fc.constantFrom(...BUNDLE_FILES) }),
            fc.record({ kind: fc.constant('too long' as const), fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }) }),
          ),
          async (c) => {
            if (c.kind === 'too long') {
              await expectRefused('malformed', base, 'bundle.malformedRecord', { ...DEFAULT_LIMITS, maxLineBytes: Math.floor(c.fraction * longest) });
              return;
            }
            const all = lines(c.file);
            let data: Buffer;
            if (c.kind === 'junk line') {
              const at = c.at % (all.length + 1);
              data = toNdjson([...all.slice(0, at), c.text, ...all.slice(at)]);
            } else if (c.kind === 'unknown key' || c.kind === 'wrong type') {
              const i = c.line % all.length;
              const record = JSON.parse(all[i]!) as Record<string, unknown>;
              const keys = Object.keys(record);
              const edited = c.kind === 'unknown key' ? { ...record, [`zz_${c.key}`]: 1 } : { ...record, [keys[c.field % keys.length]!]: [] };
              data = toNdjson(all.map((l, k) => (k === i ? JSON.stringify(edited) : l)));
            } else if (c.kind === 'invalid UTF-8') {
              const i = c.line % all.length;
              const at = Buffer.from(all[i]!).indexOf('"created_by":"') + '"created_by":"'.length;
              const line = Buffer.from(all[i]!);
              const edited = Buffer.concat([line.subarray(0, at), Buffer.from([c.byte]), line.subarray(at)]);
              data = Buffer.concat(all.map((l, k) => Buffer.concat([k === i ? edited : Buffer.from(l), Buffer.from('\n')])));
            } else data = forge.base.files[c.file].subarray(0, -1);
            await expectRefused('malformed', await forge.forge({ files: { [c.file]: data } }), 'bundle.malformedRecord');
          },
        ),
        { numRuns: 500 },
      );
    }, TIMEOUT);

    it('refuses a record carrying a byte that is not UTF-8 as malformedRecord, instead of merging it as U+FFFD', async () => {
      const [line, ...rest] = lines('subjects.ndjson');
      const at = Buffer.from(line!).indexOf('"created_by":"') + '"created_by":"'.length;
      const broken = Buffer.concat([Buffer.from(line!).subarray(0, at), Buffer.from([0xff]), Buffer.from(line!).subarray(at), Buffer.from(`\n${rest.join('\n')}\n`)]);
      await expectRefused('malformed', await forge.forge({ files: { 'subjects.ndjson': broken } }), 'bundle.malformedRecord');
    });

    it('reads a 7 MiB line in linear time: no slower than seven 1 MiB lines', async () => {
      // Both are refused only at the end of the file (hash mismatch), so every byte is read.
      const limits = { ...DEFAULT_LIMITS, maxRatio: 1e9 };
      const trail = lines('audit.ndjson');
      const oneLong = toNdjson(trail.map((l, i) => (i === 0 ? `${l}${' '.repeat(7 * MIB)}` : l)));
      const sevenShort = toNdjson(trail.map((l, i) => (i < 7 ? `${l}${' '.repeat(MIB)}` : l)));
      const time = async (data: Buffer): Promise<number> => {
        const bytes = await forge.forge({ files: { 'audit.ndjson': data }, keepManifestFiles: true, signWith: 'original' });
        let best = Infinity;
        for (let i = 0; i < 2; i += 1) {
          const started = performance.now();
          await expectRefused('payload hash', bytes, 'bundle.hashMismatch', limits);
          best = Math.min(best, performance.now() - started);
        }
        return best;
      };
      const short = await time(sevenShort);
      const long = await time(oneLong);
      expect(long).toBeLessThan(3 * short + 250);
    }, TIMEOUT);

    it('refuses records of another site as siteMismatch', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            file: fc.constantFrom('subjects.ndjson' as const, 'form_instances.ndjson' as const),
            line: fc.nat(),
            field: fc.constantFrom('site_id', 'subject'),
            other: otherSiteId,
            number: fc.integer({ min: 1, max: 9999 }),
          }),
          async ({ file, line, field, other, number }) => {
            const all = lines(file);
            const i = line % all.length;
            const record = JSON.parse(all[i]!) as Record<string, unknown>;
            const foreignSubject = `${other}-${String(number).padStart(4, '0')}`;
            const edited = field === 'site_id' ? { ...record, site_id: other } : file === 'subjects.ndjson' ? { ...record, id: foreignSubject } : { ...record, subject_id: foreignSubject };
            const bytes = await forge.forge({ files: { [file]: toNdjson(all.map((l, k) => (k === i ? JSON.stringify(edited) : l))) } });
            await expectRefused('site mismatch', bytes, 'merge.siteMismatch');
          },
        ),
        { numRuns: 250 },
      );
    }, TIMEOUT);

    it('refuses an audit trail that rewrites or drops history merged before as historyRewritten', async () => {
      const trail = audit();
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.record({ kind: fc.constant('dropped' as const), keep: fc.integer({ min: 0, max: mergedAudit - 1 }) }),
            fc.record({
              kind: fc.constant('rewritten' as const),
              at: fc.integer({ min: 1, max: mergedAudit }),
              field: fc.constantFrom('user', 'at', 'action', 'reason', 'details', 'new_value'),
              text: fc.string({ maxLength: 10 }),
              keep: fc.option(fc.integer({ min: 0, max: trail.length }), { nil: undefined }),
            }),
          ),
          async (c) => {
            let edited: AuditRecord[];
            if (c.kind === 'dropped') edited = trail.slice(0, c.keep);
            else {
              const rewritten = trail.map((r) => (r.id === c.at ? { ...r, [c.field]: `${String(r[c.field] ?? '')}·${c.text}` } : r));
              edited = rechainAudit(rewritten).slice(0, c.keep ?? trail.length);
            }
            const bytes = await forge.forge({ files: { 'audit.ndjson': recordsToNdjson(edited) } });
            await expectRefused('history rewritten', bytes, 'merge.historyRewritten');
          },
        ),
        { numRuns: 250 },
      );
    }, TIMEOUT);

    it('refuses a genuine older bundle as stale and merges the same bundle again as an unchanged no-op', async () => {
      await expectRefused('stale', first, 'merge.stale');
      const again = await mergeBundle(central, second);
      expect(again.status).toBe('unchanged');
      expect(await centralState()).toEqual(baseline);
    });
  });

  describe('after all of that', () => {
    let last = 2;
    /** IT01 as merged last: the bundle's hash, its form instances and its audit trail. */
    let merged = { sha256: '', records: [] as FormInstanceRecord[], trail: [] as AuditRecord[] };

    /**
     * The site's next bundle as its app would export it: these records, the trail extended with the entries
     * of their changes and the export's own entry, the last merged bundle named as the previous one.
     */
    async function nextBundle(records: FormInstanceRecord[], seal = (tarGz: Buffer) => forge.seal(tarGz)): Promise<{ bytes: Uint8Array; merged: () => void }> {
      const sequence = last + 1;
      const trail = extendAudit(merged.trail, [...changeEntries(merged.records, records), exportEntry(sequence)]);
      const tarGz = await forge.forgeTarGz({
        files: { 'form_instances.ndjson': recordsToNdjson(records), 'audit.ndjson': recordsToNdjson(trail) },
        manifest: (m) => ({ ...m, sequence, previousBundleSha256: merged.sha256 }),
      });
      const bytes = await seal(tarGz);
      return {
        bytes,
        merged: () => {
          last = sequence;
          merged = { sha256: sha256(bytes), records, trail };
        },
      };
    }

    it('still merges the genuine base bundle, and a re-signed copy with the next sequence and its export entry', async () => {
      const genuine = await mergeBundle(central, base);
      expect(genuine).toMatchObject({ status: 'merged', sequence: 3, counts: { quarantined: 0, subjects: 5 } });
      last = 3;
      merged = { sha256: sha256(base), records: instances(), trail: audit() };
      const next = await nextBundle(instances(), (tarGz) => forge.sealWithLibrary(tarGz));
      const copy = await mergeBundle(central, next.bytes);
      next.merged();
      expect(copy).toMatchObject({ status: 'merged', sequence: 4, counts: { quarantined: 0, changed: 0, added: 0 } });
    });

    it('quarantines records with unknown fields, out-of-range values or unknown forms, with reasons, and merges the rest', async () => {
      const rows = instances();
      const outOfRange: Record<string, [string, unknown]> = { dm: ['birth_year', 1800], cyc: ['d1_dose_mg', 42], ae: ['ae_grade', '9'] };
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(
            fc.record({ index: fc.nat(rows.length - 1), kind: fc.constantFrom('unknown field', 'out of range', 'unknown form'), name: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/) }),
            { minLength: 1, maxLength: 4, selector: (p) => p.index },
          ),
          async (picks) => {
            const edited: FormInstanceRecord[] = rows.map((r) => ({ ...r, data: { ...r.data } }));
            const expected = new Map<string, RegExp>();
            for (const p of picks) {
              const r = edited[p.index]!;
              const key = `${r.subject_id}|${r.form_key}|${r.instance_no}`;
              if (p.kind === 'unknown field') {
                r.data[`zz_${p.name}`] = 1;
                expected.set(key, new RegExp(`zz_${p.name}: not a field of ${r.form_key}`));
              } else if (p.kind === 'out of range') {
                const [field, value] = outOfRange[r.form_key]!;
                r.data[field] = value;
                expected.set(key, new RegExp(`^${field}: `));
              } else {
                const form = `zz${p.index}_${p.name}`.slice(0, 40);
                edited.push({ ...r, data: { ...rows[p.index]!.data }, form_key: form, instance_no: 1 });
                expected.set(`${r.subject_id}|${form}|1`, new RegExp(`unknown form ${form}`));
              }
            }
            const next = await nextBundle(edited);
            const result = await mergeBundle(central, next.bytes);
            next.merged();
            expect(result.status).toBe('merged');
            expect(result.counts.quarantined).toBe(expected.size);
            expect(result.counts.formInstances).toBe(edited.length - expected.size);
            const quarantine = await quarantineOfSite(central.store.db, 'IT01');
            expect(quarantine.map((q) => q.recordKey).sort()).toEqual([...expected.keys()].sort());
            for (const q of quarantine) {
              expect(q.sequence).toBe(last);
              expect(q.reasons.join('\n')).toMatch(expected.get(q.recordKey)!);
              expect(q.record).toMatchObject({ subject_id: q.recordKey.split('|')[0] });
            }
            tally.set('quarantined', (tally.get('quarantined') ?? 0) + 1);
          },
        ),
        { numRuns: 60 },
      );
      baseline = await centralState();
    }, TIMEOUT);

    it('refuses any older sequence as stale and another content under the last sequence as sequenceConflict', async () => {
      await expectRefused('stale', base, 'merge.stale');
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.integer({ min: 1, max: last - 1 }), fc.constant(last)), fc.string({ maxLength: 30 }), async (sequence, text) => {
          const bytes = await forge.forge({ manifest: (m) => ({ ...m, sequence, createdBy: `x${text}` }) });
          await expectRefused(sequence < last ? 'stale' : 'sequence conflict', bytes, sequence < last ? 'merge.stale' : 'merge.sequenceConflict');
        }),
        { numRuns: 400 },
      );
    }, TIMEOUT);

    it('tried more than 10,000 hostile bundles in all', () => {
      const refused = [...tally.entries()].filter(([kind]) => kind !== 'quarantined').reduce((n, [, v]) => n + v, 0);
      expect(refused).toBeGreaterThanOrEqual(10_000);
    });
  });
});
