// SQLite's BINARY collation in JavaScript: UTF-8 byte order, that is code point order, which `<` (UTF-16 units)
// matches except above U+FFFF. Runtime-neutral (no Buffer): shared code also runs in the renderer.

const SURROGATE = /[\uD800-\uDFFF]/;

/** The code point at `i`; a lone surrogate counts as U+FFFD, as it is written in UTF-8. */
function codePoint(s: string, i: number): number {
  const c = s.codePointAt(i)!;
  return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c;
}

export function compareBinary(a: string, b: string): number {
  // Most calls compare equal strings or ones without surrogates, where UTF-16 order is UTF-8 order.
  if (a === b) return 0;
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = codePoint(a, i);
    const y = codePoint(b, j);
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}
