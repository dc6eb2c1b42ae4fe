// compareBinary orders strings as their UTF-8 bytes compare (SQLite's BINARY collation).

import { compareBinary } from './binary-order';

const STRINGS = ['', 'a', 'ab', 'b', 'Z', 'é', '\uE000', '\uFFFD', '\uFFFF', '😀', '😀a', 'a😀', '\u{10000}', '\uD800', 'x\uDC00y', 'S001-0001', 'S001-0002'];

describe('compareBinary', () => {
  it('orders every pair as Buffer.compare orders their UTF-8 bytes', () => {
    for (const a of STRINGS) {
      for (const b of STRINGS) {
        expect({ a, b, order: Math.sign(compareBinary(a, b)) }).toEqual({ a, b, order: Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')) });
      }
    }
  });
});
