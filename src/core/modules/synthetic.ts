// The synthetic-patient part of a study module: plans the tools enter through the core use-cases (src/tools/synthetic
// has the generic generator used when a study has none).

import type { Rng } from '../stats/random';
import type { PatientPlan } from './patient-plan';

export interface SyntheticRun {
  /** Nothing after this ISO date is recorded (the cohort's data cut-off). */
  readonly dataCutoff: string;
  /** Generator settings by name (ino-all-it: ecApprovalDate, partialDateShare, missingShare …); unknown names are ignored. */
  readonly settings: Readonly<Record<string, string | number>>;
}

export interface SyntheticGenerator {
  /** The data cut-off used when the caller gives none. */
  readonly defaultCutoff: string;
  /** Values of the definition's study parameters the cohort assumes (the demo sets them in the study it issues). */
  studyParameters(run: SyntheticRun): Readonly<Record<string, string | number | null>>;
  /** Site parameters a seeded site sets before its patients are entered (e.g. the EC approval date). */
  siteParameters(run: SyntheticRun): Readonly<Record<string, string>>;
  /** One patient, deterministic for the random stream; `incomplete`: left partly entered. */
  patient(rng: Rng, run: SyntheticRun & { readonly incomplete: boolean }): PatientPlan;
}
