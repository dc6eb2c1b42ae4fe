// The form's values as typed (react-hook-form, checked by the zod schema generated from the definition), parsed
// into entries on every change, and started again from the stored data after a save.

import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useForm, useWatch, type Control, type FieldErrors, type Resolver, type UseFormGetValues, type UseFormSetValue, type UseFormTrigger } from 'react-hook-form';
import type { FormInstanceOut } from '../../../shared/contract/forms';
import type { EvaluationData } from '../../../shared/contract/subjects';
import { parseIsoDate } from '../../../shared/dates/partial-date';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Form } from '../../../shared/study/definition.schema';
import type { FormData } from '../../../shared/study/entries';
import { buildFormSchema, type FormSchema } from '../../../shared/study/form-schema';
import type { Lang } from '../../../shared/study/localized';
import { initialUiValues, parseUiValues, type ParsedForm, type UiValues } from '../form-values';

// A form's schema depends on the form and today only: built once per day and form, not on every opening.
const schemas = new WeakMap<Form, { today: number; schema: FormSchema }>();
function schemaOf(study: CompiledStudy, form: Form, today: number): FormSchema {
  const cached = schemas.get(form);
  if (cached?.today === today) return cached.schema;
  const schema = buildFormSchema(study, form, { today });
  schemas.set(form, { today, schema });
  return schema;
}

export interface EntryValuesInput {
  readonly study: CompiledStudy;
  readonly form: Form;
  readonly instance: FormInstanceOut | null;
  readonly base: EvaluationData;
  readonly lang: Lang;
  readonly siteId: string;
  readonly subjectId: string;
}

export interface EntryValues {
  readonly control: Control<UiValues>;
  readonly getValues: UseFormGetValues<UiValues>;
  readonly trigger: UseFormTrigger<UiValues>;
  readonly setValue: UseFormSetValue<UiValues>;
  /** The value problems react-hook-form shows (after a field was left, or a save was tried). */
  readonly errors: FieldErrors<UiValues>;
  readonly schema: FormSchema;
  /** The instance's stored entries ({} for one not saved yet). */
  readonly stored: FormData;
  /** The values the form started from: they change after each save. */
  readonly initial: UiValues;
  readonly initialEntries: FormData;
  /** The current values parsed: valid entries and the problems of the others. */
  readonly parsed: ParsedForm;
}

export function useEntryValues({ study, form, instance, base, lang, siteId, subjectId }: EntryValuesInput): EntryValues {
  const today = parseIsoDate(base.today) ?? 0;
  const schema = useMemo(() => schemaOf(study, form, today), [study, form, today]);
  const stored = useMemo<FormData>(() => instance?.data ?? {}, [instance]);
  const initial = useMemo(
    () => initialUiValues(form, stored, lang, { siteId, subjectId, today: base.today, isNew: instance === null }),
    // Re-formatting on a language switch would discard what is being typed: initial values follow the data only.
    [form, stored],
  );

  const resolver = useCallback<Resolver<UiValues>>(
    (values) => {
      const { issues } = parseUiValues(schema, form, values);
      if (issues.size === 0) return { values, errors: {} };
      const errors: FieldErrors<UiValues> = {};
      for (const [name, issue] of issues) errors[name] = { type: issue.code, message: issue.detail ?? '' };
      return { values: {}, errors };
    },
    [schema, form],
  );
  const { control, reset, getValues, trigger, setValue, formState } = useForm<UiValues>({ defaultValues: initial, resolver, mode: 'onBlur', reValidateMode: 'onChange' });
  const values = useWatch({ control }) as UiValues;
  const parsed = useMemo(() => parseUiValues(schema, form, values), [schema, form, values]);
  const initialEntries = useMemo(() => parseUiValues(schema, form, initial).entries, [schema, form, initial]);

  // New stored values (after a save): the form starts again from them. Not on mount: useForm already has them,
  // and a reset there would render every field a second time.
  const shown = useRef(initial);
  useEffect(() => {
    if (shown.current === initial) return;
    shown.current = initial;
    reset(initial);
  }, [initial, reset]);

  return { control, getValues, trigger, setValue, errors: formState.errors, schema, stored, initial, initialEntries, parsed };
}
