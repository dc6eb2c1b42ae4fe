// A study module: what one study needs beyond its definition — derived endpoints, report sections, a synthetic
// patient generator — behind this one interface. Modules live in src/studies and are registered there by study
// id; callers hand the registry to core explicitly. A part a module leaves out is the generic one.

import type { StudyAnalysis } from './analysis';
import type { StudyReport } from './report';
import type { SyntheticGenerator } from './synthetic';

export interface StudyModule {
  readonly studyId: string;
  /** Replaces the generic analysis dataset (analysis.csv and its codebook). */
  readonly analysis?: StudyAnalysis;
  /** Sections added after the generic ones. */
  readonly report?: StudyReport;
  /** Replaces the generic synthetic-patient generator of the demo and the benchmarks. */
  readonly synthetic?: SyntheticGenerator;
}

/** The registered modules by study id; undefined when a study has none (src/studies/index.ts). */
export type StudyModules = (studyId: string) => StudyModule | undefined;

/** The module of a study, if any; a registry that answers with another study's module is a programming error. */
export function moduleFor(modules: StudyModules, studyId: string): StudyModule | undefined {
  const found = modules(studyId);
  if (found && found.studyId !== studyId) throw new Error(`the study module of ${found.studyId} is registered for ${studyId}`);
  return found;
}
