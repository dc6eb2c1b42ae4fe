// Public API of the synthetic-patient generator for the ino-all-it study.

export { buildCatalog, inoAllItCatalog } from './catalog';
export type { CtcaeTerm, StudyCatalog } from './catalog';
export { enterPatients, plannedInstances } from './enter';
export type { EnteredPatient, EnterOptions, EntrySessions } from './enter';
export { codiceFiscale } from './identity-gen';
export { DEFAULT_CUTOFF, DEFAULT_EC_APPROVAL, generatePatient } from './patient';
export type { PatientOptions } from './patient';
export { finalInstances, isMissingEntry } from './plan';
export type { FinalInstance, IdentityPlan, MissingCode, PatientFacts, PatientPlan, PlanData, PlanEntry, PlannedEdit, PlannedSave } from './plan';
export { createRng, Rng } from './random';
export type { Weighted } from './random';
export { seededUsers, seedSite, sitePlans } from './seed-site';
export type { SeededUser, SeedSiteOptions, SeedSiteResult } from './seed-site';
export { summarizePlans } from './summary';
export type { CohortSummary } from './summary';
export { validatePlan } from './validate-plan';
export type { PlanProblem, ValidationEnv } from './validate-plan';
