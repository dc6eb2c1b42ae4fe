// Step 3 of a save (pure): reasons given to override failing soft checks. A new reason is recorded with
// who and when; a reason kept from before stays; the reason of a check that now passes is dropped.

import { AppError } from '../../shared/errors/app-error';
import type { CompiledStudy } from '../../shared/study/compile';
import type { CheckFailure, SoftOverride } from '../../shared/study/evaluate-subject';

export interface OverrideDecision {
  readonly overrides: Readonly<Record<string, SoftOverride>>;
  /** Checks whose reason is new or different (each gets an audit entry). */
  readonly newOverrides: readonly string[];
  /** The instance's failures with the soft ones' overrides filled in. */
  readonly failures: readonly CheckFailure[];
}

/** Ids of the soft checks (and range checks) an override may name on this form. */
function softCheckIds(study: CompiledStudy, form: string): Set<string> {
  return new Set([...study.checks.filter((c) => c.check.severity === 'soft' && c.forms.includes(form)).map((c) => c.check.id), ...study.rangeChecks.filter((r) => r.form === form).map((r) => r.id)]);
}

export function decideOverrides(
  study: CompiledStudy,
  form: string,
  failures: readonly CheckFailure[],
  given: Readonly<Record<string, string>> | undefined,
  before: Readonly<Record<string, SoftOverride>>,
  by: { readonly user: string; readonly at: string },
): OverrideDecision {
  const softIds = softCheckIds(study, form);
  for (const id of Object.keys(given ?? {})) {
    if (!softIds.has(id)) throw new AppError('form.unknownOverride', { check: id });
  }
  const overrides: Record<string, SoftOverride> = {};
  const newOverrides: string[] = [];
  for (const failure of failures.filter((f) => f.severity === 'soft')) {
    const reason = given?.[failure.id];
    if (reason !== undefined) {
      overrides[failure.id] = { reason, by: by.user, at: by.at };
      if (before[failure.id]?.reason !== reason) newOverrides.push(failure.id);
    } else if (before[failure.id]) {
      overrides[failure.id] = before[failure.id]!;
    }
  }
  return { overrides, newOverrides, failures: failures.map((f) => (f.severity === 'soft' ? { ...f, overriddenBy: overrides[f.id] ?? null } : f)) };
}

/** Same checks overridden in the same order with the same reason, author and time. */
export function sameOverrides(a: Readonly<Record<string, SoftOverride>>, b: Readonly<Record<string, SoftOverride>>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k]!.reason === b[k]!.reason && a[k]!.by === b[k]!.by && a[k]!.at === b[k]!.at);
}
