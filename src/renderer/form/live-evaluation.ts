// Evaluates the subject as it would be with the form's current values: calculated fields, visibility, missing
// items and edit checks, exactly as the server does on save (the same pure evaluateSubject).

import type { EvaluationData } from '../../shared/contract/subjects';
import { parseIsoDate } from '../../shared/dates/partial-date';
import type { CompiledStudy } from '../../shared/study/compile';
import type { FormData } from '../../shared/study/entries';
import { evaluateSubject, type FormStatus, type InstanceEvaluation, type SoftOverride, type SubjectInstance } from '../../shared/study/evaluate-subject';

export interface LiveInput {
  readonly study: CompiledStudy;
  readonly base: EvaluationData;
  readonly form: string;
  readonly instanceNo: number;
  readonly entries: FormData;
  readonly overrides: Readonly<Record<string, SoftOverride>>;
  readonly status: FormStatus;
}

export interface LiveResult {
  readonly evaluation: InstanceEvaluation;
  /** Fields a condition hides that still hold a value: the server clears them on save. */
  readonly wouldClear: readonly string[];
}

export function evaluateLive(input: LiveInput): LiveResult {
  const { study, base, form, instanceNo } = input;
  const others: SubjectInstance[] = base.instances
    .filter((i) => !(i.form === form && i.instanceNo === instanceNo))
    .map((i) => ({ form: i.form, instanceNo: i.instanceNo, data: i.data as FormData, status: i.status, overrides: i.overrides, signedAt: i.signedAt }));
  const env = { today: parseIsoDate(base.today) ?? 0, params: base.params, identityBirthDate: base.identityBirthDate };
  const sequence = study.form(form)?.sequenceField;
  let data: FormData = sequence ? { ...input.entries, [sequence]: instanceNo } : { ...input.entries };
  const own = (d: FormData): InstanceEvaluation =>
    evaluateSubject(study, [...others, { form, instanceNo, data: d, overrides: input.overrides, status: input.status }], env).get(form, instanceNo)!;

  // As on the server: hidden values are dropped and the form re-evaluated until nothing more hides.
  const wouldClear: string[] = [];
  let evaluation = own(data);
  for (let round = 0; round < 10; round += 1) {
    const hiddenWithValue = evaluation.hidden.filter((f) => data[f] !== undefined);
    if (hiddenWithValue.length === 0) break;
    data = { ...data };
    for (const f of hiddenWithValue) delete data[f];
    wouldClear.push(...hiddenWithValue);
    evaluation = own(data);
  }
  return { evaluation, wouldClear };
}
