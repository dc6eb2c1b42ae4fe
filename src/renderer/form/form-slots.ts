// The casebook's forms in order as a sequence of places to enter data (each instance of a repeating form,
// or a new one where there is none), for the next/previous form shortcuts.

import type { Form } from '../../shared/study/definition.schema';

export interface Slot {
  readonly form: string;
  /** undefined: a new instance of a repeating form. */
  readonly instanceNo: number | undefined;
}

export function formSlots(forms: readonly Form[], existing: readonly { form: string; instanceNo: number }[]): Slot[] {
  const out: Slot[] = [];
  for (const form of forms) {
    if (!form.repeating) {
      out.push({ form: form.key, instanceNo: 1 });
      continue;
    }
    const numbers = existing.filter((i) => i.form === form.key).map((i) => i.instanceNo).sort((a, b) => a - b);
    if (numbers.length === 0) out.push({ form: form.key, instanceNo: undefined });
    for (const n of numbers) out.push({ form: form.key, instanceNo: n });
  }
  return out;
}

/** The slot `step` places away from the current one (a new instance sits after the form's existing ones). */
export function neighbourSlot(slots: readonly Slot[], current: Slot, step: 1 | -1): Slot | undefined {
  let index = slots.findIndex((s) => s.form === current.form && s.instanceNo === current.instanceNo);
  if (index < 0) {
    // A new, unsaved instance: place it after the last slot of its form.
    const last = slots.map((s) => s.form).lastIndexOf(current.form);
    if (last < 0) return undefined;
    index = step === 1 ? last : last + 1;
  }
  return slots[index + step];
}

/** Specification groups: F10a and F10b are the two parts of F10. */
export function specGroup(specId: string): string {
  return specId.replace(/[ab]$/, '');
}
