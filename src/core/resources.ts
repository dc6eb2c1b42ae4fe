// Where the shipped resources (study definitions, reference lists) are, from source, a build or a package.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function resourcesDir(): string {
  if (cached) return cached;
  const fromEnv = process.env.EDC_RESOURCES;
  if (fromEnv && existsSync(join(fromEnv, 'studies'))) return (cached = fromEnv);
  // Walk up from this file: src/core, dist/core, or app.asar/dist/core inside a package.
  let dir = __dirname;
  for (let i = 0; i < 6; i += 1) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'studies'))) return (cached = candidate);
    dir = dirname(dir);
  }
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'studies'))) return (cached = join(packaged, 'resources'));
  throw new Error('resources folder not found');
}

export function builtInStudyDir(studyId: string): string {
  return join(resourcesDir(), 'studies', studyId);
}
