// Public API of the statistics library used by the study report (survival, response and cost endpoints).

export { cifAt, cumulativeIncidence } from './aalen-johansen';
export type { CifCurve, CifEstimate, CifStep, CompetingRisksObservation } from './aalen-johansen';
export { inverseRegularizedIncompleteBeta, regularizedIncompleteBeta } from './beta';
export { clopperPearson } from './clopper-pearson';
export type { ProportionInterval } from './clopper-pearson';
export { frequency, iqr, mean, median, quantile, sd, summarize } from './descriptive';
export type { FrequencyRow, NumericSummary } from './descriptive';
export { atRiskAt, kaplanMeier, survivalAt } from './kaplan-meier';
export type { KmCurve, KmStep, SurvivalEstimate, SurvivalObservation } from './kaplan-meier';
export { medianSurvival, survivalQuantile } from './survival-median';
export type { SurvivalQuantile } from './survival-median';
export { grayTest } from './gray-test';
export type { GrayTestResult, GroupedCompetingRisksObservation } from './gray-test';
export { chiSquareUpperTail } from './chi-square';
