// Tests of the Kaplan–Meier estimator against hand computation and R survival's published output.

import { atRiskAt, kaplanMeier, survivalAt, type SurvivalObservation } from './kaplan-meier';

const Z = 1.959963984540054;

/** [time, event] pairs → observations; `t+` in the comments means censored at t. */
const obs = (pairs: readonly (readonly [number, 0 | 1])[]): SurvivalObservation[] => pairs.map(([time, event]) => ({ time, event }));

/** 1, 2, 2, 2+, 3+, 4, 5+, 6: ties of events, and of an event with a censoring, then S reaching 0. */
const SMALL = obs([
  [1, 1],
  [2, 1],
  [2, 1],
  [2, 0],
  [3, 0],
  [4, 1],
  [5, 0],
  [6, 1],
]);

describe('kaplanMeier on 1, 2, 2, 2+, 3+, 4, 5+, 6 (hand-computed)', () => {
  const curve = kaplanMeier(SMALL);
  const step = (time: number) => {
    const found = curve.steps.find((s) => s.time === time);
    if (found === undefined) throw new Error(`no step at ${time}`);
    return found;
  };

  it('has one step per distinct time, with numbers at risk counting ties of events and censorings', () => {
    expect(curve.n).toBe(8);
    expect(curve.events).toBe(5);
    expect(curve.steps.map((s) => [s.time, s.at_risk, s.events, s.censored])).toEqual([
      [1, 8, 1, 0],
      [2, 7, 2, 1],
      [3, 4, 0, 1],
      [4, 3, 1, 0],
      [5, 2, 0, 1],
      [6, 1, 1, 0],
    ]);
  });

  it('multiplies (n − d)/n at each event time: 7/8, ·5/7, ·2/3, ·0/1', () => {
    // S(1) = 7/8 = 0.875; S(2) = 0.875·5/7 = 0.625 (the censoring at 2 does not count against it);
    // S(3) = 0.625 (censoring only); S(4) = 0.625·2/3 = 0.416667; S(5) unchanged; S(6) = 0.
    expect(curve.steps.map((s) => s.survival)).toEqual([0.875, 0.625, 0.625, expect.closeTo(5 / 12, 12), expect.closeTo(5 / 12, 12), 0]);
  });

  it('gives Greenwood standard errors: se(log S) = √Σ d/(n(n−d)) and se(S) = S·se(log S)', () => {
    // t = 1: Σ = 1/(8·7) = 1/56 → se(log S) = 0.1336306, se(S) = 0.875·0.1336306 = 0.1169268
    expect(step(1).std_err_log).toBeCloseTo(Math.sqrt(1 / 56), 12);
    expect(step(1).std_err).toBeCloseTo(0.1169268, 6);
    // t = 2: Σ = 1/56 + 2/(7·5) = 21/280 = 0.075 → se(log S) = 0.2738613, se(S) = 0.625·0.2738613 = 0.1711633
    expect(step(2).std_err_log).toBeCloseTo(Math.sqrt(0.075), 12);
    expect(step(2).std_err).toBeCloseTo(0.1711633, 6);
    // t = 3 carries t = 2 forward: a censoring adds no term
    expect(step(3).std_err).toBe(step(2).std_err);
    // t = 4: Σ = 0.075 + 1/(3·2) = 0.2416667 → se(log S) = 0.4915960, se(S) = 0.416667·0.4915960 = 0.2048317
    expect(step(4).std_err_log).toBeCloseTo(Math.sqrt(0.075 + 1 / 6), 12);
    expect(step(4).std_err).toBeCloseTo(0.2048317, 6);
  });

  it('puts the 95% CI on the log scale, S·exp(±1.96·se(log S)), with the upper bound clipped at 1', () => {
    // t = 1: 0.875·exp(−1.959964·0.1336306) = 0.6733819; 0.875·exp(+0.2619) = 1.137 → 1
    expect(step(1).lower).toBeCloseTo(0.6733819, 6);
    expect(step(1).upper).toBe(1);
    // t = 2: 0.625·exp(−1.959964·0.2738613) = 0.3654003
    expect(step(2).lower).toBeCloseTo(0.3654003, 6);
    expect(step(2).upper).toBe(1);
    // t = 4: 0.416667·exp(−1.959964·0.4915960) = 0.1589796; 0.416667·exp(+0.9635) = 1.092 → 1
    expect(step(4).lower).toBeCloseTo(0.1589796, 6);
    expect(step(4).lower).toBeCloseTo((5 / 12) * Math.exp(-Z * Math.sqrt(0.075 + 1 / 6)), 12);
    expect(step(4).upper).toBe(1);
  });

  it('reports no standard error or CI once S = 0 (R: std.err NaN, limits NA)', () => {
    expect(step(6)).toMatchObject({ survival: 0, std_err: null, std_err_log: null, lower: null, upper: null });
  });
});

describe('kaplanMeier against R survival (summary(survfit(Surv(time, status) ~ x, data = aml)))', () => {
  // R prints, for x = Maintained (9, 13, 13+, 18, 23, 28+, 31, 34, 45+, 48, 161+):
  //  time n.risk n.event survival std.err lower 95% CI upper 95% CI
  //     9     11       1    0.909  0.0867       0.7541        1.000
  //    13     10       1    0.818  0.1163       0.6192        1.000
  //    18      8       1    0.716  0.1397       0.4884        1.000
  //    23      7       1    0.614  0.1526       0.3769        0.999
  //    31      5       1    0.491  0.1642       0.2549        0.946
  //    34      4       1    0.368  0.1627       0.1549        0.875
  //    48      2       1    0.184  0.1535       0.0359        0.944
  const maintained = obs([
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
  ]);

  it('matches every printed event row to the printed digits', () => {
    const rows = kaplanMeier(maintained)
      .steps.filter((s) => s.events > 0)
      .map((s) => [s.time, s.at_risk, s.events, s.survival.toFixed(3), s.std_err?.toFixed(4), s.lower?.toFixed(4), s.upper?.toFixed(3)]);
    expect(rows).toEqual([
      [9, 11, 1, '0.909', '0.0867', '0.7541', '1.000'],
      [13, 10, 1, '0.818', '0.1163', '0.6192', '1.000'],
      [18, 8, 1, '0.716', '0.1397', '0.4884', '1.000'],
      [23, 7, 1, '0.614', '0.1526', '0.3769', '0.999'],
      [31, 5, 1, '0.491', '0.1642', '0.2549', '0.946'],
      [34, 4, 1, '0.368', '0.1627', '0.1549', '0.875'],
      [48, 2, 1, '0.184', '0.1535', '0.0359', '0.944'],
    ]);
  });
});

describe('kaplanMeier edge cases', () => {
  it('keeps S = 1 with a degenerate [1, 1] interval when everyone is censored', () => {
    const curve = kaplanMeier(obs([
      [1, 0],
      [2, 0],
      [2, 0],
    ]));
    expect(curve.events).toBe(0);
    expect(curve.steps.map((s) => [s.survival, s.std_err, s.lower, s.upper])).toEqual([
      [1, 0, 1, 1],
      [1, 0, 1, 1],
    ]);
  });

  it('returns an empty curve for no observations', () => {
    expect(kaplanMeier([])).toEqual({ n: 0, events: 0, steps: [] });
  });

  it('drops the curve at time 0 when an event happens at time 0', () => {
    // 0, 1+, 2, 3+: S(0) = 3/4, Σ = 1/(4·3); S(2) = 0.75·1/2 = 0.375, Σ = 1/12 + 1/(2·1)
    const curve = kaplanMeier(obs([
      [0, 1],
      [1, 0],
      [2, 1],
      [3, 0],
    ]));
    expect(curve.steps[0]).toMatchObject({ time: 0, at_risk: 4, events: 1, survival: 0.75 });
    expect(curve.steps[0]?.lower).toBeCloseTo(0.75 * Math.exp(-Z * Math.sqrt(1 / 12)), 12);
    expect(curve.steps[2]?.survival).toBe(0.375);
    expect(curve.steps[2]?.lower).toBeCloseTo(0.0839296, 6);
  });

  it('rejects negative or non-finite times', () => {
    expect(() => kaplanMeier(obs([[-1, 1]]))).toThrow(RangeError);
    expect(() => kaplanMeier(obs([[NaN, 0]]))).toThrow(RangeError);
  });
});

describe('survivalAt', () => {
  const curve = kaplanMeier(SMALL);

  it('reads the step in force (right-continuous): the value at an event time already includes that event', () => {
    expect(survivalAt(curve, 2)?.survival).toBe(0.625);
    expect(survivalAt(curve, 3.5)?.survival).toBe(0.625);
    expect(survivalAt(curve, 1.999)?.survival).toBe(0.875);
    expect(survivalAt(curve, 4)).toEqual({
      survival: curve.steps[3]?.survival,
      std_err: curve.steps[3]?.std_err,
      lower: curve.steps[3]?.lower,
      upper: curve.steps[3]?.upper,
    });
  });

  it('is 1 with a [1, 1] interval before the first observed time', () => {
    expect(survivalAt(curve, 0.5)).toEqual({ survival: 1, std_err: 0, lower: 1, upper: 1 });
  });

  it('is null beyond the last observed time, where no one was followed', () => {
    expect(survivalAt(curve, 6)?.survival).toBe(0);
    expect(survivalAt(curve, 6.1)).toBeNull();
    expect(survivalAt(kaplanMeier([]), 0)).toBeNull();
  });
});

describe('atRiskAt', () => {
  it('counts subjects whose follow-up is ≥ t, so those ending exactly at t are still at risk', () => {
    expect(atRiskAt(SMALL, [0, 1, 2, 2.5, 6, 7])).toEqual([
      { time: 0, at_risk: 8 },
      { time: 1, at_risk: 8 },
      { time: 2, at_risk: 7 },
      { time: 2.5, at_risk: 4 },
      { time: 6, at_risk: 1 },
      { time: 7, at_risk: 0 },
    ]);
  });

  it('is 0 everywhere for no observations', () => {
    expect(atRiskAt([], [0, 12])).toEqual([
      { time: 0, at_risk: 0 },
      { time: 12, at_risk: 0 },
    ]);
  });
});
