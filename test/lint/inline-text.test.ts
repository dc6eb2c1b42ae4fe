// The lint rule against inline user-facing text: it catches a text planted in the renderer's JSX or in the CLI's
// output, passes punctuation, codes, key names, identifiers and catalogue look-ups, and is on in the project's config.

import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import messages from '../../eslint/inline-text.mjs';

const ROOT = resolve(__dirname, '../..');

function problems(room: 'renderer' | 'cli', code: string): string[] {
  const linter = new Linter({ configType: 'flat' });
  const config: Linter.Config[] = [
    {
      files: ['**/*.tsx'],
      languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { messages },
      rules: { 'messages/no-inline-text': ['error', room] },
    },
  ];
  return linter.verify(code, config, { filename: 'planted.tsx' }).map((m) => m.message);
}

describe('no inline text in the renderer', () => {
  it.each([
    ['JSX text', `const A = () => <p>Save the form</p>;`],
    ['an aria-label', `const A = () => <button aria-label="Close dialog" />;`],
    ['a title', `const A = () => <span title="Last saved" />;`],
    ['a placeholder', `const A = () => <input placeholder="Type a date" />;`],
    ['an alt text', `const A = () => <img alt="Logo of the study" />;`],
    ['a label prop', `const A = () => <Field label="Height" />;`],
    ['a label-like prop', `const A = () => <Confirm confirmLabel="Delete" />;`],
    ['a literal chosen in a child expression', `const A = ({ ok }: { ok: boolean }) => <p>{ok ? 'Saved' : t('x.y')}</p>;`],
    ['a template in an attribute', `const A = ({ n }: { n: number }) => <span title={\`Form \${n}\`} />;`],
    ['a word among punctuation', `const A = () => <p>— none —</p>;`],
  ])('reports %s', (_what, code) => {
    expect(problems('renderer', code)).toHaveLength(1);
  });

  it('reports a text written in both languages on the spot', () => {
    expect(problems('renderer', `const text = { it: 'Salva', en: 'Save' };`)).toEqual([expect.stringMatching(/both languages/)]);
  });

  it('passes catalogue look-ups, punctuation, codes, key names, data and class names', () => {
    const code = `
      const A = ({ n, total, field, lang, ok }: Props) => (
        <div className="alert alert-error" role="alert">
          <p>{t('form.save')}</p>
          <span> · </span>
          <kbd>Ctrl+S</kbd> <kbd>Alt+N</kbd>
          <td>IT01-0001</td>
          <abbr>CSV</abbr> <abbr>EC12</abbr>
          <label>{field.label[lang]}</label>
          <span>{n} / {total}</span>
          <button aria-label={t('nav.close')} title={ok ? t('a.b') : t('c.d')} type="button" />
          <input placeholder="https://" />
          <p>{ok && 'x'}</p>
        </div>
      );`;
    expect(problems('renderer', code)).toEqual([]);
  });
});

describe('no inline text in the CLI', () => {
  it.each([
    ['a message written to stdout', `io.out('Password changed');`],
    ['a template written to stderr', `io.err(\`Unlocked: \${name}\`);`],
    ['table headings', `io.out(table(['user', 'role'], rows));`],
    ['a yes/no cell', `io.out(table([t('a.b')], users.map((u) => [u.active ? 'yes' : t('c.d')])));`],
    ['a prompt', `await readSecret(io, 'EDC_PASSWORD', 'Password: ');`],
    ['a progress label', `const bar = progressBar(io, 'export');`],
    ['a phrase kept for later', `const line = 'Site store created';`],
    ['an error detail in one language', `throw new AppError('input.invalid', { issues: 'give --db or --dir' });`],
  ])('reports %s', (_what, code) => {
    expect(problems('cli', code)).not.toEqual([]);
  });

  it('passes catalogue look-ups, help texts, identifiers, codes and data', () => {
    const code = `
      io.out(t('user.added', { user: name }));
      io.out(json(users));
      io.out(\`\${name} = \${value}\`);
      io.out(keyValues([['sha256', digest], [t('a.b'), 1]]));
      program.command('site').description('site store: set-up, recovery, settings').option('--db <file>', 'database file to create');
      const text = readFileSync(file, 'utf8');
      if (phase === 'reading') bar(done, total);
      throw new AppError('input.invalid', { issues: cliDetail('issues.lang') });`;
    expect(problems('cli', code)).toEqual([]);
  });
});

describe("the project's lint configuration", () => {
  function lint(file: string, code: string): string {
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'], { cwd: ROOT, input: code, encoding: 'utf8' });
    return result.stdout;
  }

  it('fails on a text planted in a renderer screen and in a CLI command', () => {
    expect(lint('src/renderer/screens/Planted.tsx', `export const Planted = () => <p>Planted inline text</p>;\n`)).toMatch(/messages\/no-inline-text/);
    expect(lint('src/cli/commands/planted.ts', `import type { CliIo } from '../io';\nexport const planted = (io: CliIo): void => io.out('Planted inline text');\n`)).toMatch(/messages\/no-inline-text/);
  });
});
