// Raising queries from a form shown read-only to the coordinator: a handler for each field, one for the
// form as a whole, and the dialog while one is being raised (nothing when the user may not raise queries).

import { useCallback, useState, type ReactNode } from 'react';
import type { QueryOut } from '../../shared/contract/queries';
import { RaiseQueryDialog, type RaiseTarget } from './RaiseQueryDialog';

export interface RaiseQueryOptions {
  readonly subjectId: string;
  readonly form: string;
  readonly instanceNo: number;
  /** The form's title, what a form-level query is on. */
  readonly formLabel: string;
  /** The user may raise queries here, and the record exists. */
  readonly enabled: boolean;
  readonly onRaised: (query: QueryOut) => void;
}

export interface RaiseQuery {
  readonly onRaiseField: ((field: string, label: string) => void) | undefined;
  readonly raiseOnForm: (() => void) | undefined;
  readonly dialog: ReactNode;
}

export function useRaiseQuery({ subjectId, form, instanceNo, formLabel, enabled, onRaised }: RaiseQueryOptions): RaiseQuery {
  const [target, setTarget] = useState<RaiseTarget | null>(null);
  // Stable between renders: the memoised field rows keep theirs.
  const onRaiseField = useCallback((field: string, label: string) => setTarget({ subjectId, form, instanceNo, field, label }), [subjectId, form, instanceNo]);
  const raiseOnForm = useCallback(() => setTarget({ subjectId, form, instanceNo, label: formLabel }), [subjectId, form, instanceNo, formLabel]);
  const dialog = target ? (
    <RaiseQueryDialog
      target={target}
      onCancel={() => setTarget(null)}
      onRaised={(query) => {
        setTarget(null);
        onRaised(query);
      }}
    />
  ) : null;
  return { onRaiseField: enabled ? onRaiseField : undefined, raiseOnForm: enabled ? raiseOnForm : undefined, dialog };
}
