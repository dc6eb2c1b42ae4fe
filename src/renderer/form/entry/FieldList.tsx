// The form's visible fields, one row each, with their value problems, failed checks, missing marks and
// calculated values; Enter in a field saves a draft. Opening a form puts the focus on its first field one can type in.

import { useEffect, useRef, type ReactNode } from 'react';
import type { Control, FieldErrors } from 'react-hook-form';
import type { FormInstanceOut } from '../../../shared/contract/forms';
import type { QueryOut } from '../../../shared/contract/queries';
import type { Choice, Field, Form } from '../../../shared/study/definition.schema';
import { mayWriteField } from '../../app/permissions';
import { useWorkspace } from '../../app/workspace';
import { FieldRow, type FailureView } from '../FieldRow';
import { isAppFilled, type UiValues } from '../form-values';
import type { LiveChecks } from './use-live-checks';

const NO_FAILURES: readonly FailureView[] = [];

/** The first control of a field one can type in: not read-only, not disabled, not a missing-reason button. */
const FIRST_FIELD = '.field-body input:not([readonly]):not([disabled]), .field-body select:not([disabled]), .field-body textarea:not([readonly]):not([disabled])';

export interface FieldListProps {
  readonly form: Form;
  readonly title: string;
  readonly instance: FormInstanceOut | null;
  readonly instanceNo: number;
  readonly control: Control<UiValues>;
  readonly errors: FieldErrors<UiValues>;
  readonly live: LiveChecks;
  /** No field is writable (a locked form, or the central store). */
  readonly readOnly: boolean;
  readonly showMissing: boolean;
  readonly onSubmit: () => void;
  readonly onHistory: (field: string, label: string) => void;
  readonly onOverride: (checkId: string) => void;
  /** Open queries by field name. */
  readonly queries: ReadonlyMap<string, readonly QueryOut[]>;
  readonly onAnswerQuery: ((query: QueryOut) => void) | undefined;
  /** Present where the user raises queries on fields (the coordinator). */
  readonly onRaiseQuery?: ((field: string, label: string) => void) | undefined;
}

/** A site field offers the user's own site only: the app fills it and refuses any other. */
function choicesOf(field: Field, choices: readonly Choice[] | undefined, siteId: string): readonly Choice[] | undefined {
  return field.type !== 'calc' && field.prefill === 'site_id' && choices ? choices.filter((c) => c.code === siteId) : choices;
}

export function FieldList({ form, title, instance, instanceNo, control, errors, live, readOnly, showMissing, onSubmit, onHistory, onOverride, queries, onAnswerQuery, onRaiseQuery }: FieldListProps): ReactNode {
  const { study, session } = useWorkspace();
  const ref = useRef<HTMLFormElement>(null);
  // Once per form opened (not after each save): a nurse starts typing at once, without reaching for the mouse.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(FIRST_FIELD)?.focus();
  }, [form.key]);
  return (
    <form
      ref={ref}
      className="form-fields"
      aria-label={title}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {form.fields
        .filter((f) => !live.hidden.has(f.name))
        .map((f) => (
          <FieldRow
            key={f.name}
            field={f}
            choices={choicesOf(f, study.field(form.key, f.name)?.choices, session.siteId)}
            control={control}
            readOnly={readOnly || !mayWriteField(session.role, f) || f.name === form.sequenceField || isAppFilled(f)}
            issueCode={errors[f.name]?.type === undefined ? undefined : String(errors[f.name]?.type)}
            issueDetail={errors[f.name]?.message}
            failures={live.failuresByField.get(f.name) ?? NO_FAILURES}
            missing={live.missing.has(f.name)}
            showMissing={showMissing}
            calcValue={f.type === 'calc' ? live.evaluation.calcs[f.name] : undefined}
            sequenceNo={f.name === form.sequenceField ? (instance ? instanceNo : 0) : undefined}
            onHistory={instance ? onHistory : undefined}
            onOverride={onOverride}
            queries={queries.get(f.name)}
            onAnswerQuery={onAnswerQuery}
            onRaiseQuery={onRaiseQuery}
          />
        ))}
    </form>
  );
}
