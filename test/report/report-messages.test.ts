// The generic report's texts: every literal key its code asks for exists in the catalogue's report namespace,
// in Italian and in English.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, hasMessage } from '../../src/shared/i18n/catalogue';

const KEY = /\b(?:t|reportText\(lang,|translate\('(?:it|en)', 'report',)\(?\s*'([a-z0-9_.]+)'/g;

describe('report namespace', () => {
  it('has every key the generic report and the generic analysis ask for, in both languages', () => {
    const asked = new Set<string>();
    for (const dir of ['src/core/report', 'src/core/analysis']) {
      const path = join(__dirname, '../..', dir);
      for (const file of readdirSync(path).filter((f) => f.endsWith('.ts'))) for (const m of readFileSync(join(path, file), 'utf8').matchAll(KEY)) asked.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(50);
    for (const key of asked) for (const lang of ['it', 'en'] as const) expect({ key, lang, found: hasMessage(CATALOGUE[lang].report, key) }).toEqual({ key, lang, found: true });
  });
});
