// Checks a plan without a database by evaluating its final data with the study evaluator: what a save would refuse or leave open.

import { todayDayNumber } from '../../shared/dates/partial-date';
import type { CompiledStudy } from '../../shared/study/compile';
import type { FormData } from '../../shared/study/entries';
import { evaluateSubject, type SubjectInstance } from '../../shared/study/evaluate-subject';
import { finalInstances, type PatientPlan } from '../../core/modules/patient-plan';

export interface PlanProblem {
  readonly form: string;
  readonly instanceNo: number;
  readonly kind: 'missing' | 'hard' | 'soft' | 'hidden';
  readonly detail: string;
}

export interface ValidationEnv {
  /** The study and site parameters in force (e.g. the data cut-off and the site's EC approval date). */
  readonly params: Readonly<Record<string, string | number | null>>;
  readonly today?: Date;
  /** Evaluate as on the site device (exact birth date from the identification log, when the plan has one). */
  readonly withIdentity?: boolean;
}

/** The plan's final data as the store would hold it: the subject's id, sequence numbers and site prefills filled in. */
export function plannedInstances(study: CompiledStudy, plan: PatientPlan, subjectId: string): SubjectInstance[] {
  return finalInstances(plan).map((i, index) => {
    const data = { ...(i.data as FormData) };
    const field = plan.saves[index]?.subjectIdField;
    if (field) data[field] = subjectId;
    const form = study.form(i.form);
    if (form?.sequenceField) data[form.sequenceField] = i.instanceNo;
    for (const f of form?.fields ?? []) if (f.type !== 'calc' && f.prefill === 'site_id' && data[f.name] === undefined) data[f.name] = subjectId.slice(0, subjectId.indexOf('-'));
    const overrides = Object.fromEntries(Object.entries(i.overrides).map(([id, reason]) => [id, { reason, by: 'plan', at: '' }]));
    return { form: i.form, instanceNo: i.instanceNo, data, overrides };
  });
}

export function validatePlan(study: CompiledStudy, plan: PatientPlan, env: ValidationEnv, subjectId = 'IT01-0001'): PlanProblem[] {
  const instances = plannedInstances(study, plan, subjectId);
  const birth = plan.identity.sil_birth_date;
  const evaluation = evaluateSubject(study, instances, {
    today: todayDayNumber(env.today ?? new Date()),
    params: env.params,
    identityBirthDate: env.withIdentity === false || typeof birth !== 'string' ? null : birth,
  });
  const complete = new Map(finalInstances(plan).map((i) => [`${i.form}#${i.instanceNo}`, i.complete]));
  const problems: PlanProblem[] = [];
  for (const result of evaluation.instances) {
    const where = { form: result.form, instanceNo: result.instanceNo };
    const data = instances.find((i) => i.form === result.form && i.instanceNo === result.instanceNo)!.data;
    for (const f of result.hidden) if (data[f] !== undefined) problems.push({ ...where, kind: 'hidden', detail: f });
    if (!complete.get(`${result.form}#${result.instanceNo}`)) continue;
    for (const f of result.missing) problems.push({ ...where, kind: 'missing', detail: f });
    for (const failure of result.failures) {
      if (failure.severity === 'hard') problems.push({ ...where, kind: 'hard', detail: failure.id });
      else if (!failure.overriddenBy) problems.push({ ...where, kind: 'soft', detail: failure.id });
    }
  }
  return problems;
}
