#!/usr/bin/env node
// Entry point of the `edc` command: runs the compiled CLI (built by `npm run build`, which `npm ci` runs via prepare).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'index.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('edc is not built yet: run `npm run build` (npm ci and npm install do it for you).\n');
  process.exit(1);
}
require(entry).main(process.argv).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
