// The CTCAE reference list with a translation: labels, synonyms and SOC names become attributes; a translation that
// names a code the list lacks, mislabels a code, or leaves a SOC unnamed stops the study from loading.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ctcaeReference } from '../../src/core/study/ctcae-reference';
import { AppError } from '../../src/shared/errors/app-error';

const LIST = {
  source: 'test list',
  terms: [
    { meddra_code: 10016288, soc: 'Blood and lymphatic system disorders', term: 'Febrile neutropenia', grades: [null, null, 'g3', 'g4', 'Death'], definition: null, note: null },
    { meddra_code: 10019663, soc: 'Hepatobiliary disorders', term: 'Hepatic failure', grades: [null, null, 'g3', 'g4', 'Death'], definition: null, note: null },
  ],
};
const SOCS = { 'Blood and lymphatic system disorders': 'Patologie del sistema emolinfopoietico', 'Hepatobiliary disorders': 'Patologie epatobiliari' };
const FN = { meddra_code: 10016288, term: 'Febrile neutropenia', label: 'Neutropenia febbrile', synonyms: ['febbre neutropenica', 'NF'] };

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ctcae-it-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function withTranslation(content: object): ReturnType<typeof ctcaeReference> {
  const file = join(dir, 'ctcae-it.json');
  writeFileSync(file, JSON.stringify({ note: 'to be confirmed', source: 'test', language: 'it', ...content }));
  return ctcaeReference('ctcae.json', LIST, { it: file });
}

const problemOf = (run: () => unknown): string => {
  try {
    run();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}: ${String(e.details.first)}`;
    throw e;
  }
  return 'loaded';
};

describe('CTCAE reference list with an Italian translation', () => {
  it('carries the Italian label, synonyms and SOC name, keeping the English term as the label', () => {
    const list = withTranslation({ socs: SOCS, terms: [FN] });
    expect(list.labelAttribute).toBe('term');
    expect(list.localized).toEqual({ it: { label: 'term_it', group: 'soc_it', synonyms: 'synonyms_it' } });
    expect(list.entries[0]!.attributes).toMatchObject({ term: 'Febrile neutropenia', term_it: 'Neutropenia febbrile', synonyms_it: 'febbre neutropenica; NF', soc_it: 'Patologie del sistema emolinfopoietico' });
    expect(list.entries[1]!.attributes).toMatchObject({ term: 'Hepatic failure', soc_it: 'Patologie epatobiliari' });
    expect(list.entries[1]!.attributes.term_it).toBeUndefined();
  });

  it('is the plain English list without a translation', () => {
    const list = ctcaeReference('ctcae.json', LIST);
    expect(list.localized).toBeUndefined();
    expect(Object.keys(list.entries[0]!.attributes)).not.toContain('term_it');
  });

  it('rejects a MedDRA code the list does not have', () => {
    expect(problemOf(() => withTranslation({ socs: SOCS, terms: [FN, { ...FN, meddra_code: 10099999 }] }))).toMatch(/^study\.invalid: .*10099999 is not in the CTCAE list/);
  });

  it('rejects a code whose English term is not the one the list gives it', () => {
    expect(problemOf(() => withTranslation({ socs: SOCS, terms: [{ ...FN, term: 'Neutropenia' }] }))).toMatch(/^study\.invalid: .*10016288 is "Febrile neutropenia" in the CTCAE list, not "Neutropenia"/);
  });

  it('rejects a translation that leaves a SOC of the list unnamed', () => {
    expect(problemOf(() => withTranslation({ socs: { 'Hepatobiliary disorders': 'Patologie epatobiliari' }, terms: [FN] }))).toMatch(/^study\.invalid: .*SOC "Blood and lymphatic system disorders" has no name in it/);
  });

  it('rejects a file that declares another language or is not a translation', () => {
    expect(problemOf(() => withTranslation({ language: 'en', socs: SOCS, terms: [FN] }))).toMatch(/^study\.invalid: .*declares language en, listed as it/);
    expect(problemOf(() => withTranslation({ socs: SOCS, terms: [{ ...FN, synonyms: ['a; b'] }] }))).toMatch(/^study\.invalid: .*not a CTCAE translation/);
  });
});
