// Bundle arguments as people give them: files, or folders whose *.edcbundle files are taken in name order.

import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../shared/errors/app-error';

export function expandBundlePaths(paths: readonly string[], cwd = process.cwd()): string[] {
  const files: string[] = [];
  for (const arg of paths) {
    const path = resolve(cwd, arg);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new AppError('input.file', { file: path });
    }
    if (isDir) files.push(...readdirSync(path).filter((f) => f.endsWith('.edcbundle')).sort().map((f) => join(path, f)));
    else files.push(path);
  }
  return files;
}
