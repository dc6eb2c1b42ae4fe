// Choosing an item of the unit-cost table proposes its unit, default unit cost and price year in the fields the
// definition names: a field is filled when empty or still holding the previous item's proposal, never over a
// value the user typed.

import { useEffect, useRef } from 'react';
import { useWatch, type Control, type UseFormSetValue } from 'react-hook-form';
import type { CompiledStudy } from '../../../shared/study/compile';
import type { Form } from '../../../shared/study/definition.schema';
import type { Lang } from '../../../shared/study/localized';
import type { UiValues } from '../form-values';
import { isUnitCostField, proposalsOf } from '../unit-cost-item';

export function useUnitCostProposals({ study, form, control, setValue, lang }: { study: CompiledStudy; form: Form; control: Control<UiValues>; setValue: UseFormSetValue<UiValues>; lang: Lang }): void {
  const fields = form.fields.filter(isUnitCostField);
  const watched = useWatch({ control, name: fields.map((f) => f.name) }) as unknown[];
  const values = useWatch({ control }) as UiValues;
  const previous = useRef<readonly unknown[] | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = watched;
    // The values the form opened with are what was stored: nothing is proposed over them.
    if (before === null) return;
    fields.forEach((field, i) => {
      const item = watched[i];
      if (item === before[i] || typeof item !== 'string') return;
      const choicesOf = (target: string) => study.field(form.key, target)?.choices;
      const old = typeof before[i] === 'string' ? proposalsOf(field, study.definition.unitCosts, before[i], lang, choicesOf) : {};
      for (const [target, value] of Object.entries(proposalsOf(field, study.definition.unitCosts, item, lang, choicesOf))) {
        const now = values[target];
        if (now === '' || now === null || now === undefined || now === old[target]) setValue(target, value, { shouldDirty: true });
      }
    });
    // Only a change of an item field proposes: the other values are read as they are at that moment.
  }, [watched.join('\u0000')]);
}
