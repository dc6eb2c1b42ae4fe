// Tests of the median survival time and its CI against R's print.survfit / quantile.survfit rules.

import { kaplanMeier, type SurvivalObservation } from './kaplan-meier';
import { medianSurvival, survivalQuantile } from './survival-median';

const obs = (pairs: readonly (readonly [number, 0 | 1])[]): SurvivalObservation[] => pairs.map(([time, event]) => ({ time, event }));

describe('medianSurvival', () => {
  it('is the first time S ≤ 0.5, with limits read off the lower and upper curves (upper not reached → null)', () => {
    // 1, 2, 2, 2+, 3+, 4, 5+, 6: S = 0.875, 0.625, 0.625, 0.4167, 0.4167, 0 → median 4.
    // Lower curve: 0.673 at 1, 0.365 at 2 → first ≤ 0.5 at 2. Upper curve: 1 until S = 0, where it is NA → never.
    const curve = kaplanMeier(obs([
      [1, 1],
      [2, 1],
      [2, 1],
      [2, 0],
      [3, 0],
      [4, 1],
      [5, 0],
      [6, 1],
    ]));
    expect(medianSurvival(curve)).toEqual({ median: 4, lower: 2, upper: null });
  });

  it('takes the midpoint of the flat and the next event time when S is exactly 0.5 (R: median of 1, 2, 3, 4 is 2.5)', () => {
    // S = 0.75, 0.5, 0.25, 0: S sits at 0.5 on [2, 3) → (2 + 3)/2. Lower curve 0.426 at 1 → 1; upper curve 1 then NA.
    const curve = kaplanMeier(obs([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]));
    expect(medianSurvival(curve)).toEqual({ median: 2.5, lower: 1, upper: null });
  });

  it('takes the midpoint with the last follow-up time when the curve ends flat at exactly 0.5 (R findq "lastpt")', () => {
    // 1, 2, 3+, 4+: S = 0.75, 0.5, 0.5, 0.5; no later event, so R averages 2 with the last time 4 → 3.
    const curve = kaplanMeier(obs([
      [1, 1],
      [2, 1],
      [3, 0],
      [4, 0],
    ]));
    expect(medianSurvival(curve).median).toBe(3);
  });

  it('is null when S never falls to 0.5, though the lower curve may give a lower limit', () => {
    // 1, 2+, 3+, 4+: S = 0.75 at the end; the lower curve 0.75·exp(−1.96·√(1/12)) = 0.426 is ≤ 0.5 from time 1.
    const curve = kaplanMeier(obs([
      [1, 1],
      [2, 0],
      [3, 0],
      [4, 0],
    ]));
    expect(medianSurvival(curve)).toEqual({ median: null, lower: 1, upper: null });
  });

  it('is null when everyone is censored, and for no observations', () => {
    expect(medianSurvival(kaplanMeier(obs([
      [3, 0],
      [5, 0],
    ])))).toEqual({ median: null, lower: null, upper: null });
    expect(medianSurvival(kaplanMeier([]))).toEqual({ median: null, lower: null, upper: null });
  });

  it('is 0 when half the subjects have the event at time 0', () => {
    // 0, 0, 1, 2+: S(0) = 0.5 exactly, next event at 1 → midpoint (0 + 1)/2.
    const curve = kaplanMeier(obs([
      [0, 1],
      [0, 1],
      [1, 1],
      [2, 0],
    ]));
    expect(medianSurvival(curve).median).toBe(0.5);
    const early = kaplanMeier(obs([
      [0, 1],
      [0, 1],
      [0, 1],
      [2, 0],
    ]));
    expect(medianSurvival(early).median).toBe(0);
  });

  it('matches R print(survfit(Surv(time, status) ~ x, data = aml)): 31 [18, NA] and 23 [8, NA]', () => {
    const maintained = kaplanMeier(obs([
      [9, 1],
      [13, 1],
      [13, 0],
      [18, 1],
      [23, 1],
      [28, 0],
      [31, 1],
      [34, 1],
      [45, 0],
      [48, 1],
      [161, 0],
    ]));
    const nonmaintained = kaplanMeier(obs([
      [5, 1],
      [5, 1],
      [8, 1],
      [8, 1],
      [12, 1],
      [16, 0],
      [23, 1],
      [27, 1],
      [30, 1],
      [33, 1],
      [43, 1],
      [45, 1],
    ]));
    expect(medianSurvival(maintained)).toEqual({ median: 31, lower: 18, upper: null });
    expect(medianSurvival(nonmaintained)).toEqual({ median: 23, lower: 8, upper: null });
  });
});

describe('survivalQuantile', () => {
  it('gives the quartiles by the same rule: 25% have had the event by the first time S ≤ 0.75', () => {
    // 1, 2, 3, 4: S = 0.75 exactly on [1, 2) → 1.5; S ≤ 0.25 first at 3, exactly 0.25 on [3, 4) → 3.5.
    const curve = kaplanMeier(obs([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 1],
    ]));
    expect(survivalQuantile(curve, 0.25).median).toBe(1.5);
    expect(survivalQuantile(curve, 0.75).median).toBe(3.5);
  });
});
