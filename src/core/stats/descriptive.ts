// Descriptive statistics for report tables: mean, SD, median, R type-7 quantiles, min/max and category counts.

export interface NumericSummary {
  readonly n: number;
  readonly mean: number | null;
  /** Sample SD (denominator n − 1); null below two values. */
  readonly sd: number | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface FrequencyRow<T> {
  readonly value: T;
  readonly count: number;
  /** count / total; null when there are no values. */
  readonly proportion: number | null;
}

/** Missing values must be removed (and counted) by the caller: a NaN here is a bug, not a datum. */
function assertFinite(xs: readonly number[]): void {
  xs.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`value ${i} is not a finite number: ${x}`);
  });
}

function sortedCopy(xs: readonly number[]): number[] {
  assertFinite(xs);
  return [...xs].sort((a, b) => a - b);
}

function sum(xs: readonly number[]): number {
  return xs.reduce((total, x) => total + x, 0);
}

/** Arithmetic mean with R's mean.default refinement: a second pass adds the mean residual, cutting rounding error. */
export function mean(xs: readonly number[]): number | null {
  assertFinite(xs);
  if (xs.length === 0) return null;
  const first = sum(xs) / xs.length;
  return first + sum(xs.map((x) => x - first)) / xs.length;
}

/** Sample standard deviation (n − 1 denominator, as R's sd), two-pass for accuracy; null below two values. */
export function sd(xs: readonly number[]): number | null {
  const centre = mean(xs);
  if (centre === null || xs.length < 2) return null;
  return Math.sqrt(sum(xs.map((x) => (x - centre) ** 2)) / (xs.length - 1));
}

/** Hyndman & Fan (1996) type 7 on sorted data, R's quantile() default: linear between order statistics at (n − 1)p. */
function quantileOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const below = sorted[lo];
  const above = sorted[Math.ceil(index)];
  if (below === undefined || above === undefined) return null;
  // R interpolates only when the neighbours differ, computing (1 − h)·x[lo] + h·x[hi].
  const h = index - lo;
  return h > 0 && above !== below ? (1 - h) * below + h * above : below;
}

function assertProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
}

/** R's quantile(xs, p) with the default type 7; null for no values. */
export function quantile(xs: readonly number[], p: number): number | null {
  assertProbability(p);
  return quantileOfSorted(sortedCopy(xs), p);
}

/** The sample median: the middle value, or the mean of the two middle values. */
export function median(xs: readonly number[]): number | null {
  return quantile(xs, 0.5);
}

/** First and third quartiles (type 7, as R's quantile and IQR); the IQR is q3 − q1. */
export function iqr(xs: readonly number[]): { readonly q1: number | null; readonly q3: number | null } {
  const sorted = sortedCopy(xs);
  return { q1: quantileOfSorted(sorted, 0.25), q3: quantileOfSorted(sorted, 0.75) };
}

/** The usual "n, mean (SD), median [Q1, Q3], min–max" line of a continuous variable; nulls where undefined. */
export function summarize(xs: readonly number[]): NumericSummary {
  const sorted = sortedCopy(xs);
  return {
    n: sorted.length,
    mean: mean(sorted),
    sd: sd(sorted),
    median: quantileOfSorted(sorted, 0.5),
    q1: quantileOfSorted(sorted, 0.25),
    q3: quantileOfSorted(sorted, 0.75),
    min: sorted[0] ?? null,
    max: sorted.at(-1) ?? null,
  };
}

/**
 * Counts per category. With `levels`, rows follow that order and include levels never seen (a report row with 0),
 * and a value outside the levels is an error rather than silently dropped; without, rows follow first appearance.
 */
export function frequency<T extends string | number | boolean | null>(values: readonly T[], levels?: readonly T[]): FrequencyRow<T>[] {
  const counts = new Map<T, number>((levels ?? []).map((level) => [level, 0]));
  values.forEach((value, i) => {
    const count = counts.get(value);
    if (count === undefined && levels !== undefined) throw new RangeError(`value ${i} (${String(value)}) is not one of the levels`);
    counts.set(value, (count ?? 0) + 1);
  });
  return [...counts].map(([value, count]) => ({ value, count, proportion: values.length === 0 ? null : count / values.length }));
}
