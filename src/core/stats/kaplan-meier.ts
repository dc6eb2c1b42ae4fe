// Kaplan–Meier survival curve with Greenwood standard errors and R survfit's default log-scale 95% intervals.

import { Z_95 } from './normal';
import { endedWith, tallyByTime } from './time-tally';

export interface SurvivalObservation {
  /** Follow-up time from the time origin (finite, ≥ 0). */
  readonly time: number;
  /** 1 = event observed at `time`, 0 = censored at `time`. */
  readonly event: 0 | 1;
}

/** The curve at one distinct observed time (an event, a censoring, or both). */
export interface KmStep {
  readonly time: number;
  /** Subjects with follow-up ≥ time (censorings at the time still count: events come first). */
  readonly at_risk: number;
  readonly events: number;
  readonly censored: number;
  /** S(time), the product-limit estimate, right-continuous. */
  readonly survival: number;
  /**
   * Greenwood standard error of S: S·√Σ d/(n(n−d)) (Greenwood 1926), the `std.err` that R's summary.survfit prints.
   * null when S = 0, where the Greenwood sum is infinite (R: NaN).
   */
  readonly std_err: number | null;
  /** Standard error of log S, √Σ d/(n(n−d)): what R's survfit object stores as `std.err`. null when S = 0 (R: Inf). */
  readonly std_err_log: number | null;
  /** 95% CI from conf.type = "log", R survfit's default: exp(log S ± 1.96·std_err_log), upper clipped at 1; null when S = 0. */
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface KmCurve {
  readonly n: number;
  readonly events: number;
  readonly steps: readonly KmStep[];
}

/** The curve's value at a time: estimate, standard errors and 95% CI as on the step in force. */
export interface SurvivalEstimate {
  readonly survival: number;
  readonly std_err: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** survfit_confint(conf.type = "log") in R's survival package; log(0) is undefined, hence null bounds at S = 0. */
function logInterval(survival: number, stdErrLog: number | null): { lower: number | null; upper: number | null } {
  if (survival === 0 || stdErrLog === null) return { lower: null, upper: null };
  return {
    lower: Math.exp(Math.log(survival) - Z_95 * stdErrLog),
    upper: Math.min(1, Math.exp(Math.log(survival) + Z_95 * stdErrLog)),
  };
}

/** Product-limit estimate (Kaplan & Meier 1958) at every distinct observed time, ascending. */
export function kaplanMeier(observations: readonly SurvivalObservation[]): KmCurve {
  const tallies = tallyByTime(
    observations.map((o) => ({ time: o.time, status: o.event })),
    2,
  );
  let survival = 1;
  let greenwoodSum = 0;
  const steps = tallies.map((tally): KmStep => {
    const events = endedWith(tally, 1);
    const n = tally.at_risk;
    if (events > 0) {
      // Left to right, (S·(n − d))/n, so that e.g. 1·3/4·2/3 lands on 0.5 exactly.
      survival = (survival * (n - events)) / n;
      // d = n makes the term infinite: S is 0 from here on and has no log-scale variance.
      greenwoodSum += events === n ? Infinity : events / (n * (n - events));
    }
    const stdErrLog = Number.isFinite(greenwoodSum) ? Math.sqrt(greenwoodSum) : null;
    return {
      time: tally.time,
      at_risk: n,
      events,
      censored: endedWith(tally, 0),
      survival,
      std_err: stdErrLog === null ? null : survival * stdErrLog,
      std_err_log: stdErrLog,
      ...logInterval(survival, stdErrLog),
    };
  });
  return { n: observations.length, events: steps.reduce((sum, step) => sum + step.events, 0), steps };
}

/**
 * S(t) with its standard error and CI, read off the step in force at t (the curve is right-continuous).
 * Before the first observed time S = 1 with a degenerate [1, 1] interval, as R reports; after the last observed time
 * the curve is not estimated (no one is followed that long) and the result is null, as summary.survfit without `extend`.
 */
export function survivalAt(curve: KmCurve, t: number): SurvivalEstimate | null {
  if (Number.isNaN(t)) throw new RangeError('survivalAt needs a time, got NaN');
  const last = curve.steps.at(-1);
  if (last === undefined || t > last.time) return null;
  const step = curve.steps.findLast((s) => s.time <= t);
  if (step === undefined) return { survival: 1, std_err: 0, lower: 1, upper: 1 };
  return { survival: step.survival, std_err: step.std_err, lower: step.lower, upper: step.upper };
}

/**
 * Numbers at risk for a risk table under a survival plot: subjects whose follow-up time is ≥ t, so those with an event
 * or censoring exactly at t are still at risk at t (R's summary.survfit(times = ...) n.risk).
 */
export function atRiskAt(
  observations: readonly SurvivalObservation[],
  times: readonly number[],
): { readonly time: number; readonly at_risk: number }[] {
  const tallies = tallyByTime(
    observations.map((o) => ({ time: o.time, status: o.event })),
    2,
  );
  return times.map((time) => {
    if (Number.isNaN(time)) throw new RangeError('atRiskAt needs times, got NaN');
    // The first distinct time ≥ t carries everyone followed at least that long; past the last time no one is left.
    return { time, at_risk: tallies.find((tally) => tally.time >= time)?.at_risk ?? 0 };
  });
}
