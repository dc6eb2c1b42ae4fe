// Natural log of the gamma function, needed for the beta function normalising the incomplete beta integral.

/**
 * Lanczos coefficients from Numerical Recipes, 3rd ed. (Press et al. 2007, §6.1, gammln): g = 671/128, 14 terms,
 * about full double precision for x > 0 (the published digits, rounded here to the nearest double).
 */
const LANCZOS = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 3.399464998481189e-5,
  4.652362892704858e-5, -9.837447530487956e-5, 1.580887032249125e-4, -2.1026444172410488e-4, 2.1743961811521265e-4,
  -1.643181065367639e-4, 8.441822398385275e-5, -2.6190838401581408e-5, 3.6899182659531625e-6,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  let denominator = x;
  let series = 0.9999999999999971;
  for (const c of LANCZOS) {
    denominator += 1;
    series += c / denominator;
  }
  const shifted = x + 5.2421875;
  return (x + 0.5) * Math.log(shifted) - shifted + Math.log((2.5066282746310007 * series) / x);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
export function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}
