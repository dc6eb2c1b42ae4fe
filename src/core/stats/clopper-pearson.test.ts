// Tests of the exact binomial interval: the closed-form edges, R's binom.test value for 7/20, and the tail identity.

import fc from 'fast-check';
import { clopperPearson } from './clopper-pearson';

/** P(X = j) for X ~ Bin(n, p), via logs to stay finite for larger n. */
function binomialProbabilities(n: number, p: number): number[] {
  const probabilities: number[] = [];
  let logChoose = 0;
  for (let j = 0; j <= n; j++) {
    if (j > 0) logChoose += Math.log((n - j + 1) / j);
    probabilities.push(Math.exp(logChoose + j * Math.log(p) + (n - j) * Math.log1p(-p)));
  }
  return probabilities;
}

describe('clopperPearson', () => {
  it('has lower 0 and upper 1 − (α/2)^(1/n) when there are no responders (0/10)', () => {
    // P(X ≤ 0) = (1 − p)^10 = 0.025 ⇒ p = 1 − 0.025^(1/10) = 0.3084971
    const interval = clopperPearson(0, 10);
    expect(interval.estimate).toBe(0);
    expect(interval.lower).toBe(0);
    expect(interval.upper).toBeCloseTo(1 - 0.025 ** (1 / 10), 12);
    expect(interval.upper).toBeCloseTo(0.3084971, 6);
  });

  it('has upper 1 and lower (α/2)^(1/n) when everyone responds (10/10)', () => {
    // P(X ≥ 10) = p^10 = 0.025 ⇒ p = 0.025^(1/10) = 0.6915029
    const interval = clopperPearson(10, 10);
    expect(interval.estimate).toBe(1);
    expect(interval.upper).toBe(1);
    expect(interval.lower).toBeCloseTo(0.025 ** (1 / 10), 12);
  });

  it("gives R binom.test(7, 20)'s interval 0.1539092 to 0.5921885", () => {
    // lower = qbeta(0.025, 7, 14): I_0.1539(7, 14) = P(Bin(20, 0.1539) ≥ 7) = 0.025;
    // upper = qbeta(0.975, 8, 13): I_0.5922(8, 13) = P(Bin(20, 0.5922) ≥ 8) = 0.975, i.e. P(X ≤ 7) = 0.025.
    const interval = clopperPearson(7, 20);
    expect(interval.estimate).toBe(0.35);
    expect(interval.lower).toBeCloseTo(0.1539092, 7);
    expect(interval.upper).toBeCloseTo(0.5921885, 7);
    expect(interval.lower?.toFixed(4)).toBe('0.1539');
    expect(interval.upper?.toFixed(4)).toBe('0.5922');
  });

  it('puts exactly α/2 in each binomial tail at its bounds, for any x/n and level', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }))),
        fc.constantFrom(0.8, 0.9, 0.95, 0.99),
        ([n, x], level) => {
          const { lower, upper } = clopperPearson(x, n, level);
          const tail = (1 - level) / 2;
          const sum = (ps: number[]) => ps.reduce((total, v) => total + v, 0);
          const lowerOk = x === 0 ? lower === 0 : Math.abs(sum(binomialProbabilities(n, lower ?? NaN).slice(x)) - tail) < 1e-9;
          const upperOk = x === n ? upper === 1 : Math.abs(sum(binomialProbabilities(n, upper ?? NaN).slice(0, x + 1)) - tail) < 1e-9;
          return lowerOk && upperOk;
        },
      ),
    );
  });

  it('returns nulls for n = 0', () => {
    expect(clopperPearson(0, 0)).toEqual({ estimate: null, lower: null, upper: null });
  });

  it('rejects non-integer counts, x > n and levels outside (0, 1)', () => {
    expect(() => clopperPearson(1.5, 10)).toThrow(RangeError);
    expect(() => clopperPearson(11, 10)).toThrow(RangeError);
    expect(() => clopperPearson(-1, 10)).toThrow(RangeError);
    expect(() => clopperPearson(3, 10, 1)).toThrow(RangeError);
    expect(() => clopperPearson(3, 10, 95)).toThrow(RangeError);
  });
});
