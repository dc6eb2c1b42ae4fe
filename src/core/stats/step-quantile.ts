// Where a horizontal line at p meets a step CDF, by R survival's findq rules (midpoint of a flat lying exactly at p).

/** R's default `tolerance = sqrt(.Machine$double.eps)` in quantile.survfit: S within it of p counts as exactly p. */
const TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * R's `approx(xs, seq_along(xs), v, method = "constant", f = 1)$y` (0-based): after approx drops NA pairs and sorts by
 * value, the index of the first value ≥ v, or null when v lies outside [min, max] (rule = 1).
 */
function firstIndexAtLeast(values: readonly (number | null)[], v: number): number | null {
  const known = values
    .map((value, index) => ({ value, index }))
    .filter((point): point is { value: number; index: number } => point.value !== null)
    .sort((a, b) => a.value - b.value);
  const first = known[0];
  const last = known.at(-1);
  if (first === undefined || last === undefined || v < first.value || v > last.value) return null;
  return known.find((point) => point.value >= v)?.index ?? null;
}

/**
 * Port of `findq(x, y, p, tol)` from R survival's quantile.survfit.R (Therneau), for one probability p.
 * `x` are the jump times with x[0] the start (0), `y` the CDF (1 − S, null for R's NA) at each, y[0] = 0.
 * The answer is the first time the CDF reaches p; when the CDF sits at p (within the tolerance) over an interval,
 * it is the midpoint of that interval's start and the next jump — or, for a flat at the end of the curve, of its start
 * and the last observed time. null when the curve never reaches p.
 */
export function stepCdfQuantile(x: readonly number[], y: readonly (number | null)[], p: number): number | null {
  if (x.length !== y.length) throw new RangeError('stepCdfQuantile needs x and y of equal length');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
  const highest = y.reduce<number | null>((max, v) => (v === null ? max : max === null ? v : Math.max(max, v)), null);
  if (highest === null || highest < p) return null;
  const lastTime = x.at(-1);
  // Censorings repeat the previous CDF value; R keeps only the first time each value is reached (duplicated()).
  const seen = new Set<number | null>();
  const times: number[] = [];
  const cdf: (number | null)[] = [];
  x.forEach((time, i) => {
    const value = y[i] ?? null;
    if (seen.has(value)) return;
    seen.add(value);
    times.push(time);
    cdf.push(value);
  });
  const shifted = (by: number): (number | null)[] => cdf.map((v) => (v === null ? null : v + by));
  const reach = firstIndexAtLeast(shifted(TOLERANCE), p);
  const pastFlat = firstIndexAtLeast(shifted(-TOLERANCE), p);
  const reachTime = reach === null ? undefined : times[reach];
  const pastFlatTime = pastFlat === null ? undefined : times[pastFlat];
  let quantile = reachTime === undefined || pastFlatTime === undefined ? null : (reachTime + pastFlatTime) / 2;
  if (p === 0) quantile = times[0] ?? null;
  const finalCdf = cdf.at(-1);
  if (finalCdf !== null && finalCdf !== undefined && Math.abs(p - finalCdf) < TOLERANCE) {
    quantile = reachTime === undefined || lastTime === undefined ? null : (reachTime + lastTime) / 2;
  }
  return quantile;
}
