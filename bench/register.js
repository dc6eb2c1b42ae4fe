// Lets `node -r ./bench/register.js bench/run.ts` run TypeScript directly (the repository's swc hook).
'use strict';
require('../scripts/register-ts.js');
