// The ino-all-it synthetic-patient generator behind the study-module interface (settings: ecApprovalDate,
// firstDoseFrom, firstDoseTo, partialDateShare, missingShare, softOverrideShare, editShare).

import type { SyntheticGenerator, SyntheticRun } from '../../../core/modules/synthetic';
import { inoAllItCatalog } from './catalog';
import { DEFAULT_CUTOFF, DEFAULT_EC_APPROVAL, generatePatient, type PatientOptions } from './patient';

const text = (run: SyntheticRun, name: string): string | undefined => (typeof run.settings[name] === 'string' ? (run.settings[name] as string) : undefined);
const share = (run: SyntheticRun, name: string): number | undefined => (typeof run.settings[name] === 'number' ? (run.settings[name] as number) : undefined);

function options(run: SyntheticRun): PatientOptions {
  const picked: Record<string, string | number | undefined> = {
    ecApprovalDate: text(run, 'ecApprovalDate') ?? DEFAULT_EC_APPROVAL,
    firstDoseFrom: text(run, 'firstDoseFrom'),
    firstDoseTo: text(run, 'firstDoseTo'),
    partialDateShare: share(run, 'partialDateShare'),
    missingShare: share(run, 'missingShare'),
    softOverrideShare: share(run, 'softOverrideShare'),
    editShare: share(run, 'editShare'),
  };
  return { ...Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)), dataCutoff: run.dataCutoff };
}

export const inoAllItSynthetic: SyntheticGenerator = {
  defaultCutoff: DEFAULT_CUTOFF,
  studyParameters: (run) => ({ data_cutoff: run.dataCutoff }),
  siteParameters: (run) => ({ site_ec_approval_date: text(run, 'ecApprovalDate') ?? DEFAULT_EC_APPROVAL }),
  patient: (rng, run) => generatePatient(rng, { ...options(run), catalog: inoAllItCatalog(), incomplete: run.incomplete }),
};

export { buildCatalog, inoAllItCatalog } from './catalog';
export type { CtcaeTerm, StudyCatalog } from './catalog';
export type { InoPatientPlan, PatientFacts } from './facts';
export { DEFAULT_CUTOFF, DEFAULT_EC_APPROVAL, generatePatient } from './patient';
export type { PatientOptions } from './patient';
export { summarizePlans } from './summary';
export type { CohortSummary } from './summary';
