// The one check of an archive entry before its bytes are read, for site and return bundles alike: a plain
// file, named as expected at its place, inside the bundle, no larger than allowed.

import { AppError } from '../../shared/errors/app-error';

export function unsafeEntry(entry: string, detail: string): AppError {
  return new AppError('bundle.unsafeEntry', { entry: entry.slice(0, 120), detail });
}

export function checkArchiveEntry(header: { readonly name: string; readonly type?: string | null; readonly size?: number | null }, expected: string | undefined, maxFileBytes: number): void {
  const { name, type, size } = header;
  if (expected === undefined) throw unsafeEntry(name, 'unexpected extra entry');
  if (type !== 'file') throw unsafeEntry(name, `${type} entries are not allowed`);
  if (name.includes('..') || name.startsWith('/') || name.includes('\\') || name.includes('/') || /^[A-Za-z]:/.test(name)) throw unsafeEntry(name, 'path outside the bundle');
  if (name !== expected) throw unsafeEntry(name, `expected ${expected}`);
  if ((size ?? 0) > maxFileBytes) throw new AppError('bundle.tooLarge', { detail: `${name} declares ${size} bytes` });
}
