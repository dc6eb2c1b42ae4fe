// Tests of the cumulative incidence estimator: reduction to 1 − KM, a hand-computed competing-risks case, cmprsk's variance.

import fc from 'fast-check';
import { cifAt, cumulativeIncidence, type CompetingRisksObservation } from './aalen-johansen';
import { kaplanMeier } from './kaplan-meier';

const Z = 1.959963984540054;

const obs = (pairs: readonly (readonly [number, 0 | 1 | 2])[]): CompetingRisksObservation[] => pairs.map(([time, status]) => ({ time, status }));

/** 1, 2, 2, 2+, 3+, 4, 5+, 6 with no competing events (the Kaplan–Meier test data). */
const NO_COMPETING = obs([
  [1, 1],
  [2, 1],
  [2, 1],
  [2, 0],
  [3, 0],
  [4, 1],
  [5, 0],
  [6, 1],
]);

/** 1 (competing), 2, 3+, 4, 5+. */
const ONE_COMPETING_FIRST = obs([
  [1, 2],
  [2, 1],
  [3, 0],
  [4, 1],
  [5, 0],
]);

describe('cumulativeIncidence without competing events', () => {
  const cif = cumulativeIncidence(NO_COMPETING);
  const km = kaplanMeier(NO_COMPETING.map((o) => ({ time: o.time, event: o.status === 1 ? 1 : 0 })));

  it('equals 1 − Kaplan–Meier at every step', () => {
    expect(cif.steps.map((s) => s.time)).toEqual(km.steps.map((s) => s.time));
    cif.steps.forEach((step, i) => expect(step.cif).toBeCloseTo(1 - (km.steps[i]?.survival ?? NaN), 14));
  });

  it("has cmprsk's variance S(t)²·Σ d/((n − d)(n − 1)), slightly above Greenwood's S(t)²·Σ d/(n(n − d))", () => {
    // t = 2: S = 0.625; terms 1/(7·7) at t = 1 (n = 8, d = 1) and 2/(5·6) at t = 2 (n = 7, d = 2, tie factor 5/6)
    const atTwo = 0.625 ** 2 * (1 / 49 + 2 / 30);
    expect(cif.steps[1]?.std_err).toBeCloseTo(Math.sqrt(atTwo), 14);
    expect(cif.steps[1]?.std_err).toBeGreaterThan(km.steps[1]?.std_err ?? Infinity);
    // t = 4: S = 5/12, plus 1/(2·2) for n = 3, d = 1
    expect(cif.steps[3]?.std_err).toBeCloseTo(Math.sqrt((5 / 12) ** 2 * (1 / 49 + 2 / 30 + 1 / 4)), 14);
  });

  it('reaches 1 when the last subject has the event, where the log(−log) interval is undefined', () => {
    expect(cif.steps.at(-1)).toMatchObject({ time: 6, cif: 1, lower: null, upper: null });
  });
});

describe('cumulativeIncidence with a competing event before the event of interest (hand-computed)', () => {
  // time  n  d1 d2  S(t−)  F(t) = F + S(t−)·d1/n      S(t)
  //   1   5   0  1   1      0                         0.8
  //   2   4   1  0   0.8    0.8·1/4 = 0.2             0.6
  //   3   3   (censored)    0.2                       0.6
  //   4   2   1  0   0.6    0.2 + 0.6·1/2 = 0.5       0.3
  //   5   1   (censored)    0.5                       0.3
  // Treating the competing event as censoring would give 1 − KM = 0.25 at 2 and 0.625 at 4: too high.
  const curve = cumulativeIncidence(ONE_COMPETING_FIRST);

  it('tallies events, competing events and censorings per time', () => {
    expect(curve).toMatchObject({ n: 5, cause: 1, events: 2, competing: 1 });
    expect(curve.steps.map((s) => [s.time, s.at_risk, s.events, s.competing, s.censored])).toEqual([
      [1, 5, 0, 1, 0],
      [2, 4, 1, 0, 0],
      [3, 3, 0, 0, 1],
      [4, 2, 1, 0, 0],
      [5, 1, 0, 0, 1],
    ]);
  });

  it('weights each event of interest by the all-cause survival just before it', () => {
    expect(curve.steps.map((s) => s.cif)).toEqual([0, 0.2, 0.2, expect.closeTo(0.5, 15), expect.closeTo(0.5, 15)]);
  });

  it("has cmprsk's variance: Σ S(t_j−)²·d_j/n_j²·(1{cause 1} − (F(t) − F(t_j))/S(t_j))²", () => {
    // At t = 2: competing at 1: 1²·1/25·((0 − 0.2)/0.8)² = 0.04·0.0625 = 0.0025
    //           cause 1 at 2:   0.8²·1/16·(1 − 0)²       = 0.04
    //           Var = 0.0425
    expect(curve.steps[1]?.std_err).toBeCloseTo(Math.sqrt(0.0425), 14);
    // At t = 4: competing at 1: 0.04·((0 − 0.5)/0.8)²     = 0.015625
    //           cause 1 at 2:   0.04·(1 − 0.3/0.6)²        = 0.01
    //           cause 1 at 4:   0.6²·1/4·(1 − 0)²          = 0.09
    //           Var = 0.115625
    expect(curve.steps[3]?.std_err).toBeCloseTo(Math.sqrt(0.115625), 14);
    // Carried across the censorings
    expect(curve.steps[2]?.std_err).toBe(curve.steps[1]?.std_err);
    expect(curve.steps[0]?.std_err).toBe(0);
  });

  it('puts the 95% CI on the log(−log F) scale: F^exp(±1.96·se/(F·log F))', () => {
    // t = 2: se = 0.2061553, F·log F = 0.2·ln 0.2 = −0.3218876, k = 1.959964·0.2061553/−0.3218876 = −1.2552700
    //        lower = 0.2^exp(1.25527) = 0.2^3.50866 = 0.0035274, upper = 0.2^exp(−1.25527) = 0.2^0.28501 = 0.6321134
    expect(curve.steps[1]?.lower).toBeCloseTo(0.0035274, 6);
    expect(curve.steps[1]?.upper).toBeCloseTo(0.6321134, 6);
    const k = (Z * Math.sqrt(0.115625)) / (0.5 * Math.log(0.5));
    expect(curve.steps[3]?.lower).toBeCloseTo(0.5 ** Math.exp(-k), 12);
    expect(curve.steps[3]?.upper).toBeCloseTo(0.5 ** Math.exp(k), 12);
    expect(curve.steps[3]?.lower).toBeCloseTo(0.0087202, 6);
    expect(curve.steps[3]?.upper).toBeCloseTo(0.9036473, 6);
  });

  it('has no CI while F = 0 (the transform is undefined there)', () => {
    expect(curve.steps[0]).toMatchObject({ cif: 0, lower: null, upper: null });
  });

  it('estimates the competing cause when asked: the competing event at 1 takes F₂ to 0.2', () => {
    const competing = cumulativeIncidence(ONE_COMPETING_FIRST, 2);
    expect(competing).toMatchObject({ cause: 2, events: 1, competing: 2 });
    expect(competing.steps.map((s) => s.cif)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });
});

/** Ties on a small grid so events of both causes and censorings collide; each subject has a status 0–2. */
const competingData = fc.array(
  fc.record({ time: fc.integer({ min: 0, max: 8 }), status: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }),
  { minLength: 1, maxLength: 40 },
);

describe('cumulativeIncidence properties', () => {
  it('adds up with the other cause and the all-cause KM to 1: F₁ + F₂ + S = 1', () => {
    fc.assert(
      fc.property(competingData, (data) => {
        const first = cumulativeIncidence(data, 1).steps;
        const second = cumulativeIncidence(data, 2).steps;
        const overall = kaplanMeier(data.map((o) => ({ time: o.time, event: o.status === 0 ? 0 : 1 }))).steps;
        return first.every((step, i) => Math.abs(step.cif + (second[i]?.cif ?? NaN) + (overall[i]?.survival ?? NaN) - 1) < 1e-12);
      }),
    );
  });

  it('has the variance of the explicit sum (cmprsk cinc), computed here term by term', () => {
    fc.assert(
      fc.property(competingData, (data) => {
        const steps = cumulativeIncidence(data, 1).steps;
        return steps.every((step, i) => {
          if (step.events === 0) return true; // carried from the last event of interest
          let variance = 0;
          let before = 1;
          for (const earlier of steps.slice(0, i + 1)) {
            const n = earlier.at_risk;
            const after = (before * (n - earlier.events - earlier.competing)) / n;
            const term = (d: number, indicator: number): number => {
              const tie = d > 1 ? 1 - (d - 1) / (n - 1) : 1;
              const lever = after > 0 ? (step.cif - earlier.cif) / after : 0;
              return ((before ** 2 * tie * d) / n ** 2) * (indicator - lever) ** 2;
            };
            if (earlier.competing > 0 && after > 0) variance += term(earlier.competing, 0);
            if (earlier.events > 0) variance += term(earlier.events, 1);
            before = after;
          }
          // Compared as variances: where F reaches 1 both sides are rounding noise near 0, which a square root magnifies (cmprsk prints 1e-8 there too).
          return Math.abs(step.std_err ** 2 - variance) < 1e-12;
        });
      }),
    );
  });

  it('keeps the interval around the estimate and inside [0, 1]', () => {
    fc.assert(
      fc.property(competingData, (data) =>
        cumulativeIncidence(data).steps.every(
          (s) => s.lower === null || s.upper === null || (s.lower >= 0 && s.lower <= s.cif + 1e-15 && s.upper >= s.cif - 1e-15 && s.upper <= 1),
        ),
      ),
    );
  });
});

describe('cumulativeIncidence edge cases and cifAt', () => {
  it('returns an empty curve for no observations and a zero curve when everyone is censored', () => {
    expect(cumulativeIncidence([])).toEqual({ n: 0, cause: 1, events: 0, competing: 0, steps: [] });
    expect(cumulativeIncidence(obs([
      [1, 0],
      [2, 0],
    ])).steps.map((s) => s.cif)).toEqual([0, 0]);
  });

  it('reads the step in force at t, is 0 before the first time and null after the last', () => {
    const curve = cumulativeIncidence(ONE_COMPETING_FIRST);
    expect(cifAt(curve, 0.5)).toEqual({ cif: 0, std_err: 0, lower: null, upper: null });
    expect(cifAt(curve, 3.9)?.cif).toBe(0.2);
    expect(cifAt(curve, 4)?.cif).toBeCloseTo(0.5, 15);
    expect(cifAt(curve, 4)?.lower).toBe(curve.steps[3]?.lower);
    expect(cifAt(curve, 5.5)).toBeNull();
  });

  it('rejects statuses other than 0, 1 and 2', () => {
    expect(() => cumulativeIncidence([{ time: 1, status: 3 as 1 }])).toThrow(RangeError);
  });
});
