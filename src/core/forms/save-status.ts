// Step 4 of a save (pure): the status the instance gets, and the rules a save must meet — no entry into
// a blocked form, a reason for changing a form completed before, nothing missing or failing when marked complete.

import { AppError } from '../../shared/errors/app-error';
import type { LocalizedDetail } from '../../shared/errors/codes';
import type { CompiledStudy } from '../../shared/study/compile';
import type { CheckFailure, FormStatus, InstanceEvaluation } from '../../shared/study/evaluate-subject';

export interface StatusDecision {
  readonly status: FormStatus;
  /** A signed instance changed: the signature no longer covers it. */
  readonly voidsSignature: boolean;
}

/**
 * Marked complete: complete, or still signed when nothing changed. Otherwise a change (or a new instance)
 * makes a draft, and an untouched instance keeps its status.
 */
export function decideStatus(input: { readonly complete: boolean; readonly previous: FormStatus | undefined; readonly changed: boolean }): StatusDecision {
  const previous = input.previous ?? 'draft';
  let status: FormStatus;
  if (input.complete) status = previous === 'signed' && !input.changed ? 'signed' : 'complete';
  else status = input.changed || input.previous === undefined ? 'draft' : previous;
  return { status, voidsSignature: previous === 'signed' && status !== 'signed' };
}

function describe(failures: readonly CheckFailure[]): LocalizedDetail[] {
  return failures.map((f) => ({ en: `${f.id}: ${f.message.en}`, it: `${f.id}: ${f.message.it}` }));
}

/** Checks that block data entry into the form while they fail (form.entryBlocked). */
export function refuseBlockedEntry(study: CompiledStudy, own: InstanceEvaluation): void {
  const blocking = own.failures.filter((f) => study.checks.some((c) => c.check.id === f.id && c.check.blocksEntry));
  if (blocking.length > 0) {
    throw new AppError('form.entryBlocked', { reason: { en: blocking.map((f) => f.message.en).join('; '), it: blocking.map((f) => f.message.it).join('; ') } });
  }
}

export function refuseInvalidSave(input: {
  /** The instance was marked complete at some earlier save. */
  readonly completedBefore: boolean;
  /** Fields the user changed (not those cleared because hidden, nor the sequence number). */
  readonly userChanged: readonly string[];
  readonly reason: string | undefined;
  readonly complete: boolean;
  readonly missing: readonly string[];
  readonly failures: readonly CheckFailure[];
}): void {
  if (input.completedBefore && input.userChanged.length > 0 && !input.reason) throw new AppError('form.reasonRequired');
  if (!input.complete) return;
  if (input.missing.length > 0) throw new AppError('form.incomplete', { fields: [...input.missing] });
  const hard = input.failures.filter((f) => f.severity === 'hard');
  if (hard.length > 0) throw new AppError('form.hardCheckFailed', { checks: describe(hard), ids: hard.map((f) => f.id) });
  const soft = input.failures.filter((f) => f.severity === 'soft' && !f.overriddenBy);
  if (soft.length > 0) throw new AppError('form.softCheckNeedsReason', { checks: describe(soft), ids: soft.map((f) => f.id) });
}
