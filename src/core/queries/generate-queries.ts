// `edc queries generate`: every check of the definition evaluated over all central data (the same
// evaluateSubject the forms use), one query per failed hard check, per soft check failed on a completed
// form without an override reason, and per missing required item of a completed form — never a second
// open query for the same check and instance. A closed one is raised again only when the instance changed
// after it was closed (the centre accepted the data as it was).

import type { DataQuery, FormInstance } from '../../db/domain';
import { getSiteParams } from '../../db/repositories/meta.repository';
import { listQueries } from '../../db/repositories/queries.repository';
import { inWriteTransaction } from '../../db/transaction';
import { todayDayNumber } from '../../shared/dates/partial-date';
import { translateBoth } from '../../shared/i18n/catalogue';
import type { CompiledStudy } from '../../shared/study/compile';
import { evaluateSubject, type CheckFailure } from '../../shared/study/evaluate-subject';
import type { Localized } from '../../shared/study/localized';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { raiseQueriesIn, type QueryTarget } from './raise-query';
import { requireStoreKind } from './store-kind';

/** A subject with its stored instances, as the dataset reader streams them (the caller passes it in). */
export interface SubjectToCheck {
  readonly subject: { readonly id: string };
  readonly instances: readonly FormInstance[];
}

export interface GenerateResult {
  readonly raised: readonly DataQuery[];
  readonly subjects: number;
  /** Failures that already have a query (open, or closed since the instance last changed). */
  readonly alreadyQueried: number;
}

const COMPLETED = new Set(['complete', 'signed', 'locked']);

export function checkKey(subjectId: string, form: string, instanceNo: number, checkId: string): string {
  return `${subjectId}\u0000${form}\u0000${instanceNo}\u0000${checkId}`;
}

function bilingual(text: Localized): string {
  return translateBoth('errors', 'terms.queries.bilingual', { it: text.it, en: text.en }).en;
}

function checkTarget(study: CompiledStudy, subjectId: string, instance: FormInstance, failure: CheckFailure): QueryTarget {
  const isRange = study.rangeChecks.some((r) => r.id === failure.id);
  return {
    subjectId,
    form: instance.form,
    instanceNo: instance.instanceNo,
    field: failure.fields[0] ?? null,
    checkId: failure.id,
    category: isRange ? 'out_of_range' : 'inconsistent',
    text: bilingual(translateBoth('errors', 'terms.queries.check', { check: failure.id, message: failure.message })),
  };
}

function missingTarget(study: CompiledStudy, subjectId: string, instance: FormInstance, field: string): QueryTarget {
  const label = study.field(instance.form, field)?.field.label ?? { it: field, en: field };
  return {
    subjectId,
    form: instance.form,
    instanceNo: instance.instanceNo,
    field,
    checkId: `required:${field}`,
    category: 'missing',
    text: bilingual(translateBoth('errors', 'terms.queries.missing', { field: label })),
  };
}

/** What an instance's evaluation asks to be queried. */
function targetsOf(study: CompiledStudy, subjectId: string, instance: FormInstance, failures: readonly CheckFailure[], missing: readonly string[]): QueryTarget[] {
  const completed = COMPLETED.has(instance.status);
  const targets: QueryTarget[] = [];
  for (const f of failures) {
    if (f.severity === 'hard' || (completed && f.overriddenBy === null)) targets.push(checkTarget(study, subjectId, instance, f));
  }
  if (completed) for (const field of missing) targets.push(missingTarget(study, subjectId, instance, field));
  return targets;
}

/** Keys already queried: by any query not closed, or closed at or after the given instance time. */
function queriedKeys(existing: readonly DataQuery[]): { open: Set<string>; closedAt: Map<string, string> } {
  const open = new Set<string>();
  const closedAt = new Map<string, string>();
  for (const q of existing) {
    if (q.checkId === null || q.form === null || q.instanceNo === null) continue;
    const key = checkKey(q.subjectId, q.form, q.instanceNo, q.checkId);
    if (q.status !== 'closed') open.add(key);
    else if ((closedAt.get(key) ?? '') < q.updatedAt) closedAt.set(key, q.updatedAt);
  }
  return { open, closedAt };
}

export async function generateQueries(session: Session, subjects: AsyncIterable<SubjectToCheck>): Promise<GenerateResult> {
  requireStoreKind(session, 'central');
  requireRole(session.user.role, 'query.manage');
  const db = session.store.db;
  const study = session.study.compiled;
  const env = { today: todayDayNumber(session.clock()), params: await getSiteParams(db) };
  const { open, closedAt } = queriedKeys(await listQueries(db));
  const wanted: QueryTarget[] = [];
  let count = 0;
  let alreadyQueried = 0;
  // The stream holds the connection: collect first, write once it has ended.
  for await (const { subject, instances } of subjects) {
    count += 1;
    // Failures and missing items are all it reads: calculated values no check needs are skipped.
    const evaluation = evaluateSubject(study, instances, env, { checksOnly: true });
    for (const instance of instances) {
      const result = evaluation.get(instance.form, instance.instanceNo);
      if (!result) continue;
      for (const target of targetsOf(study, subject.id, instance, result.failures, result.missing)) {
        const key = checkKey(subject.id, instance.form, instance.instanceNo, target.checkId!);
        const closed = closedAt.get(key);
        if (open.has(key) || (closed !== undefined && closed >= instance.updatedAt)) {
          alreadyQueried += 1;
          continue;
        }
        open.add(key);
        wanted.push(target);
      }
    }
  }
  const raised = wanted.length === 0 ? [] : await inWriteTransaction(db, (tx) => raiseQueriesIn(session, tx, wanted));
  return { raised, subjects: count, alreadyQueried };
}
