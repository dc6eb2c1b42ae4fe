// The synthetic-patient generator of a study: its module's, else the generic one built from its definition.

import type { SyntheticGenerator } from '../../core/modules/synthetic';
import type { LoadedStudy } from '../../core/study/load-definition';
import { studyModules } from '../../studies';
import { genericGenerator } from './generic/generic-generator';

export function generatorOf(study: LoadedStudy): SyntheticGenerator {
  return studyModules(study.definition.id)?.synthetic ?? genericGenerator(study.compiled);
}
