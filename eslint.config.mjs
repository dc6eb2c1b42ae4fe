// ESLint: typed rules for the whole tree, and the import rules that keep the process boundary and core's layers visible (DESIGN.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './eslint/layers.mjs';
import messages from './eslint/inline-text.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'artifacts/**', 'bin/**', '*.config.js', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // The rooms of src/ and the layers of src/core (eslint/layers.mjs).
    files: ['src/**/*.{ts,tsx}'],
    plugins: { layers },
    rules: {
      'layers/imports': 'error',
      // One CSV writer for every CSV the app writes (quoting CR, LF, separator and quote the same way everywhere).
      'no-restricted-imports': ['error', { paths: [{ name: 'csv-stringify', message: 'write CSV with csvLine (src/core/exports/csv/csv-line.ts)' }, { name: 'csv-stringify/sync', message: 'write CSV with csvLine (src/core/exports/csv/csv-line.ts)' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // No user-facing text written inline: the renderer's JSX and the CLI's output come from the catalogue.
    files: ['src/renderer/**/*.tsx'],
    ignores: ['**/*.test.tsx', 'src/renderer/test-utils.tsx'],
    plugins: { messages },
    rules: { 'messages/no-inline-text': ['error', 'renderer'] },
  },
  {
    files: ['src/cli/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { messages },
    rules: { 'messages/no-inline-text': ['error', 'cli'] },
  },
  {
    // Plain CommonJS entry points (bin, the benchmark's TypeScript loader, crash-test children).
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.jest, ...globals.node } },
    rules: { 'layers/imports': 'off' },
  },
);
