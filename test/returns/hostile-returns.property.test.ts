// Hostile return bundles at the site: more than 5,000 flipped, truncated, forged, replayed and malicious
// return bundles, each refused with the code of its kind (the same bundle again: nothing changed) while the
// site store file stays byte-for-byte as it was.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReturn } from '../../src/core/bundles/import-return';
import { requireSiteKeys } from '../../src/core/bundles/site-identity';
import { lockCentral } from '../../src/core/central/central-locks';
import { coordinatorSecrets } from '../../src/core/central/coordinator-init';
import { exportReturn } from '../../src/core/central/export-return';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { generateAgeKey } from '../../src/core/crypto/age';
import { signBytes } from '../../src/core/crypto/signing';
import { markReviewed } from '../../src/core/review/review-marks';
import type { Session } from '../../src/core/store/session';
import type { ReturnManifest } from '../../src/shared/contract/return-bundles';
import { AppError } from '../../src/shared/errors/app-error';
import { enrolSubjects } from '../helpers/bundle-data';
import { ageEncrypt, gzip, manifestToBytes, newSigningKey, packTar, sha256, untar, type EntryType, type TarEntry } from '../helpers/bundle-forge';
import { decryptWith } from '../../src/core/crypto/age';
import { gunzipSync } from 'node:zlib';
import { createNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { storeFileBytesDigest } from '../helpers/digest';

const INTEGRITY = ['bundle.corrupt', 'return.wrongRecipient', 'bundle.notABundle'];
const TIMEOUT = 600_000;

describe('hostile return bundles at the site', () => {
  const tmp = tempDir();
  let site: Session;
  let dbFile: string;
  let older: Buffer;
  let genuine: Buffer;
  let entries: TarEntry[];
  let manifest: ReturnManifest;
  let recipient: string;
  let coordinatorKey: string;
  let strangerRecipient: string;
  const stranger = newSigningKey();
  let cases = 0;

  beforeAll(async () => {
    const net = await createNetwork(tmp.dir);
    const added = await net.addSite('IT01');
    dbFile = added.dbFile;
    const s = await added.login('admin');
    const c = await net.central();
    const subjects = await enrolSubjects(s, 2, { cycles: 1, adverseEvents: 0 });
    await mergeBundle(c, (await exportBundle(s, join(tmp.dir, 'usb'))).file, { registerSites: new Map([['IT01', added.fingerprint]]) });
    await markReviewed(c, { subjectId: subjects[0]!, form: 'dm', instanceNo: 1 });
    await lockCentral(c, { scope: 'subject', target: subjects[1]!, reason: 'interim analysis', coordinatorDir: net.coordinatorDir });
    older = readFileSync((await exportReturn(c, { siteId: 'IT01', outDir: join(tmp.dir, 'back') })).file);
    genuine = readFileSync((await exportReturn(c, { siteId: 'IT01', outDir: join(tmp.dir, 'back') })).file);
    coordinatorKey = (await coordinatorSecrets(c.store.db)).signingPrivateKeyPem;
    await c.close();
    await importReturn(s, genuine);
    const keys = await requireSiteKeys(s.store.db);
    recipient = keys.ageRecipient;
    entries = await untar(gunzipSync(await decryptWith([keys.ageIdentity], genuine)));
    manifest = JSON.parse(entries[0]!.data.toString('utf8')) as ReturnManifest;
    strangerRecipient = (await generateAgeKey()).recipient;
    site = s;
  }, 120_000);
  afterAll(async () => {
    await site.close();
    tmp.cleanup();
  });

  const storeBytes = (): string => storeFileBytesDigest(dbFile);

  /** Imports `bytes` and returns the refusal's code (or the status when it was accepted), the store compared byte for byte. */
  async function attempt(bytes: Uint8Array): Promise<string> {
    cases += 1;
    const before = storeBytes();
    let outcome: string;
    try {
      outcome = (await importReturn(site, bytes)).status;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcome = error.code;
    }
    expect(storeBytes()).toBe(before);
    return outcome;
  }

  /** A return bundle re-made from entries: the manifest restated over the sections, signed, packed, encrypted. */
  async function forge(options: { manifest?: (m: ReturnManifest) => ReturnManifest; sections?: (e: TarEntry[]) => TarEntry[]; restate?: boolean; signer?: string; to?: string; raw?: TarEntry[] }): Promise<Buffer> {
    if (options.raw) return ageEncrypt([options.to ?? recipient], gzip(await packTar(options.raw)));
    const sections = options.sections ? options.sections(entries.slice(2)) : entries.slice(2);
    let m: ReturnManifest = options.restate === false ? manifest : { ...manifest, files: manifest.files.map((f, i) => ({ ...f, sha256: sha256(sections[i]!.data), size: sections[i]!.data.length, records: sections[i]!.data.toString('utf8').split('\n').length - 1 })) };
    if (options.manifest) m = options.manifest(m);
    const bytes = manifestToBytes(m);
    const signature = signBytes(options.signer ?? coordinatorKey, bytes);
    return ageEncrypt([options.to ?? recipient], gzip(await packTar([{ name: 'manifest.json', data: bytes }, { name: 'manifest.sig', data: signature }, ...sections])));
  }

  const replaceLine = (index: number, line: string) => (sections: TarEntry[]): TarEntry[] =>
    sections.map((e, i) => (i === index % sections.length ? { name: e.name, data: Buffer.concat([e.data, Buffer.from(`${line}\n`, 'utf8')]) } : e));

  it('refuses every single flipped bit as damage or as not for this site', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: genuine.length - 1 }), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
        const flipped = Buffer.from(genuine);
        flipped[at]! ^= 1 << bit;
        expect(INTEGRITY).toContain(await attempt(flipped));
      }),
      { numRuns: 2000 },
    );
  }, TIMEOUT);

  it('refuses every truncation as damage', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: genuine.length - 1 }), async (length) => {
        expect(INTEGRITY).toContain(await attempt(genuine.subarray(0, length)));
      }),
      { numRuns: 1000 },
    );
  }, TIMEOUT);

  it('refuses forgeries, strangers, other sites, older bundles and unsafe archives each with its own code; the same bundle again changes nothing', async () => {
    const unsafeName = fc.constantFrom('../receipts.ndjson', '/etc/passwd', 'sub/receipts.ndjson', 'C:receipts.ndjson', '..\\x');
    const unsafeType = fc.constantFrom<EntryType>('symlink', 'link', 'directory', 'fifo', 'character-device');
    const garbage = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes('\n') && (() => { try { JSON.parse(s); return false; } catch { return true; } })());
    const kinds = fc.oneof(
      fc.constant({ kind: 'signer' as const }),
      fc.constant({ kind: 'recipient' as const }),
      fc.stringMatching(/^[A-Z0-9]{2,6}$/).filter((s) => s !== 'IT01').map((siteId) => ({ kind: 'site' as const, siteId })),
      fc.stringMatching(/^[a-z][a-z0-9-]{1,20}$/).filter((s) => s !== manifest.study.id).map((studyId) => ({ kind: 'study' as const, studyId })),
      fc.constant({ kind: 'stale' as const }),
      fc.constant({ kind: 'replay' as const }),
      fc.tuple(unsafeName, fc.nat(4)).map(([name, at]) => ({ kind: 'unsafeName' as const, name, at })),
      fc.tuple(unsafeType, fc.nat(4)).map(([type, at]) => ({ kind: 'unsafeType' as const, type, at })),
      fc.tuple(garbage, fc.nat(2)).map(([line, section]) => ({ kind: 'badJson' as const, line, section })),
      fc.tuple(fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }), fc.nat(2)).map(([record, section]) => ({ kind: 'badRecord' as const, record, section })),
      fc.nat(2).map((section) => ({ kind: 'hash' as const, section })),
    );
    await fc.assert(
      fc.asyncProperty(kinds, async (k) => {
        switch (k.kind) {
          case 'signer':
            return expect(await attempt(await forge({ signer: stranger.privateKeyPem, manifest: (m) => ({ ...m, sequence: m.sequence + 1 }) }))).toBe('return.notSigned');
          case 'recipient':
            return expect(await attempt(await forge({ to: strangerRecipient, manifest: (m) => ({ ...m, sequence: m.sequence + 1 }) }))).toBe('return.wrongRecipient');
          case 'site':
            return expect(await attempt(await forge({ manifest: (m) => ({ ...m, sequence: m.sequence + 1, site: { ...m.site, id: k.siteId } }) }))).toBe('return.otherSite');
          case 'study':
            return expect(await attempt(await forge({ manifest: (m) => ({ ...m, sequence: m.sequence + 1, study: { ...m.study, id: k.studyId } }) }))).toBe('return.otherStudy');
          case 'stale':
            return expect(await attempt(older)).toBe('return.stale');
          case 'replay':
            return expect(await attempt(genuine)).toBe('unchanged');
          case 'unsafeName': {
            const raw = [...entries];
            raw.splice(k.at % (raw.length + 1), 0, { name: k.name, data: Buffer.from('{}\n') });
            return expect(await attempt(await forge({ raw }))).toBe('bundle.unsafeEntry');
          }
          case 'unsafeType': {
            const raw = [...entries];
            raw.splice(k.at % (raw.length + 1), 0, { name: 'receipts.ndjson', data: Buffer.alloc(0), type: k.type, linkname: '/etc/passwd' });
            return expect(await attempt(await forge({ raw }))).toBe('bundle.unsafeEntry');
          }
          case 'badJson':
            return expect(await attempt(await forge({ sections: replaceLine(k.section, k.line), manifest: (m) => ({ ...m, sequence: m.sequence + 1 }) }))).toBe('bundle.malformedRecord');
          case 'badRecord':
            return expect(await attempt(await forge({ sections: replaceLine(k.section, JSON.stringify(k.record)), manifest: (m) => ({ ...m, sequence: m.sequence + 1 }) }))).toBe('bundle.malformedRecord');
          case 'hash':
            return expect(await attempt(await forge({ restate: false, sections: replaceLine(k.section, '{}'), manifest: (m) => ({ ...m, sequence: m.sequence + 1 }) }))).toBe('bundle.hashMismatch');
        }
      }),
      { numRuns: 2100 },
    );
    expect(cases).toBeGreaterThanOrEqual(5000);
  }, TIMEOUT);

  it('still applies the next genuine return bundle after all of it', async () => {
    const next = await forge({ manifest: (m) => ({ ...m, sequence: m.sequence + 1 }) });
    expect((await importReturn(site, next)).status).toBe('applied');
  });
});
