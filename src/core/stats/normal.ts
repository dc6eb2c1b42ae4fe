// Standard-normal multiplier for the two-sided 95% intervals that the survival and incidence estimators report.

/**
 * qnorm(0.975) to double precision, the value R's survfit and cmprsk-based reports use for conf.int = 0.95
 * (the rounded 1.96 would move the bounds in the sixth decimal and stop them matching R).
 */
export const Z_95 = 1.959963984540054;
