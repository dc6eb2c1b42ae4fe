// Tests of ln Γ against closed forms: factorials and Γ(1/2) = √π.

import { logBeta, logGamma } from './log-gamma';

describe('logGamma', () => {
  it('gives ln((n − 1)!) at the integers', () => {
    let factorial = 1;
    for (let n = 1; n <= 25; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(factorial), 12);
      factorial *= n;
    }
  });

  it('gives ln √π at 1/2 and ln(3√π/4) at 5/2', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(2.5)).toBeCloseTo(Math.log((3 * Math.sqrt(Math.PI)) / 4), 14);
  });

  it('is −ln x + O(x) near 0, where Γ(x) ≈ 1/x − γ', () => {
    // ln Γ(1e-5) = −ln(1e-5) − γ·1e-5 + O(1e-10) = 11.512925465 − 0.0000057722
    expect(logGamma(1e-5)).toBeCloseTo(-Math.log(1e-5) - 0.5772156649 * 1e-5, 9);
  });

  it('rejects x ≤ 0', () => {
    expect(() => logGamma(0)).toThrow(RangeError);
    expect(() => logGamma(-1)).toThrow(RangeError);
  });
});

describe('logBeta', () => {
  it('gives ln B(a, b) = ln((a−1)!(b−1)!/(a+b−1)!) for integers: B(3, 4) = 2!·3!/6! = 1/60', () => {
    expect(logBeta(3, 4)).toBeCloseTo(Math.log(1 / 60), 13);
  });
});
