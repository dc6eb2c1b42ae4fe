// Step 2 of a save (pure): re-evaluates the subject with the new data and clears values in fields a
// condition now hides (clearing can hide more, so it repeats, at most ten rounds).

import type { FormData } from '../../shared/study/entries';
import type { InstanceEvaluation, SubjectEvaluation } from '../../shared/study/evaluate-subject';

export interface Reevaluated {
  readonly data: FormData;
  /** Fields cleared because they are hidden, in the order they were cleared. */
  readonly cleared: readonly string[];
  readonly evaluation: SubjectEvaluation;
  /** The saved instance's own result in `evaluation`. */
  readonly own: InstanceEvaluation;
}

const MAX_ROUNDS = 10;

export function clearHiddenValues(data: FormData, evaluate: (data: FormData) => SubjectEvaluation, target: { readonly form: string; readonly instanceNo: number }): Reevaluated {
  const cleared: string[] = [];
  let current = data;
  let evaluation = evaluate(current);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const hidden = evaluation.get(target.form, target.instanceNo)!.hidden.filter((f) => current[f] !== undefined);
    if (hidden.length === 0) break;
    current = { ...current };
    for (const f of hidden) delete current[f];
    cleared.push(...hidden);
    evaluation = evaluate(current);
  }
  return { data: current, cleared, evaluation, own: evaluation.get(target.form, target.instanceNo)! };
}
