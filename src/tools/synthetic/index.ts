// Public API of the synthetic data tools: seed a site of any study with generated patients entered through the core
// use-cases, the generic generator, and checks of plans without a database.

export { enterPatients } from './enter';
export type { EnteredPatient, EnterOptions, EntrySessions } from './enter';
export { genericGenerator } from './generic/generic-generator';
export { generatorOf } from './generator-of';
export { finalInstances, isMissingEntry } from '../../core/modules/patient-plan';
export type { FinalInstance, IdentityPlan, MissingCode, PatientPlan, PlanData, PlanEntry, PlanFacts, PlannedEdit, PlannedSave } from '../../core/modules/patient-plan';
export { createRng, Rng } from '../../core/stats/random';
export type { Weighted } from '../../core/stats/random';
export { seededUsers, seedSite, sitePlans } from './seed-site';
export type { SeededUser, SeedSiteOptions, SeedSiteResult } from './seed-site';
export { plannedInstances, validatePlan } from './validate-plan';
export type { PlanProblem, ValidationEnv } from './validate-plan';
