// Cumulative incidence under competing risks (Aalen–Johansen) with cmprsk's variance and a log(−log) 95% interval.

import { Z_95 } from './normal';
import { endedWith, tallyByTime } from './time-tally';

export interface CompetingRisksObservation {
  /** Follow-up time from the time origin (finite, ≥ 0). */
  readonly time: number;
  /** 0 = censored, 1 = event of cause 1, 2 = event of cause 2. */
  readonly status: 0 | 1 | 2;
}

/** The cumulative incidence of the cause of interest at one distinct observed time. */
export interface CifStep {
  readonly time: number;
  /** Subjects with follow-up ≥ time (events of either cause come before censorings at the same time). */
  readonly at_risk: number;
  /** Events of the cause of interest at this time. */
  readonly events: number;
  /** Events of the competing cause at this time. */
  readonly competing: number;
  readonly censored: number;
  /** F(time) = Σ_{t_j ≤ time} S(t_j−)·d_j/n_j, S the all-cause Kaplan–Meier curve. */
  readonly cif: number;
  /** √ of cmprsk::cuminc's variance (Gray's Aalen-type delta-method estimate, with its tie correction). */
  readonly std_err: number;
  /** 95% CI F^exp(±1.96·se/(F·log F)), i.e. symmetric on log(−log F); null where it is undefined, F = 0 or F = 1. */
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface CifCurve {
  readonly n: number;
  readonly cause: 1 | 2;
  readonly events: number;
  readonly competing: number;
  readonly steps: readonly CifStep[];
}

/** The curve's value at a time: estimate, standard error and 95% CI as on the step in force. */
export interface CifEstimate {
  readonly cif: number;
  readonly std_err: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * Interval on the log(−log F) scale by the delta method (se of log(−log F) = se/|F·log F|), from Pintilie,
 * "Competing Risks: A Practical Perspective" (2006), as tidycmprsk applies it to cuminc's variance; unlike a plain
 * ±1.96·se it stays inside (0, 1) without clipping. At F = 0 and F = 1 it is 0/0 (tidycmprsk: NaN → NA), hence null.
 */
function logLogInterval(cif: number, stdErr: number): { lower: number | null; upper: number | null } {
  if (cif <= 0 || cif >= 1) return { lower: null, upper: null };
  const spread = (Z_95 * stdErr) / (cif * Math.log(cif));
  return { lower: cif ** Math.exp(-spread), upper: cif ** Math.exp(spread) };
}

/** cmprsk's `t5`: the correction for d tied events among n at risk, 1 − (d − 1)/(n − 1). */
function tieCorrection(d: number, n: number): number {
  return d > 1 ? 1 - (d - 1) / (n - 1) : 1;
}

/**
 * Aalen–Johansen estimate of the cumulative incidence of `causeOfInterest` at every distinct observed time, ascending.
 *
 * Variance: the estimator Gray's cmprsk::cuminc computes (Fortran `cinc`, after Aalen 1978):
 *   Var F(t) = Σ_{t_j ≤ t} S(t_j−)²·c(d_j, n_j)·d_j/n_j² · (1{cause} − (F(t) − F(t_j))/S(t_j))²
 * summed over event times of either cause (the indicator is 1 for the cause of interest, 0 for the competing one),
 * c the tie correction; it is kept as three running sums so each step costs O(1), and carried unchanged across
 * times without an event of interest (the competing terms it would add there are exactly 0).
 * With no competing events F = 1 − KM but this variance is S²·Σ d/((n−d)(n−1)), not Greenwood's S²·Σ d/(n(n−d)).
 */
export function cumulativeIncidence(observations: readonly CompetingRisksObservation[], causeOfInterest: 1 | 2 = 1): CifCurve {
  const cause = causeOfInterest;
  const competingCause = cause === 1 ? 2 : 1;
  const tallies = tallyByTime(observations, 3);
  let survivalBefore = 1;
  let cif = 0;
  let variance = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  const accumulate = (weight: number, t3: number, t4: number): void => {
    v1 += t4 * t4 * weight;
    v2 += t3 * t4 * weight;
    v3 += t3 * t3 * weight;
  };
  const steps = tallies.map((tally): CifStep => {
    const n = tally.at_risk;
    const events = endedWith(tally, cause);
    const competing = endedWith(tally, competingCause);
    // Left to right, (S·(n − d))/n, so that e.g. 1·3/4·2/3 lands on 0.5 exactly, as in cmprsk.
    const survivalAfter = events + competing > 0 ? (survivalBefore * (n - events - competing)) / n : survivalBefore;
    if (events > 0) cif += (survivalBefore * events) / n;
    if (competing > 0 && survivalAfter > 0) {
      const weight = (survivalBefore ** 2 * tieCorrection(competing, n) * competing) / n ** 2;
      accumulate(weight, 1 / survivalAfter, cif / survivalAfter);
    }
    if (events > 0) {
      const weight = (survivalBefore ** 2 * tieCorrection(events, n) * events) / n ** 2;
      const t3 = survivalAfter > 0 ? 1 / survivalAfter : 0;
      accumulate(weight, t3, 1 + t3 * cif);
      // A sum of squares; rounding in the expanded form must not make it negative.
      variance = Math.max(0, v1 + cif * cif * v3 - 2 * cif * v2);
    }
    survivalBefore = survivalAfter;
    const stdErr = Math.sqrt(variance);
    return { time: tally.time, at_risk: n, events, competing, censored: endedWith(tally, 0), cif, std_err: stdErr, ...logLogInterval(cif, stdErr) };
  });
  return {
    n: observations.length,
    cause,
    events: steps.reduce((sum, step) => sum + step.events, 0),
    competing: steps.reduce((sum, step) => sum + step.competing, 0),
    steps,
  };
}

/**
 * F(t) with its standard error and CI from the step in force at t (right-continuous). Before the first observed time
 * F = 0 (CI undefined, null); after the last observed time the curve is not estimated and the result is null.
 */
export function cifAt(curve: CifCurve, t: number): CifEstimate | null {
  if (Number.isNaN(t)) throw new RangeError('cifAt needs a time, got NaN');
  const last = curve.steps.at(-1);
  if (last === undefined || t > last.time) return null;
  const step = curve.steps.findLast((s) => s.time <= t);
  if (step === undefined) return { cif: 0, std_err: 0, lower: null, upper: null };
  return { cif: step.cif, std_err: step.std_err, lower: step.lower, upper: step.upper };
}
