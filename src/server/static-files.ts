// Serves the built renderer from one folder with path containment: nothing outside it is ever read.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The file a URL path names inside root, or undefined when it would leave root or does not exist. */
export function containedFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const target = resolve(base, `.${normalize(`/${decoded}`)}`);
  const rel = relative(base, target);
  if (rel.startsWith('..') || rel.includes(`..${sep}`) || resolve(base, rel) !== target) return undefined;
  if (!existsSync(target) || !statSync(target).isFile()) return undefined;
  return target;
}

export function readStatic(root: string, urlPath: string): { body: Buffer; type: string } | undefined {
  const path = urlPath === '/' || urlPath === '' ? '/index.html' : urlPath;
  const file = containedFile(root, path) ?? (extname(path) === '' ? containedFile(root, '/index.html') : undefined);
  if (!file) return undefined;
  return { body: readFileSync(file), type: TYPES[extname(file)] ?? 'application/octet-stream' };
}

export function rendererRoot(fromDir: string): string {
  // dist/server → dist/renderer; src/server (tests) → dist/renderer as well.
  const candidates = [join(fromDir, '..', 'renderer'), join(fromDir, '..', '..', 'dist', 'renderer')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? candidates[0]!;
}
