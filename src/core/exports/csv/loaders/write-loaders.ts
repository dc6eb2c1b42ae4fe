// Writes load.R and load.do beside a CSV export's files, hashed like them for the export's audit entry.

import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dialect } from '../dialect';
import type { WrittenFile } from '../write-subject-files';
import type { LoaderFile } from './loader-model';
import { loadR } from './load-r';
import { loadStata } from './load-stata';

export const LOADER_FILES = ['load.R', 'load.do'] as const;

export function writeLoaders(outDir: string, files: readonly LoaderFile[], dialect: Dialect): WrittenFile[] {
  const scripts: [string, string][] = [
    ['load.R', loadR(files, dialect)],
    ['load.do', loadStata(files, dialect)],
  ];
  return scripts.map(([name, text]) => {
    const bytes = Buffer.from(text, 'utf8');
    writeFileSync(join(outDir, name), bytes, { flag: 'wx' });
    return { name, sha256: createHash('sha256').update(bytes).digest('hex'), rows: text.split('\n').length - 1 };
  });
}
