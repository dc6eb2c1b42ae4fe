// Lets `node -r ./bench/register.js bench/run.ts` run TypeScript directly: files are compiled by swc on load.
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
