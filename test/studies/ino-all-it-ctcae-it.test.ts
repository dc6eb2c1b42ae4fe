// The Italian CTCAE labels of ino-all-it (ctcae-it.json): enough terms, each a real CTCAE v5.0 term, covering what the
// demo generator produces most and every term the study's checks name, the 26 SOCs, and the same SOC names as the report.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir } from '../../src/core/resources';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createRng } from '../../src/core/stats/random';
import { CTCAE_SOCS } from '../../src/studies/ino-all-it/analysis';
import { generatePatient, inoAllItCatalog, type StudyCatalog } from '../../src/studies/ino-all-it/synthetic';

interface CtcaeTerm {
  readonly meddra_code: number;
  readonly term: string;
  readonly soc: string;
}
interface ItTerm {
  readonly meddra_code: number;
  readonly term: string;
  readonly label: string;
  readonly synonyms: readonly string[];
}

const STUDY_DIR = join(resourcesDir(), 'studies', 'ino-all-it');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;
const CTCAE = readJson<{ terms: CtcaeTerm[] }>(join(resourcesDir(), 'reference', 'ctcae-v5.0.json')).terms;
const IT = readJson<{ note: string; socs: Record<string, string>; terms: ItTerm[] }>(join(STUDY_DIR, 'ctcae-it.json'));
const translated = new Set(IT.terms.map((t) => t.meddra_code));
const byTerm = new Map(CTCAE.map((t) => [t.term, t]));

/** How often the demo generator names each term, over a few hundred patients (a catalog that counts the look-ups). */
function generatorTermCounts(patients: number): Map<string, number> {
  const counts = new Map<string, number>();
  const inner = inoAllItCatalog();
  const counting: StudyCatalog = {
    ...inner,
    ctcae(term) {
      counts.set(term, (counts.get(term) ?? 0) + 1);
      return inner.ctcae(term);
    },
  };
  for (let i = 0; i < patients; i += 1) generatePatient(createRng(`ctcae-it-${i}`), { catalog: counting });
  return counts;
}

describe('Italian CTCAE labels of ino-all-it', () => {
  it('say they await the clinical lead, and the definition records that as an unconfirmed study parameter', () => {
    expect(IT.note).toBe("Italian translation to be confirmed by the study's clinical lead");
    const param = loadBuiltInStudy('ino-all-it').definition.parameters.find((p) => p.value === 'ctcae-it.json');
    expect(param?.unconfirmed).toMatch(/clinical lead/);
  });

  it('label at least 150 terms, each once, each a CTCAE v5.0 term under its own MedDRA code', () => {
    expect(IT.terms.length).toBeGreaterThanOrEqual(150);
    expect(translated.size).toBe(IT.terms.length);
    const byCode = new Map(CTCAE.map((t) => [t.meddra_code, t.term]));
    const wrong = IT.terms.filter((t) => byCode.get(t.meddra_code) !== t.term).map((t) => `${t.meddra_code} ${t.term}`);
    expect(wrong).toEqual([]);
  });

  it('cover the 150 terms the demo generator produces most', () => {
    const counts = generatorTermCounts(300);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 150);
    expect(top.length).toBeGreaterThan(20);
    expect(top.filter(([term]) => !translated.has(byTerm.get(term)!.meddra_code)).map(([term]) => term)).toEqual([]);
  });

  it("cover every term the study's checks and calculations name, by MedDRA code or by name", () => {
    const checks = readFileSync(join(STUDY_DIR, 'checks.json'), 'utf8');
    const forms = loadBuiltInStudy('ino-all-it').definition.forms;
    const calcs = JSON.stringify(forms.flatMap((f) => f.fields.map((fl) => ('calc' in fl ? fl.calc : ''))));
    const codes = new Set([...`${checks} ${calcs}`.matchAll(/\b10\d{6}\b/g)].map((m) => Number(m[0])));
    const messages = readJson<{ message: { en: string } }[]>(join(STUDY_DIR, 'checks.json')).map((c) => c.message.en.toLowerCase());
    const named = CTCAE.filter((t) => codes.has(t.meddra_code) || messages.some((m) => new RegExp(`\\b${t.term.toLowerCase().replace(/[^a-z0-9 ]/g, '.')}\\b`).test(m)));
    expect(named.map((t) => t.term)).toContain('Sinusoidal obstruction syndrome');
    expect(named.filter((t) => !translated.has(t.meddra_code)).map((t) => t.term)).toEqual([]);
  });

  it('name all 26 SOCs of the CTCAE list in Italian, and the report uses the same names as the form', () => {
    const socs = [...new Set(CTCAE.map((t) => t.soc))];
    expect(socs).toHaveLength(26);
    expect(socs.filter((s) => !IT.socs[s])).toEqual([]);
    const list = loadBuiltInStudy('ino-all-it').definition.references.ctcae!;
    const formSoc = new Map(list.entries.map((e) => [e.attributes.soc, e.attributes.soc_it]));
    expect(CTCAE_SOCS.map((s) => [s.name, s.it])).toEqual(CTCAE_SOCS.map((s) => [s.name, formSoc.get(s.name)]));
    expect(formSoc.get('Hepatobiliary disorders')).toBe('Patologie epatobiliari');
  });
});
