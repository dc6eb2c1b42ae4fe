// ESLint: typed rules for the whole tree, and import rules that keep the process boundary visible (DESIGN.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const layer = (name) => [`**/${name}/**`, `**/${name}`];
const nodeOnly = ['node:*', 'fs', 'path', 'crypto', 'child_process', 'os', 'better-sqlite3-multiple-ciphers', 'kysely', '@node-rs/*', 'age-encryption'];

/** One block per folder: what it may not import. */
function boundary(folder, forbidden, message) {
  return {
    files: [`src/${folder}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }] }],
    },
  };
}

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
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\.)', message: 'src/shared imports nothing but zod (DESIGN.md).' }] }],
    },
  },
  boundary('db', [...layer('core'), ...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('cli'), ...layer('server'), 'electron', 'react'], 'src/db is Node-only storage: it imports shared only, never electron.'),
  boundary('core', [...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('cli'), ...layer('server'), 'electron', 'react', 'react-dom'], 'src/core is shared by the app, the CLI and the loopback transport: never electron, never React.'),
  boundary('server', [...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('cli'), ...layer('db'), 'electron', 'react'], 'src/server is the loopback transport: it calls core through the contract handlers.'),
  boundary('cli', [...layer('main'), ...layer('preload'), ...layer('renderer'), ...layer('db'), 'electron', 'react'], 'src/cli parses arguments and calls core.'),
  boundary('main', [...layer('renderer'), ...layer('cli'), ...layer('db'), 'react'], 'src/main is the thin Electron shell: windows, security, IPC → core.'),
  boundary('preload', [...layer('core'), ...layer('db'), ...layer('main'), ...layer('renderer'), ...layer('cli'), ...layer('server'), ...nodeOnly], 'src/preload only bridges the contract; no logic, no Node.'),
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...layer('core'), ...layer('db'), ...layer('main'), ...layer('cli'), ...layer('server'), ...layer('preload'), ...nodeOnly, 'electron'], message: 'The renderer is sandboxed: it talks only to the typed API client (DESIGN.md).' }] }],
    },
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
    rules: { 'no-restricted-imports': 'off' },
  },
);
