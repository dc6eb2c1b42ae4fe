// Median (and other quantiles) of a Kaplan–Meier curve with its 95% CI, as R's print.survfit / quantile.survfit report it.

import type { KmCurve } from './kaplan-meier';
import { stepCdfQuantile } from './step-quantile';

export interface SurvivalQuantile {
  /** Smallest time with S ≤ 1 − p (midpoint rule on a flat exactly at 1 − p); null when not reached. */
  readonly median: number | null;
  /** The same rule applied to the lower confidence curve. */
  readonly lower: number | null;
  /** The same rule applied to the upper confidence curve; often null (the upper curve stays above 0.5). */
  readonly upper: number | null;
}

/**
 * The time by which a fraction p has had the event, with CI limits read off the confidence curves (Brookmeyer &
 * Crowley 1982 in the form R uses: quantile.survfit applies findq to surv, lower and upper, starting at time 0).
 * The field is named `median` because p = 0.5 is what reports show; other p give quartiles the same way.
 */
export function survivalQuantile(curve: KmCurve, p: number): SurvivalQuantile {
  const times = [0, ...curve.steps.map((step) => step.time)];
  const cdfOf = (values: readonly (number | null)[]): (number | null)[] => [0, ...values.map((s) => (s === null ? null : 1 - s))];
  return {
    median: stepCdfQuantile(times, cdfOf(curve.steps.map((step) => step.survival)), p),
    lower: stepCdfQuantile(times, cdfOf(curve.steps.map((step) => step.lower)), p),
    upper: stepCdfQuantile(times, cdfOf(curve.steps.map((step) => step.upper)), p),
  };
}

/** Median survival time and its 95% CI, the `median 0.95LCL 0.95UCL` columns of R's print(survfit(...)). */
export function medianSurvival(curve: KmCurve): SurvivalQuantile {
  return survivalQuantile(curve, 0.5);
}
