// Soft-check overrides: those stored with the instance, and those given with a reason since the last save
// (sent with the next save, and dropped when the form starts again from new stored values).

import { useEffect, useMemo, useRef, useState } from 'react';
import type { EvaluationData } from '../../../shared/contract/subjects';
import type { SoftOverride } from '../../../shared/study/evaluate-subject';
import type { UiValues } from '../form-values';

export interface OverridesInput {
  readonly base: EvaluationData;
  readonly form: string;
  readonly instanceNo: number;
  readonly username: string;
  /** The values the form started from: a new object after each save. */
  readonly initial: UiValues;
}

export interface Overrides {
  /** Reasons given since the last save, by check id. */
  readonly pending: Readonly<Record<string, string>>;
  /** Stored and pending overrides together, as the live evaluation takes them. */
  readonly all: Readonly<Record<string, SoftOverride>>;
  override(checkId: string, reason: string): void;
}

export function useOverrides({ base, form, instanceNo, username, initial }: OverridesInput): Overrides {
  const [pending, setPending] = useState<Record<string, string>>({});
  // Not on mount (nothing is pending yet, and a state change there would render the form again).
  const shown = useRef(initial);
  useEffect(() => {
    if (shown.current === initial) return;
    shown.current = initial;
    setPending({});
  }, [initial]);

  const stored = useMemo(() => base.instances.find((i) => i.form === form && i.instanceNo === instanceNo)?.overrides ?? {}, [base, form, instanceNo]);
  const all = useMemo<Record<string, SoftOverride>>(
    () => ({ ...stored, ...Object.fromEntries(Object.entries(pending).map(([id, reason]) => [id, { reason, by: username, at: '' }])) }),
    [stored, pending, username],
  );
  return useMemo(() => ({ pending, all, override: (checkId: string, reason: string) => setPending((o) => ({ ...o, [checkId]: reason })) }), [pending, all]);
}
