// jest for the end-to-end tests: the real UI in Debian's Chromium (playwright-core) against the loopback
// transport started in the test process. globalSetup builds the renderer first. One browser at a time.
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
    module: { type: 'commonjs' },
  },
];
const esmOnly = ['age-encryption', '@noble', '@scure'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  globalSetup: '<rootDir>/e2e/support/global-setup.ts',
  maxWorkers: 1,
  testTimeout: 600000,
};
