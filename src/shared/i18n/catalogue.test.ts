// The message catalogue is complete: every key of every namespace in Italian and English with the same
// placeholders, a message for every error code the app throws, and every CLI text the commands ask for.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, hasMessage, messageKeys, translate, translateBoth, type MessageTree } from './catalogue';

const SRC = join(__dirname, '..', '..');
const NAMESPACES = Object.keys(CATALOGUE.en) as (keyof (typeof CATALOGUE)['en'])[];

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

function templateOf(tree: MessageTree, key: string): string {
  return key.split('.').reduce<string | MessageTree>((node, part) => (node as MessageTree)[part]!, tree) as string;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The first string argument of every call of `callee` in the sources under dir, e.g. the codes of `new AppError('…')`. */
function literalArguments(dir: string, callee: string): Set<string> {
  const found = new Set<string>();
  const call = new RegExp(`\\b${callee}\\(\\s*'([^']+)'`, 'g');
  for (const file of sources(dir)) for (const m of readFileSync(file, 'utf8').matchAll(call)) found.add(m[1]!);
  return found;
}

describe('the message catalogue', () => {
  it.each(NAMESPACES)('has the same keys in Italian and English in the %s namespace', (ns) => {
    const it = messageKeys(CATALOGUE.it[ns]);
    const en = messageKeys(CATALOGUE.en[ns]);
    expect(it.length).toBeGreaterThan(0);
    expect(it.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !it.includes(k))).toEqual([]);
  });

  it.each(NAMESPACES)('fills the same {{placeholders}} in Italian and English in the %s namespace', (ns) => {
    const differing = messageKeys(CATALOGUE.en[ns])
      .filter((k) => hasMessage(CATALOGUE.it[ns], k))
      .filter((k) => placeholders(templateOf(CATALOGUE.en[ns], k)).join() !== placeholders(templateOf(CATALOGUE.it[ns], k)).join());
    expect(differing).toEqual([]);
  });

  it('has no empty message', () => {
    const empty = NAMESPACES.flatMap((ns) => (['it', 'en'] as const).flatMap((lang) => messageKeys(CATALOGUE[lang][ns]).filter((k) => templateOf(CATALOGUE[lang][ns], k).trim() === '').map((k) => `${lang}:${ns}.${k}`)));
    expect(empty).toEqual([]);
  });

  it('has a message in both languages for every error code thrown in src/', () => {
    const codes = new Set([...literalArguments(SRC, 'new AppError'), ...literalArguments(SRC, 'clientError')]);
    expect(codes.size).toBeGreaterThan(60);
    expect([...codes].filter((code) => !hasMessage(CATALOGUE.en.errors, code) || !hasMessage(CATALOGUE.it.errors, code))).toEqual([]);
  });

  it('has every CLI text the commands ask for', () => {
    const keys = new Set([...literalArguments(join(SRC, 'cli'), 't'), ...literalArguments(join(SRC, 'cli'), 'cliDetail')]);
    expect(keys.size).toBeGreaterThan(100);
    expect([...keys].filter((k) => !hasMessage(CATALOGUE.en.cli, k) || !hasMessage(CATALOGUE.it.cli, k))).toEqual([]);
  });

  it('fills placeholders from details in the reader’s language, texts in both languages included', () => {
    const action = translateBoth('errors', 'terms.actions.form.sign');
    expect(translate('it', 'errors', 'role.forbidden', { role: 'monitor', action })).toBe('Il suo ruolo (monitor) non consente di firmare le schede');
    expect(translate('en', 'errors', 'role.forbidden', { role: 'monitor', action })).toBe('Your role (monitor) may not sign forms');
  });
});
