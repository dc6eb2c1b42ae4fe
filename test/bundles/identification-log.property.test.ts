// The identification log never leaves the site: subjects are enrolled with random identifying data
// (surnames, first names, valid codici fiscali, hospital record numbers, full birth dates), some of it
// later changed; every export is decrypted and gunzipped, and the whole archive is searched for every
// value ever entered — none may appear, old or current.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { coordinatorSecrets } from '../../src/core/central/coordinator-init';
import { decryptWith } from '../../src/core/crypto/age';
import type { Session } from '../../src/core/store/session';
import { getIdentity, setIdentity } from '../../src/core/subjects/identity';
import { isValidCodiceFiscale } from '../../src/shared/study/codice-fiscale';
import { enrolSubjects } from '../helpers/bundle-data';
import { untar } from '../helpers/bundle-forge';
import { createNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';

const MONTHS = 'ABCDEHLMPRST';
const OMOCODIA = 'LMNPQRSTUV';

/** Letters and digits, long enough not to occur by chance, never only hex digits (like the hashes). */
const token = (min: number, max: number): fc.Arbitrary<string> =>
  fc.stringMatching(new RegExp(`^[A-Za-z][A-Za-z0-9]{${min - 1},${max - 1}}$`)).filter((s) => /[g-zG-Z]/.test(s));

/** A codice fiscale of valid shape, sometimes with omocodia, completed with its correct check character. */
const codiceFiscale: fc.Arbitrary<string> = fc
  .record({
    names: fc.stringMatching(/^[A-Z]{6}$/),
    year: fc.integer({ min: 0, max: 99 }),
    month: fc.constantFrom(...MONTHS),
    day: fc.integer({ min: 1, max: 31 }),
    female: fc.boolean(),
    place: fc.tuple(fc.constantFrom(...'ABCDEFGHILMZ'), fc.integer({ min: 1, max: 999 })),
    omocodia: fc.array(fc.constantFrom(6, 7, 9, 10, 12, 13, 14), { maxLength: 2 }),
  })
  .map(({ names, year, month, day, female, place, omocodia }) => {
    const chars = `${names}${String(year).padStart(2, '0')}${month}${String(day + (female ? 40 : 0)).padStart(2, '0')}${place[0]}${String(place[1]).padStart(3, '0')}`.split('');
    for (const i of omocodia) if (/\d/.test(chars[i]!)) chars[i] = OMOCODIA[Number(chars[i])]!;
    const body = chars.join('');
    const check = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].find((c) => isValidCodiceFiscale(`${body}${c}`));
    if (!check) throw new Error(`no check character for ${body}`);
    return `${body}${check}`;
  });

const birthDate = fc
  .date({ min: new Date('1925-01-01T00:00:00Z'), max: new Date('1999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const identity = fc.record({
  sil_surname: token(8, 30),
  sil_first_name: token(8, 20),
  sil_codice_fiscale: codiceFiscale,
  sil_hospital_record_no: fc.array(token(8, 14), { minLength: 1, maxLength: 3 }),
  sil_birth_date: birthDate,
});
type Identity = typeof identity extends fc.Arbitrary<infer T> ? T : never;

function valuesOf(entry: Identity): string[] {
  return [entry.sil_surname, entry.sil_first_name, entry.sil_codice_fiscale, ...entry.sil_hospital_record_no, entry.sil_birth_date];
}

describe('the identification log never leaves the site', () => {
  const tmp = tempDir();
  let site: Session;
  let coordinatorIdentity: string;
  const entered = new Set<string>();

  beforeAll(async () => {
    const net = await createNetwork(tmp.dir);
    const it01 = await net.addSite('IT01');
    site = await it01.login('data_entry');
    const central = await net.central();
    try {
      coordinatorIdentity = (await coordinatorSecrets(central.store.db)).ageIdentity;
    } finally {
      await central.close();
    }
  }, 60_000);
  afterAll(async () => {
    await site.close();
    tmp.cleanup();
  });

  it('finds none of hundreds of random identifiers, old or current, in the decrypted archive of any export', async () => {
    let subjects: string[] = [];
    let exports = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(identity, { minLength: 15, maxLength: 30 }), fc.array(fc.tuple(fc.nat(), identity), { maxLength: 8 }), async (fresh, changes) => {
        // Enrol subjects with their log entries (through the real save path, with forms and audit).
        const ids = await enrolSubjects(site, fresh.length, { seed: subjects.length + 1, cycles: 1, identity: (i) => fresh[i] });
        subjects = [...subjects, ...ids];
        for (const entry of fresh) for (const v of valuesOf(entry)) entered.add(v);
        expect((await getIdentity(site, { subjectId: ids[0]! })).sil_codice_fiscale).toBe(fresh[0]!.sil_codice_fiscale);
        // Change some entries later: the replaced values must not surface either (e.g. through the audit trail).
        for (const [pick, entry] of changes) {
          const subjectId = subjects[pick % subjects.length]!;
          await setIdentity(site, { subjectId, identity: entry });
          for (const v of valuesOf(entry)) entered.add(v);
        }

        const exported = await exportBundle(site, join(tmp.dir, 'usb'));
        exports += 1;
        const tarBytes = gunzipSync(await decryptWith([coordinatorIdentity], readFileSync(exported.file)));
        // The archive really is the full snapshot: pseudonyms and entries' file names are there.
        expect((await untar(tarBytes)).map((e) => e.name)).toEqual(['manifest.json', 'manifest.sig', 'subjects.ndjson', 'form_instances.ndjson', 'audit.ndjson']);
        for (const id of subjects) expect(tarBytes.includes(Buffer.from(`"${id}"`))).toBe(true);
        const leaked = [...entered].filter((v) => tarBytes.includes(Buffer.from(v, 'utf8')) || tarBytes.includes(Buffer.from(v.toLowerCase(), 'utf8')));
        expect(leaked).toEqual([]);
      }),
      { numRuns: 6 },
    );
    expect(exports).toBeGreaterThanOrEqual(6);
    expect(entered.size).toBeGreaterThanOrEqual(300);
  }, 300_000);
});
