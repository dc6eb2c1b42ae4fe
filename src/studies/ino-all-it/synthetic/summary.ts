// Cohort-level numbers of a set of plans (rates, medians, Kaplan–Meier median OS, data-quality shares) to check plausibility.

import { kaplanMeier, median, medianSurvival } from '../../../core/stats';
import { finalInstances, isMissingEntry } from '../../../core/modules/patient-plan';
import type { InoPatientPlan } from './facts';

export interface CohortSummary {
  readonly n: number;
  readonly medianAge: number;
  readonly male: number;
  readonly phPositive: number;
  readonly salvageLine: Readonly<Record<string, number>>;
  readonly priorAlloHsct: number;
  readonly cycles: Readonly<Record<string, number>>;
  readonly medianCycles: number;
  readonly crCri: number;
  readonly cr: number;
  readonly mrdNegAmongResponders: number;
  readonly hsctAfterIno: number;
  readonly hsctAmongResponders: number;
  readonly sos: number;
  readonly sosAfterHsct: number;
  readonly sosWithoutHsct: number;
  readonly relapse: number;
  readonly dead: number;
  readonly lost: number;
  readonly medianOsMonths: number | null;
  readonly patientsWithOverrides: number;
  /** Partial dates among the date values of partial-date fields. */
  readonly partialDateShare: number;
  /** Missing-data reasons among the values where the generator allows one, and among all stored values. */
  readonly missingShareOfEligible: number;
  readonly missingShareOfAllValues: number;
  readonly instancesPerPatient: number;
  readonly editsPerPatient: number;
}

const share = (xs: readonly boolean[]): number => (xs.length === 0 ? 0 : xs.filter(Boolean).length / xs.length);

function distribution(values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1 / values.length;
  return out;
}

const PARTIAL_FIELDS = ['dx_date', 'cd22_date', 'cr1_date', 'relapse1_date', 'relapse_pre_ino_date', 'pt_start', 'pt_end', 'pt_relapse_date', 'pt_cart_date', 'ae_onset', 'ae_end', 'st_end'];

export function summarizePlans(plans: readonly InoPatientPlan[]): CohortSummary {
  const f = plans.map((p) => p.facts);
  const responders = f.filter((x) => x.bestResponse === 'CR' || x.bestResponse === 'CRi');
  const hsct = f.filter((x) => x.hsctAfterIno);
  const km = kaplanMeier(f.map((x) => ({ time: x.osDays / 30.4375, event: x.dead ? 1 : 0 })));
  let dates = 0;
  let partial = 0;
  let values = 0;
  let missing = 0;
  let instances = 0;
  let edits = 0;
  for (const plan of plans) {
    for (const save of plan.saves) edits += save.edits?.length ?? 0;
    for (const i of finalInstances(plan)) {
      instances += 1;
      for (const [field, v] of Object.entries(i.data)) {
        values += 1;
        if (isMissingEntry(v)) missing += 1;
        if (PARTIAL_FIELDS.includes(field) && typeof v === 'string') {
          dates += 1;
          if (v.length < 10) partial += 1;
        }
      }
    }
  }
  return {
    n: f.length,
    medianAge: median(f.map((x) => x.ageAtFirstDose)) ?? 0,
    male: share(f.map((x) => x.sex === 'M')),
    phPositive: share(f.map((x) => x.ph === 'pos')),
    salvageLine: distribution(f.map((x) => x.salvageLine)),
    priorAlloHsct: share(f.map((x) => x.priorAlloHsct)),
    cycles: distribution(f.map((x) => x.cycles)),
    medianCycles: median(f.map((x) => x.cycles)) ?? 0,
    crCri: responders.length / Math.max(1, f.length),
    cr: share(f.map((x) => x.bestResponse === 'CR')),
    mrdNegAmongResponders: share(responders.map((x) => x.mrdNegative)),
    hsctAfterIno: share(f.map((x) => x.hsctAfterIno)),
    hsctAmongResponders: share(responders.map((x) => x.hsctAfterIno)),
    sos: share(f.map((x) => x.sos)),
    sosAfterHsct: share(hsct.map((x) => x.sosAfterHsct)),
    sosWithoutHsct: share(f.filter((x) => !x.hsctAfterIno).map((x) => x.sos)),
    relapse: share(f.map((x) => x.relapse)),
    dead: share(f.map((x) => x.dead)),
    lost: share(f.map((x) => x.lostToFollowUp)),
    medianOsMonths: medianSurvival(km).median,
    patientsWithOverrides: share(f.map((x) => x.softOverrides.length > 0)),
    partialDateShare: dates === 0 ? 0 : partial / dates,
    missingShareOfEligible: f.reduce((n, x) => n + x.quality.missing, 0) / Math.max(1, f.reduce((n, x) => n + x.quality.missingEligible, 0)),
    missingShareOfAllValues: values === 0 ? 0 : missing / values,
    instancesPerPatient: instances / Math.max(1, plans.length),
    editsPerPatient: edits / Math.max(1, plans.length),
  };
}
