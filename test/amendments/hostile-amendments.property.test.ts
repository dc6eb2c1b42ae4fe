// Hostile amendments at the site: return bundles signed by the pinned coordinator key whose amendments
// section holds a downgrade, another study's amendment, a wrong base version, a definition that is invalid
// or not the one hashed, a migration that would lose data, a diff that is not the real one, a malformed
// record, or a good amendment followed by a bad one — more than 1,000 cases, each refused with its own code
// while the site store file stays byte-for-byte as it was; the genuine bundle still applies afterwards.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { importReturn } from '../../src/core/bundles/import-return';
import { requireSiteKeys } from '../../src/core/bundles/site-identity';
import { coordinatorSecrets } from '../../src/core/central/coordinator-init';
import { decryptWith } from '../../src/core/crypto/age';
import { signBytes } from '../../src/core/crypto/signing';
import type { Session } from '../../src/core/store/session';
import type { AmendmentDocument } from '../../src/shared/contract/amendments';
import { RETURN_SECTIONS, type ReturnManifest } from '../../src/shared/contract/return-bundles';
import { AppError } from '../../src/shared/errors/app-error';
import { ageEncrypt, gzip, manifestToBytes, packTar, sha256, untar, type TarEntry } from '../helpers/bundle-forge';
import { tempDir } from '../helpers/temp';
import { amendedNetwork } from './amendment-fixture';
import { storeFileBytesDigest } from '../helpers/digest';

const TIMEOUT = 900_000;
const AMENDMENTS = RETURN_SECTIONS.indexOf('amendments');

describe('hostile amendments at the site', () => {
  const tmp = tempDir();
  let site: Session;
  let dbFile: string;
  let genuine: Buffer;
  let entries: TarEntry[];
  let manifest: ReturnManifest;
  let doc: AmendmentDocument;
  let recipient: string;
  let coordinatorKey: string;
  let cases = 0;

  beforeAll(async () => {
    const amended = await amendedNetwork(tmp.dir, 2);
    dbFile = amended.dbFile;
    genuine = readFileSync(amended.returnFile);
    const central = await amended.net.central();
    coordinatorKey = (await coordinatorSecrets(central.store.db)).signingPrivateKeyPem;
    await central.close();
    site = await amended.login();
    const keys = await requireSiteKeys(site.store.db);
    recipient = keys.ageRecipient;
    entries = await untar(gunzipSync(await decryptWith([keys.ageIdentity], genuine)));
    manifest = JSON.parse(entries[0]!.data.toString('utf8')) as ReturnManifest;
    doc = JSON.parse(entries[2 + AMENDMENTS]!.data.toString('utf8')) as AmendmentDocument;
  }, 180_000);
  afterAll(async () => {
    await site.close();
    tmp.cleanup();
  });

  const storeBytes = (): string => storeFileBytesDigest(dbFile);

  /** A return bundle like the genuine one whose amendments section holds `records`, restated and signed by the centre. */
  async function forge(records: readonly unknown[]): Promise<Buffer> {
    const sections = entries.slice(2).map((e, i) => (i === AMENDMENTS ? { name: e.name, data: Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''), 'utf8') } : e));
    const m: ReturnManifest = { ...manifest, files: manifest.files.map((f, i) => ({ ...f, sha256: sha256(sections[i]!.data), size: sections[i]!.data.length, records: sections[i]!.data.toString('utf8').split('\n').length - 1 })) };
    const bytes = manifestToBytes(m);
    return ageEncrypt([recipient], gzip(await packTar([{ name: 'manifest.json', data: bytes }, { name: 'manifest.sig', data: signBytes(coordinatorKey, bytes) }, ...sections])));
  }

  /** Imports a bundle carrying `records`; returns the refusal's code (or the status), the store compared byte for byte. */
  async function attempt(records: readonly unknown[]): Promise<string> {
    cases += 1;
    const bytes = await forge(records);
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

  const definition = (): Record<string, unknown> => doc.definition as Record<string, unknown>;

  it('refuses a downgrade below the site\'s version', async () => {
    expect(await attempt([{ ...doc, baseVersion: '0.0.1', version: '0.0.9' }])).toBe('return.amendmentDowngrade');
  });

  it('refuses an amendment of another study', async () => {
    expect(await attempt([{ ...doc, study: 'other-study' }])).toBe('return.amendmentOtherStudy');
  });

  it('refuses an amendment whose base version is not the site\'s', async () => {
    expect(await attempt([{ ...doc, baseVersion: '1.0.0' }])).toBe('return.amendmentWrongBase');
  });

  it('refuses every hostile amendment with the code of its kind and leaves the store unchanged', async () => {
    const part = fc.integer({ min: 0, max: 40 });
    const version = fc.tuple(part, part, part).map(([a, b, c]) => `${a}.${b}.${c}`);
    const below = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([lo, hi]) => ({ base: `0.0.${Math.min(lo, hi - 1)}`, version: `0.0.${hi}` }));
    const kinds = fc.oneof(
      fc.stringMatching(/^[a-z][a-z0-9-]{1,20}$/).filter((s) => s !== doc.study).map((study) => ({ kind: 'study' as const, study })),
      below.map((v) => ({ kind: 'below' as const, ...v })),
      fc.tuple(version, part).map(([base, less]) => ({ kind: 'notForward' as const, base, less })),
      version.filter((v) => v !== doc.baseVersion).map((base) => ({ kind: 'base' as const, base })),
      fc.stringMatching(/^[0-9a-f]{64}$/).filter((h) => h !== doc.definitionHash).map((hash) => ({ kind: 'hash' as const, hash })),
      fc.jsonValue({ maxDepth: 3 }).map((value) => ({ kind: 'definition' as const, value })),
      version.filter((v) => v !== doc.version).map((v) => ({ kind: 'definitionVersion' as const, v })),
      fc.oneof(fc.constant(null), fc.stringMatching(/^[A-Z]{2,5}$/)).map((to) => ({ kind: 'recode' as const, to })),
      fc.constant({ kind: 'noRename' as const }),
      fc.nat().map((at) => ({ kind: 'dropChange' as const, at })),
      fc.stringMatching(/^[a-z]{2,10}$/).map((field) => ({ kind: 'addChange' as const, field })),
      fc.tuple(fc.stringMatching(/^[a-zA-Z]{1,12}$/), fc.jsonValue({ maxDepth: 1 })).filter(([key]) => !(key in doc)).map(([key, value]) => ({ kind: 'extraKey' as const, key, value })),
      fc.constantFrom('format', 'version', 'baseVersion', 'definitionHash', 'migration', 'changes', 'createdAt').map((key) => ({ kind: 'badValue' as const, key })),
      fc.constant({ kind: 'chain' as const }),
    );
    await fc.assert(
      fc.asyncProperty(kinds, async (k) => {
        switch (k.kind) {
          case 'study':
            return expect(await attempt([{ ...doc, study: k.study }])).toBe('return.amendmentOtherStudy');
          case 'below':
            return expect(await attempt([{ ...doc, baseVersion: k.base, version: k.version }])).toBe('return.amendmentDowngrade');
          case 'notForward': {
            // A version not after its own base (the base itself, or lower).
            const [a, b, c] = k.base.split('.').map(Number) as [number, number, number];
            const v = k.less === 0 || c === 0 ? k.base : `${a}.${b}.${Math.max(0, c - k.less)}`;
            return expect(await attempt([{ ...doc, baseVersion: k.base, version: v }])).toBe('return.amendmentDowngrade');
          }
          case 'base': {
            const major = Number(k.base.split('.')[0]) + 1;
            return expect(await attempt([{ ...doc, baseVersion: k.base, version: `${major}.0.0` }])).toBe('return.amendmentWrongBase');
          }
          case 'hash':
            return expect(await attempt([{ ...doc, definitionHash: k.hash }])).toBe('return.amendmentHashMismatch');
          case 'definition':
            return expect(await attempt([{ ...doc, definition: k.value }])).toBe('return.amendmentInvalid');
          case 'definitionVersion':
            return expect(await attempt([{ ...doc, definition: { ...definition(), version: k.v } }])).toBe('return.amendmentInvalid');
          case 'recode':
            return expect(await attempt([{ ...doc, migration: { ...doc.migration, recodes: [{ form: 'dm', field: 'sex', map: { '1': k.to, '2': 'F' } }] } }])).toBe('return.amendmentLossy');
          case 'noRename':
            return expect(await attempt([{ ...doc, migration: { ...doc.migration, renames: [] } }])).toBe('return.amendmentLossy');
          case 'dropChange':
            return expect(await attempt([{ ...doc, changes: doc.changes.filter((_, i) => i !== k.at % doc.changes.length) }])).toBe('return.amendmentDiffMismatch');
          case 'addChange':
            return expect(await attempt([{ ...doc, changes: [...doc.changes, { kind: 'field.added', form: 'dm', field: k.field }] }])).toBe('return.amendmentDiffMismatch');
          case 'extraKey':
            return expect(await attempt([{ ...doc, [k.key]: k.value }])).toBe('bundle.malformedRecord');
          case 'badValue':
            return expect(await attempt([{ ...doc, [k.key]: k.key === 'migration' || k.key === 'changes' ? 'x' : 42 }])).toBe('bundle.malformedRecord');
          case 'chain':
            // The good amendment is applied first, then the second is refused: nothing of either stays.
            return expect(await attempt([doc, { ...doc, baseVersion: '1.0.0', version: '1.2.0' }])).toBe('return.amendmentWrongBase');
        }
      }),
      { numRuns: 1100 },
    );
    expect(cases).toBeGreaterThanOrEqual(1000);
  }, TIMEOUT);

  it('still applies the genuine amendment after all of it, and the open session goes on under 1.1.0', async () => {
    const result = await importReturn(site, genuine);
    expect(result.status).toBe('applied');
    expect(result.amendments).toEqual([expect.objectContaining({ version: '1.1.0', status: 'applied' })]);
    expect(site.study.definition.version).toBe('1.1.0');
  });
});
