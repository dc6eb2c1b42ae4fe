// Printable CRFs: the blank CRF names every form, field and choice of the study in the chosen language with the
// check messages; the filled casebook shows values, the audit summary and the signature manifestation; the CLI
// writes the same layout.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { blankCrfHtml } from '../../src/core/exports/crf/blank-crf';
import { printDocument } from '../../src/core/exports/crf/print-document';
import { signForm } from '../../src/core/forms/instance-actions';
import { saveForm } from '../../src/core/forms/save-form';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { edc } from '../helpers/cli';
import { createTestSite, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const DM = { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60, dx_date: '2019-03', comorb_any: '0' };
/** The text a reader sees: tags dropped, entities decoded. */
const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/\s+/g, ' ');

describe('printable CRFs', () => {
  const tmp = tempDir();
  let site: TestSite;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
  });
  afterAll(() => tmp.cleanup());

  it('prints every form title, field label, choice label and check message of ino-all-it in Italian and in English', () => {
    const study = loadBuiltInStudy('ino-all-it');
    for (const lang of ['it', 'en'] as const) {
      const page = text(blankCrfHtml(study, lang));
      for (const form of study.definition.forms) {
        expect(page).toContain(`${form.specId} ${form.title[lang]}`);
        for (const field of form.fields) expect(page).toContain(field.label[lang].replace(/\s+/g, ' '));
      }
      for (const check of study.definition.checks) expect(page).toContain(check.message[lang].replace(/\s+/g, ' '));
      expect(page).toContain(study.definition.signatureMeaning[lang].replace(/\s+/g, ' '));
    }
    const it = text(blankCrfHtml(study, 'it'));
    const sex = study.compiled.field('dm', 'sex')!.choices!;
    for (const c of sex) expect(it).toContain(c.label.it);
  });

  it('prints a signed casebook with its values as labels, the audit summary and the printed name, time and meaning of the signature', async () => {
    const entry = await site.login('data_entry');
    const investigator = await site.login('investigator');
    let subjectId: string;
    try {
      subjectId = (await createSubject(entry, {})).id;
      await saveForm(entry, SaveFormInput.parse({ subjectId, form: 'dm', data: DM, complete: true }));
      site.setNow('2026-11-26T09:30:00.000Z');
      await signForm(investigator, { subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator });
      const doc = await printDocument(entry, { kind: 'casebook', lang: 'en', subjectId });
      const page = text(doc.html);
      expect(doc.fileName).toBe(`casebook_${subjectId}_en.pdf`);
      expect(page).toContain(`Casebook ${subjectId}`);
      const sexLabel = site.study.compiled.field('dm', 'sex')!.choices!.find((c) => c.code === '2')!.label.en;
      expect(page).toContain(`${sexLabel} [2]`);
      expect(page).toContain('Electronic signature (21 CFR 11.50)');
      // The printed name is the signer's full name as the store knows it (test users are named after their role).
      expect(page).toContain(`Signed by: investigator (${USERS.investigator})`);
      expect(page).toContain('Date and time (UTC): ');
      expect(page).toMatch(/26\/11\/2026|2026-11-26|26 Nov/);
      expect(page).toContain(`Meaning of the signature: ${site.study.definition.signatureMeaning.en}`);
      expect(page).toContain('Audit summary');
      expect(page).toContain('form.sign');
    } finally {
      await entry.close();
      await investigator.close();
    }
  });

  it('writes the blank CRF and a casebook with the CLI in the same layout as the app', async () => {
    const out = join(tmp.dir, 'crf-it.html');
    const blank = await edc(['crf', 'blank', '--study', 'ino-all-it', '--lang', 'it', '--out', out]);
    expect(blank.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(blankCrfHtml(loadBuiltInStudy('ino-all-it'), 'it'));
    const entry = await site.login('data_entry');
    const subjectId = (await createSubject(entry, {})).id;
    await entry.close();
    const book = join(tmp.dir, 'casebook.html');
    const r = await edc(['crf', 'casebook', '--db', site.dbFile, '--user', USERS.data_entry, '--subject', subjectId, '--lang', 'en', '--out', book], { EDC_PASSWORD: PASSWORDS.data_entry });
    expect(r.code).toBe(0);
    expect(text(readFileSync(book, 'utf8'))).toContain(`Casebook ${subjectId}`);
  });

  it('refuses a bad subject id or a non-HTML output with input.invalid and writes nothing', async () => {
    const bad = await edc(['crf', 'casebook', '--db', site.dbFile, '--user', USERS.data_entry, '--subject', 'nope', '--out', join(tmp.dir, 'x.html')], { EDC_PASSWORD: PASSWORDS.data_entry });
    expect(bad.code).toBe(2);
    const pdf = await edc(['crf', 'blank', '--study', 'ino-all-it', '--out', join(tmp.dir, 'x.pdf')]);
    expect(pdf.code).toBe(2);
    expect(() => readFileSync(join(tmp.dir, 'x.html'))).toThrow();
  });
});
