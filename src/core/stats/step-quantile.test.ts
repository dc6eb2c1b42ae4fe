// Tests of the R findq port on step CDFs, including the NA and unsorted-curve behaviour of R's approx().

import { stepCdfQuantile } from './step-quantile';

describe('stepCdfQuantile', () => {
  it('returns the first jump time at which the CDF reaches p', () => {
    expect(stepCdfQuantile([0, 1, 2, 3], [0, 0.2, 0.6, 0.9], 0.5)).toBe(2);
  });

  it('counts a CDF within √ε of p as exactly p and takes the midpoint with the next jump', () => {
    // 1 − (0.75·2/3) computed in floating point is not exactly 0.5; R's tolerance absorbs that.
    expect(stepCdfQuantile([0, 1, 2, 3], [0, 0.25, 1 - 0.75 * (2 / 3), 0.75], 0.5)).toBe(2.5);
  });

  it('ignores repeated values (censorings) and NA values', () => {
    expect(stepCdfQuantile([0, 1, 2, 3, 4], [0, 0.3, 0.3, null, null], 0.5)).toBeNull();
    expect(stepCdfQuantile([0, 1, 2, 3, 4], [0, 0.3, 0.3, 0.7, null], 0.5)).toBe(3);
  });

  it('returns null when the CDF never reaches p, or has no known value', () => {
    expect(stepCdfQuantile([0, 1], [0, 0.4], 0.5)).toBeNull();
    expect(stepCdfQuantile([0], [null], 0.5)).toBeNull();
  });

  it('returns the start for p = 0', () => {
    expect(stepCdfQuantile([0, 1, 2], [0, 0.5, 1], 0)).toBe(0);
  });

  it("follows R's approx(), which sorts the values, when a confidence curve is not monotone", () => {
    // 1 − upper can dip (0.55 at 2, then 0.52 at 3). approx() orders the points by value, so the first value ≥ 0.5
    // is 0.52, at time 3; R's quantile.survfit reports 3, not 2, and so does this port.
    expect(stepCdfQuantile([0, 1, 2, 3, 4], [0, 0.3, 0.55, 0.52, 0.6], 0.5)).toBe(3);
  });

  it('rejects p outside [0, 1] and mismatched lengths', () => {
    expect(() => stepCdfQuantile([0], [0], 1.5)).toThrow(RangeError);
    expect(() => stepCdfQuantile([0, 1], [0], 0.5)).toThrow(RangeError);
  });
});
