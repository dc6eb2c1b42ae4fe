// Reading a subject's form instances for evaluation, and keeping the per-instance and per-subject
// progress counters in step after every change.

import type { EvaluatedFormInstance, IdentityData, InstanceResults } from '../../db/domain';
import { findCasebookLock } from '../../db/repositories/casebook-locks.repository';
import { listInstancesOfSubject, updateInstanceResults } from '../../db/repositories/form-instances.repository';
import { getMeta, getSiteParams } from '../../db/repositories/meta.repository';
import { getIdentity, listIdentities, upsertSubjectStatus } from '../../db/repositories/subjects.repository';
import type { Db, Tx } from '../../db/transaction';
import { todayDayNumber } from '../../shared/dates/partial-date';
import { evaluateSubject, type EvaluationEnv, type InstanceEvaluation, type PreviousResult, type SubjectEvaluation } from '../../shared/study/evaluate-subject';
import { isoNow } from '../clock';
import { progressCounts } from './progress-counts';
import type { Session } from './session';

// Kept under this name for the analysis and report callers.
export { getSiteParams as siteParams } from '../../db/repositories/meta.repository';

/** The exact birth date an identification-log entry holds, for the exact age (crf-spec §4). */
export function identityBirthDate(identity: IdentityData | undefined): string | null {
  const value = identity?.sil_birth_date;
  return typeof value === 'string' ? value : null;
}

/** On a site store, each subject's exact birth date from the identification log (for the exact age only). */
export async function identityBirthDates(db: Db): Promise<Map<string, string>> {
  const birthDates = new Map<string, string>();
  if ((await getMeta(db, 'store_kind')) !== 'site') return birthDates;
  for (const entry of await listIdentities(db)) {
    const date = identityBirthDate(entry.data);
    if (date !== null) birthDates.set(entry.subjectId, date);
  }
  return birthDates;
}

export async function evaluationEnv(session: Session, db: Db, subjectId: string): Promise<EvaluationEnv> {
  const params = await getSiteParams(db);
  const identity = session.info.kind === 'site' ? await getIdentity(db, subjectId) : undefined;
  return { today: todayDayNumber(session.clock()), params, identityBirthDate: identityBirthDate(identity) };
}

export async function evaluateStoredSubject(session: Session, db: Db, subjectId: string): Promise<{ instances: EvaluatedFormInstance[]; evaluation: SubjectEvaluation }> {
  const instances = await listInstancesOfSubject(db, subjectId);
  const env = await evaluationEnv(session, db, subjectId);
  return { instances, evaluation: evaluateSubject(session.study.compiled, instances, env) };
}

/** What an evaluation leaves to be stored of one instance. */
export function resultsOf(result: InstanceEvaluation | undefined): InstanceResults {
  const failures = result?.failures ?? [];
  return {
    missing: result?.missing.length ?? 0,
    hard: failures.filter((f) => f.severity === 'hard').length,
    soft: failures.filter((f) => f.severity === 'soft' && !f.overriddenBy).length,
    failedChecks: failures.map((f) => f.id),
    missingFields: [...(result?.missing ?? [])],
  };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function sameResults(a: InstanceResults, b: InstanceResults | null): boolean {
  return b !== null && a.missing === b.missing && a.hard === b.hard && a.soft === b.soft && sameList(a.failedChecks, b.failedChecks) && sameList(a.missingFields, b.missingFields);
}

/** Writes the results of every instance of a subject whose results changed, and its summary row. */
export async function refreshSubjectStatus(session: Session, tx: Tx, subjectId: string, instances: readonly EvaluatedFormInstance[], evaluation: SubjectEvaluation): Promise<void> {
  let failedHard = 0;
  let failedSoft = 0;
  let missing = 0;
  for (const instance of instances) {
    const results = resultsOf(evaluation.get(instance.form, instance.instanceNo));
    failedHard += results.hard;
    failedSoft += results.soft;
    missing += results.missing;
    if (!sameResults(results, instance.results)) await updateInstanceResults(tx, instance.id, results);
  }
  await upsertSubjectStatus(tx, {
    subjectId,
    instances: instances.length,
    ...progressCounts(instances, instances.some((i) => i.status === 'locked') ? await findCasebookLock(tx, subjectId) : undefined),
    failedHard,
    failedSoft,
    missingItems: missing,
    updatedAt: isoNow(session.clock),
  });
}

/** The stored result of an instance's last evaluation, for incremental re-checking. */
export function previousResult(instance: EvaluatedFormInstance): PreviousResult | undefined {
  return instance.results ? { failed: instance.results.failedChecks, missing: instance.results.missingFields } : undefined;
}
