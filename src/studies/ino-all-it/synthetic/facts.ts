// What the ino-all-it generator knows of a synthetic patient's clinical course (days are ISO dates), for summaries and tests.

import type { PatientPlan, PlanFacts } from '../../../core/modules/patient-plan';

export interface PatientFacts extends PlanFacts {
  readonly sex: 'M' | 'F';
  readonly ageAtFirstDose: number;
  readonly ph: 'pos' | 'neg' | 'unknown';
  readonly salvageLine: number;
  readonly priorLines: number;
  readonly priorAlloHsct: boolean;
  readonly c1d1: string;
  readonly cycles: number;
  readonly bestResponse: 'CR' | 'CRi' | 'PR' | 'NR' | 'PD' | 'NE';
  readonly mrdNegative: boolean;
  readonly hsctAfterIno: boolean;
  readonly directHsct: boolean;
  readonly sos: boolean;
  readonly sosAfterHsct: boolean;
  readonly sosGrade: number | null;
  readonly relapse: boolean;
  readonly dead: boolean;
  readonly deathCause: string | null;
  readonly lostToFollowUp: boolean;
  /** Days from C1D1 to death or last contact. */
  readonly osDays: number;
}

export type InoPatientPlan = PatientPlan<PatientFacts>;
