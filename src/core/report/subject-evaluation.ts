// One subject's evaluation for the report, the same on the main thread and on the evaluation worker: its
// instances' calculated values (those of the dataset) and its failed checks, tallied into the collector.

import type { CompiledStudy } from '../../shared/study/compile';
import type { StoredEntry } from '../../shared/study/entries';
import { evaluateSubject, type SubjectInstance } from '../../shared/study/evaluate-subject';
import { instanceCalcs, type EvaluationEnv } from '../dataset/dataset-subject';
import type { CheckCollector } from './quality';

/** What evaluating a subject needs: its site (for the tallies), its instances and, at a site, its exact birth date. */
export interface EvaluationTask {
  readonly siteId: string;
  readonly identityBirthDate: string | null;
  readonly instances: readonly SubjectInstance[];
}

/**
 * `separate`: a calculation reads a subject summary (calcsReadSummary), so a full evaluation's calcs differ from
 * the dataset's calcs-only ones: the calcs and the checks are then evaluated apart; otherwise one full evaluation
 * gives both.
 */
export function evaluateForReport(study: CompiledStudy, separate: boolean, checks: CheckCollector, task: EvaluationTask, env: EvaluationEnv): Record<string, StoredEntry | null>[] {
  const full = { ...env, identityBirthDate: task.identityBirthDate };
  if (!separate) {
    const evaluation = evaluateSubject(study, task.instances, full);
    checks.tally(task.siteId, evaluation);
    return instanceCalcs(study, task.instances, evaluation, true);
  }
  checks.add(task.siteId, task.instances, full);
  return instanceCalcs(study, task.instances, evaluateSubject(study, task.instances, full, { calcsOnly: true }));
}
