// Tests of the descriptive statistics against R's mean, sd, median, quantile (type 7) and table.

import { frequency, iqr, mean, median, quantile, sd, summarize } from './descriptive';

describe('quantile (R type 7)', () => {
  it('matches R: quantile(c(1, 2, 3, 4, 10), c(0.25, 0.9)) = 2, 7.6', () => {
    // type 7: h = (n − 1)p; 0.25 → h = 1 → x[2] = 2; 0.9 → h = 3.6 → 4 + 0.6·(10 − 4) = 7.6
    expect(quantile([1, 2, 3, 4, 10], 0.25)).toBe(2);
    expect(quantile([10, 4, 1, 3, 2], 0.9)).toBeCloseTo(7.6, 14);
  });

  it('interpolates between order statistics: quantile(c(1, 2, 3, 4), 0.25) = 1.75', () => {
    // h = 3·0.25 = 0.75 → 1 + 0.75·(2 − 1)
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
  });

  it('gives the minimum at p = 0 and the maximum at p = 1', () => {
    expect(quantile([5, -2, 9], 0)).toBe(-2);
    expect(quantile([5, -2, 9], 1)).toBe(9);
  });

  it('is null for no values and rejects p outside [0, 1] or non-finite data', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, NaN], 0.5)).toThrow(RangeError);
  });
});

describe('mean, median, sd, iqr', () => {
  it('takes the middle value for odd n and the mean of the two middle values for even n', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('gives the mean, null for no values', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([0.1, 0.2, 0.3])).toBeCloseTo(0.2, 15);
    expect(mean([])).toBeNull();
  });

  it('uses n − 1: sd(c(2, 4, 4, 4, 5, 5, 7, 9)) = √(32/7) = 2.13809, and null below two values', () => {
    // mean 5, squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32
    expect(sd([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 14);
    expect(sd([7])).toBeNull();
    expect(sd([])).toBeNull();
  });

  it('gives the quartiles as R does: quantile(c(1, 2, 3, 4, 10), c(0.25, 0.75)) = 2, 4', () => {
    expect(iqr([1, 2, 3, 4, 10])).toEqual({ q1: 2, q3: 4 });
    expect(iqr([])).toEqual({ q1: null, q3: null });
  });
});

describe('summarize', () => {
  it('gives n, mean, sd, median, quartiles and range of a cost column', () => {
    expect(summarize([120, 80, 300, 95, 150])).toEqual({
      n: 5,
      mean: 149,
      // squared deviations from 149: 841 + 4761 + 22801 + 2916 + 1 = 31320
      sd: expect.closeTo(Math.sqrt(31320 / 4), 10),
      median: 120,
      q1: 95,
      q3: 150,
      min: 80,
      max: 300,
    });
  });

  it('returns n = 0 and nulls for no values, and a null sd for one value', () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, sd: null, median: null, q1: null, q3: null, min: null, max: null });
    expect(summarize([4])).toEqual({ n: 1, mean: 4, sd: null, median: 4, q1: 4, q3: 4, min: 4, max: 4 });
  });

  it('does not reorder its input', () => {
    const xs = [3, 1, 2];
    summarize(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});

describe('frequency', () => {
  it('counts values in order of first appearance, with proportions of the total', () => {
    expect(frequency(['CR', 'PR', 'CR', 'SD'])).toEqual([
      { value: 'CR', count: 2, proportion: 0.5 },
      { value: 'PR', count: 1, proportion: 0.25 },
      { value: 'SD', count: 1, proportion: 0.25 },
    ]);
  });

  it('follows the given levels, listing unseen levels with 0, and counts null as a category of its own', () => {
    expect(frequency(['PR', null, 'PR'], ['CR', 'PR', null])).toEqual([
      { value: 'CR', count: 0, proportion: 0 },
      { value: 'PR', count: 2, proportion: 2 / 3 },
      { value: null, count: 1, proportion: 1 / 3 },
    ]);
  });

  it('rejects a value outside the levels instead of dropping it', () => {
    expect(() => frequency(['CR', 'NE'], ['CR', 'PR'])).toThrow(/NE/);
  });

  it('gives null proportions when there are no values', () => {
    expect(frequency([])).toEqual([]);
    expect(frequency([], [1, 2])).toEqual([
      { value: 1, count: 0, proportion: null },
      { value: 2, count: 0, proportion: null },
    ]);
  });
});
