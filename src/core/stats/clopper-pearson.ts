// Exact (Clopper–Pearson) confidence interval for a binomial proportion, e.g. a response rate.

import { inverseRegularizedIncompleteBeta } from './beta';

export interface ProportionInterval {
  /** x/n; null when n = 0. */
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/**
 * Clopper & Pearson (1934): the bounds are the p at which P(X ≥ x) and P(X ≤ x) equal α/2 for X ~ Bin(n, p), which by
 * P(X ≥ x) = I_p(x, n − x + 1) are beta quantiles: lower = qbeta(α/2, x, n − x + 1), upper = qbeta(1 − α/2, x + 1, n − x)
 * — the interval of R's binom.test. lower = 0 when x = 0 and upper = 1 when x = n (the tail is empty there).
 */
export function clopperPearson(x: number, n: number, level = 0.95): ProportionInterval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`x must be an integer from 0 to n = ${n}, got ${x}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be strictly between 0 and 1, got ${level}`);
  if (n === 0) return { estimate: null, lower: null, upper: null };
  const tail = (1 - level) / 2;
  return {
    estimate: x / n,
    lower: x === 0 ? 0 : inverseRegularizedIncompleteBeta(tail, x, n - x + 1),
    upper: x === n ? 1 : inverseRegularizedIncompleteBeta(1 - tail, x + 1, n - x),
  };
}
