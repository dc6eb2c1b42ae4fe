// What the centre says about a damaged bundle sends the operator the right way: a damaged age header is
// damage (ask for a new copy), a well-formed header for other keys is a wrong recipient (the site used
// another kit), another file is not a bundle; a record nested thousands of levels deep is a malformed
// record, refused before anything recursive touches it, on either thread. The store never changes.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { requireSiteKeys } from '../../src/core/bundles/site-identity';
import { centralDigest } from '../../src/core/central/central-digest';
import { mergeBundle, type MergeOptions } from '../../src/core/central/merge-bundle';
import { generateAgeKey } from '../../src/core/crypto/age';
import type { Session } from '../../src/core/store/session';
import { listMergedBundles } from '../../src/db/repositories/central.repository';
import type { FormInstanceRecord } from '../../src/shared/contract/bundle-records';
import { AppError } from '../../src/shared/errors/app-error';
import { enrolSubjects } from '../helpers/bundle-data';
import { BundleForge, forgeKeys, ndjsonLines, openBundle, toNdjson } from '../helpers/bundle-forge';
import { createNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';

/** The lines of an age header (age-encryption.org/v1): version, then per recipient "-> X25519 share" and the wrapped key, then "--- MAC". */
function headerLines(bytes: Uint8Array): { lines: string[]; end: number } {
  const buffer = Buffer.from(bytes);
  const macLine = buffer.indexOf('\n--- ');
  const end = buffer.indexOf('\n', macLine + 1) + 1;
  return { lines: buffer.subarray(0, end - 1).toString('latin1').split('\n'), end };
}

function withHeader(bytes: Uint8Array, lines: readonly string[]): Buffer {
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n`, 'latin1'), Buffer.from(bytes).subarray(headerLines(bytes).end)]);
}

/** Another base64 character in place of the one at `at`: the line still parses, its bytes differ. */
function otherCharAt(line: string, at: number): string {
  return `${line.slice(0, at)}${line[at] === 'A' ? 'B' : 'A'}${line.slice(at + 1)}`;
}

describe('damaged bundles at the coordinating centre', () => {
  const tmp = tempDir();
  let central: Session;
  let site: Session;
  let forge: BundleForge;
  /** The site's bundle sealed to the coordinator first, then to the site itself (as exports are). */
  let sealed: Uint8Array;
  let options: MergeOptions;
  let n = 0;

  const state = async (): Promise<{ digest: string; merged: number }> => ({ digest: await centralDigest(central.store.db), merged: (await listMergedBundles(central.store.db)).length });

  async function refusal(bytes: Uint8Array, threaded = false): Promise<AppError> {
    const before = await state();
    let input: Uint8Array | string = bytes;
    if (threaded) {
      n += 1;
      input = join(tmp.dir, `damaged-${n}.edcbundle`);
      writeFileSync(input, bytes);
    }
    try {
      const result = await mergeBundle(central, input, { ...options, ...(threaded ? { threadedFrom: 0 } : {}) });
      throw new Error(`accepted: ${result.status}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      expect(await state()).toEqual(before);
      return error;
    }
  }

  const code = async (bytes: Uint8Array, threaded = false): Promise<string> => (await refusal(bytes, threaded)).code;

  beforeAll(async () => {
    const net = await createNetwork(tmp.dir);
    const it01 = await net.addSite('IT01');
    site = await it01.login('data_entry');
    central = await net.central();
    options = { registerSites: new Map([['IT01', it01.fingerprint]]) };
    await enrolSubjects(site, 2, { seed: 41 });
    const exported = await exportBundle(site, join(tmp.dir, 'usb'));
    const keys = await forgeKeys(central, site);
    forge = new BundleForge(await openBundle(readFileSync(exported.file), keys.identity), keys);
    sealed = await forge.sealWithLibrary(forge.base.tarGz, [keys.recipient, (await requireSiteKeys(site.store.db)).ageRecipient]);
  }, 60_000);

  afterAll(async () => {
    await site.close();
    await central.close();
    tmp.cleanup();
  });

  describe('the age header', () => {
    it('starts from a bundle sealed as exports are: the version line, two stanzas, the MAC', () => {
      const { lines } = headerLines(sealed);
      expect(lines.map((l) => l.split(' ')[0])).toEqual(['age-encryption.org/v1', '->', expect.any(String), '->', expect.any(String), '---']);
    });

    it('reports a header MAC that does not verify as corrupt', async () => {
      const { lines } = headerLines(sealed);
      expect(await code(withHeader(sealed, lines.map((l, i) => (i === 5 ? otherCharAt(l, 4) : l))))).toBe('bundle.corrupt');
    });

    it('reports the other recipient’s stanza altered (ours still opens, the MAC fails) as corrupt, on either thread', async () => {
      const { lines } = headerLines(sealed);
      const damaged = withHeader(sealed, lines.map((l, i) => (i === 4 ? otherCharAt(l, 0) : l)));
      expect(await code(damaged)).toBe('bundle.corrupt');
      expect(await code(damaged, true)).toBe('bundle.corrupt');
    });

    it('reports a header that no longer parses (a broken stanza marker, a byte that is not ASCII, cut short) as corrupt', async () => {
      const { lines, end } = headerLines(sealed);
      expect(await code(withHeader(sealed, lines.map((l, i) => (i === 3 ? `-<${l.slice(2)}` : l))))).toBe('bundle.corrupt');
      const nonAscii = Buffer.from(sealed);
      nonAscii[lines[0]!.length + lines[1]!.length + 5] = 0xe9;
      expect(await code(nonAscii)).toBe('bundle.corrupt');
      expect(await code(Buffer.from(sealed).subarray(0, end - 20))).toBe('bundle.corrupt');
    });

    it('reports any single bit flipped in the age header as corrupt, our own stanza included', async () => {
      const { end } = headerLines(sealed);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: end - 1 }), fc.integer({ min: 0, max: 7 }), async (at, bit) => {
          const flipped = Buffer.from(sealed);
          flipped[at]! ^= 1 << bit;
          expect(await code(flipped)).toBe('bundle.corrupt');
        }),
        { numRuns: 400 },
      );
    }, 120_000);

    it('reports a well-formed header for other keys only as wrongRecipient, and a file that does not open as age as notABundle', async () => {
      const stranger = await generateAgeKey();
      expect(await code(await forge.sealWithLibrary(forge.base.tarGz, [stranger.recipient]))).toBe('bundle.wrongRecipient');
      const { lines } = headerLines(sealed);
      expect(await code(withHeader(sealed, ['age-encryption.org/v2', ...lines.slice(1)]))).toBe('bundle.notABundle');
    });
  });

  describe('records nested too deep', () => {
    /** The instances file with one value replaced by JSON text (built as text: a serialiser would recurse). */
    function withValue(json: string): Buffer {
      const lines = ndjsonLines(forge.base.files['form_instances.ndjson']);
      const record = JSON.parse(lines[0]!) as FormInstanceRecord;
      const line = JSON.stringify({ ...record, data: { ...record.data, weight_kg: '@value@' } }).replace('"@value@"', json);
      return toNdjson([line, ...lines.slice(1)]);
    }

    it('refuses a value nested 5,000 arrays or objects deep as malformedRecord “nested too deep”, on either thread', async () => {
      for (const deep of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
        const bytes = await forge.forge({ files: { 'form_instances.ndjson': withValue(deep) } });
        for (const threaded of [false, true]) {
          const error = await refusal(bytes, threaded);
          expect(error.code).toBe('bundle.malformedRecord');
          expect(error.messageIn('en')).toContain('form_instances.ndjson line 1: nested too deep');
          expect(error.messageIn('it')).toContain('annidato troppo in profondità');
        }
      }
    });
  });
});
