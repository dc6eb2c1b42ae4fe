// The live evaluation of the form as typed (calculations, visibility, missing items, edit checks), shaped for
// the field rows and the checks panel.

import { useDeferredValue, useMemo } from 'react';
import type { EvaluationData } from '../../../shared/contract/subjects';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Form } from '../../../shared/study/definition.schema';
import type { FormData } from '../../../shared/study/entries';
import type { FormStatus, InstanceEvaluation, SoftOverride } from '../../../shared/study/evaluate-subject';
import type { Lang } from '../../../shared/study/localized';
import type { FailureView } from '../FieldRow';
import { evaluateLive } from '../live-evaluation';

export interface LiveChecksInput {
  readonly study: CompiledStudy;
  readonly base: EvaluationData;
  readonly form: Form;
  readonly instanceNo: number;
  readonly entries: FormData;
  readonly overrides: Readonly<Record<string, SoftOverride>>;
  /** Overrides given since the last save, marked as pending in the views. */
  readonly pendingOverrides: Readonly<Record<string, string>>;
  readonly status: FormStatus;
  readonly lang: Lang;
}

export interface LiveChecks {
  readonly evaluation: InstanceEvaluation;
  readonly hidden: ReadonlySet<string>;
  readonly missing: ReadonlySet<string>;
  readonly failures: readonly FailureView[];
  /** Per field, the same array object while nothing changed, so memoised rows are not re-rendered. */
  readonly failuresByField: ReadonlyMap<string, readonly FailureView[]>;
  /** Labels of the hidden fields that still hold a value: the server clears them on save. */
  readonly wouldClear: readonly string[];
}

export function useLiveChecks({ study, base, form, instanceNo, entries, overrides, pendingOverrides, status, lang }: LiveChecksInput): LiveChecks {
  // The subject-wide evaluation (~10–30 ms) runs on a deferred copy of the entries: typing stays immediate and
  // checks, calculations and visibility follow as soon as the browser is idle.
  const deferredEntries = useDeferredValue(entries);
  const live = useMemo(
    () => evaluateLive({ study, base, form: form.key, instanceNo, entries: deferredEntries, overrides, status }),
    [study, base, form.key, instanceNo, deferredEntries, overrides, status],
  );
  const hidden = useMemo(() => new Set(live.evaluation.hidden), [live]);
  const missing = useMemo(() => new Set(live.evaluation.missing), [live]);
  const failures = useMemo<FailureView[]>(
    () =>
      live.evaluation.failures.map((f) => ({
        id: f.id,
        severity: f.severity,
        message: f.message,
        override: pendingOverrides[f.id] !== undefined ? { reason: pendingOverrides[f.id]!, pending: true } : f.overriddenBy ? { reason: f.overriddenBy.reason, pending: false } : null,
      })),
    [live, pendingOverrides],
  );
  const failuresByField = useMemo(() => {
    const map = new Map<string, FailureView[]>();
    live.evaluation.failures.forEach((f, i) => {
      for (const name of f.fields) map.set(name, [...(map.get(name) ?? []), failures[i]!]);
    });
    return map;
  }, [live, failures]);
  const wouldClear = live.wouldClear.map((f) => form.fields.find((x) => x.name === f)?.label[lang] ?? f);
  return { evaluation: live.evaluation, hidden, missing, failures, failuresByField, wouldClear };
}
