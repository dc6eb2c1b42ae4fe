// The regularized incomplete beta function I_x(a, b) and its inverse: the beta CDF and quantile behind exact binomial intervals.

import { logBeta } from './log-gamma';

/** Convergence threshold and underflow guard of the modified Lentz method (Numerical Recipes 3rd ed. §5.2, §6.4). */
const EPSILON = Number.EPSILON;
const TINY = Number.MIN_VALUE / Number.EPSILON;
/** The continued fraction needs O(√max(a, b)) terms; this covers a, b far beyond any trial's counts. */
const MAX_TERMS = 10_000;
const MAX_INVERSE_STEPS = 1_000;

function assertShape(a: number, b: number): void {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`beta shape parameters must be finite and > 0, got a = ${a}, b = ${b}`);
  }
}

/**
 * Continued fraction for I_x(a, b) (Numerical Recipes 3rd ed. eq. 6.4.5, `betacf`), evaluated by the modified
 * Lentz method; it converges fast for x < (a + 1)/(a + b + 2), which is why the caller uses the symmetry otherwise.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const guard = (v: number): number => (Math.abs(v) < TINY ? TINY : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) <= EPSILON) return h;
  }
  throw new RangeError(`incomplete beta continued fraction did not converge for a = ${a}, b = ${b}, x = ${x}`);
}

/** ln of x^a (1 − x)^b / B(a, b), the common front factor of both continued-fraction branches. */
function logFront(x: number, a: number, b: number): number {
  return a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b);
}

/**
 * I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b). Absolute error about 1e-15 for shapes up to tens, growing to ~1e-13 for
 * shapes in the hundreds (rounding in ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b)).
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  assertShape(a, b);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta needs 0 ≤ x ≤ 1, got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const front = Math.exp(logFront(x, a, b));
  // I_x(a, b) = 1 − I_{1−x}(b, a): pick the side where the continued fraction converges quickly.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** The Beta(a, b) density, the derivative Newton's method needs. */
function betaDensity(x: number, a: number, b: number): number {
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - logBeta(a, b));
}

/**
 * The x in [0, 1] with I_x(a, b) = p (the Beta(a, b) quantile, R's qbeta). Newton's method kept inside a bracket
 * that shrinks every step, falling back to bisection when a Newton step leaves the bracket or stops halving
 * (the `rtsafe` safeguard of Numerical Recipes 3rd ed. §9.4); it stops at double precision, well inside 1e-10.
 */
export function inverseRegularizedIncompleteBeta(p: number, a: number, b: number): number {
  assertShape(a, b);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`beta quantile needs 0 ≤ p ≤ 1, got ${p}`);
  if (p === 0) return 0;
  if (p === 1) return 1;
  let low = 0;
  let high = 1;
  let x = a / (a + b);
  let previousStep = 1;
  for (let i = 0; i < MAX_INVERSE_STEPS; i++) {
    const error = regularizedIncompleteBeta(x, a, b) - p;
    if (error === 0) return x;
    if (error < 0) low = x;
    else high = x;
    const newton = x - error / betaDensity(x, a, b);
    const useNewton = Number.isFinite(newton) && newton > low && newton < high && Math.abs(newton - x) < previousStep / 2;
    const next = useNewton ? newton : (low + high) / 2;
    previousStep = Math.abs(next - x);
    if (previousStep <= EPSILON * next || high - low <= EPSILON * low) return next;
    x = next;
  }
  return x;
}
