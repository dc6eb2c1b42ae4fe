// Numbers written out in digits for REDCap: never in scientific notation, and read back as the same number.

import fc from 'fast-check';
import { formatDecimal } from '../../src/shared/format/decimal';

describe('formatDecimal', () => {
  it('writes any finite number without an exponent, as text that reads back as the same number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = formatDecimal(x);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(x === 0 ? 0 : x);
      }),
      { numRuns: 20000 },
    );
  });

  it('writes 1e-7 as 0.0000001 and 1.5e21 as 1500000000000000000000', () => {
    expect(formatDecimal(1e-7)).toBe('0.0000001');
    expect(formatDecimal(-2.5e-8)).toBe('-0.000000025');
    expect(formatDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(formatDecimal(0.25)).toBe('0.25');
  });
});
