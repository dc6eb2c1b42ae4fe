// The study modules, registered by study id: what a study needs beyond its definition. Handed explicitly to core
// by its callers (CLI, the app context of main and the loopback server, the tools, the benchmarks).

import type { StudyModule, StudyModules } from '../core/modules/study-module';
import { inoAllIt } from './ino-all-it';

const REGISTERED: ReadonlyMap<string, StudyModule> = new Map([inoAllIt].map((m) => [m.studyId, m]));

/** The module of a study, or undefined: the study gets the generic analysis, report and synthetic patients. */
export const studyModules: StudyModules = (studyId) => REGISTERED.get(studyId);
