// `edc redcap` on a site store: the four files, their hashes and what REDCap cannot compute, in the user's language.

import { join } from 'node:path';
import { checkRedcapFolder } from '../exports/redcap/redcap-rules';
import { edc } from '../helpers/cli';
import { createTestSite, PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('edc redcap', () => {
  const tmp = tempDir();
  let db = '';
  beforeAll(async () => {
    db = (await createTestSite(tmp.dir)).dbFile;
  });
  afterAll(() => tmp.cleanup());

  it('writes the REDCap project files of a site store and says what REDCap cannot compute', async () => {
    const out = join(tmp.dir, 'redcap');
    const r = await edc(['redcap', '--db', db, '--user', USERS.monitor, '--out', out], { EDC_PASSWORD: PASSWORDS.monitor });
    expect(r.code).toBe(0);
    for (const name of ['redcap_dictionary.csv', 'redcap_repeating.csv', 'redcap_import.csv', 'README.md']) expect(r.out).toContain(name);
    expect(r.out).toContain('Calculations REDCap cannot compute (1; read-only text fields, expression in the Field Annotation): age_first_dose');
    expect(checkRedcapFolder(out).violations).toEqual([]);
  });

  it('answers in Italian with EDC_LANG=it and refuses a language it does not have', async () => {
    const it = await edc(['redcap', '--db', db, '--user', USERS.monitor, '--out', join(tmp.dir, 'it')], { EDC_PASSWORD: PASSWORDS.monitor, EDC_LANG: 'it' });
    expect(it.out).toContain('Calcoli che REDCap non sa eseguire (1;');
    const bad = await edc(['redcap', '--db', db, '--user', USERS.monitor, '--out', join(tmp.dir, 'x'), '--lang', 'de'], { EDC_PASSWORD: PASSWORDS.monitor });
    expect(bad.code).toBe(2);
  });
});
