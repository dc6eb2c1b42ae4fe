// The ino-all-it module's texts: every key in Italian and English with the same placeholders, and every key its
// report sections ask for exists (in the module or the catalogue's report namespace).

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, hasMessage, messageKeys } from '../../src/shared/i18n/catalogue';
import { INO_MESSAGES } from '../../src/studies/ino-all-it/messages';

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
const leaf = (tree: object, key: string): string => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;

describe('ino-all-it messages', () => {
  it('has every key in both languages, with the same placeholders', () => {
    expect(messageKeys(INO_MESSAGES.it).sort()).toEqual(messageKeys(INO_MESSAGES.en).sort());
    for (const key of messageKeys(INO_MESSAGES.en)) expect({ key, it: placeholders(leaf(INO_MESSAGES.it, key)) }).toEqual({ key, it: placeholders(leaf(INO_MESSAGES.en, key)) });
  });

  it('has every literal key the report code asks for', () => {
    const dir = join(__dirname, '../../src/studies/ino-all-it/report');
    const asked = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\bt\(lang, '([a-z0-9_.]+)'/g)) asked.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(40);
    for (const key of asked) {
      for (const lang of ['it', 'en'] as const) expect({ key, lang, found: hasMessage(INO_MESSAGES[lang], key) || hasMessage(CATALOGUE[lang].report, key) }).toEqual({ key, lang, found: true });
    }
  });
});
