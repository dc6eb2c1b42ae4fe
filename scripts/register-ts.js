// Lets Node run this repository's TypeScript sources directly (`node -r ./scripts/register-ts.js x.ts`): files
// are compiled by swc on load. Used by the benchmarks and by worker threads started from source (tests).
'use strict';
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

for (const ext of ['.ts', '.tsx']) {
  require.extensions[ext] = function compile(module, filename) {
    const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      sourceMaps: 'inline',
      jsc: { parser: { syntax: 'typescript', tsx: ext === '.tsx' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
}
