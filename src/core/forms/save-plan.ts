// Step 1 of a save (pure): the form's new data — the validated patch applied to the stored data, the
// instance's sequence number and the prefilled site and subject ids — and which fields it changes.

import type { Form } from '../../shared/study/definition.schema';
import { entryText, type FormData } from '../../shared/study/entries';
import type { ValidatedPatch } from './apply-patch';

export function planData(form: Form, oldData: FormData, patch: ValidatedPatch, context: { readonly instanceNo: number; readonly siteId: string; readonly subjectId: string }): FormData {
  const data: FormData = { ...oldData };
  for (const [name, entry] of patch.entries) {
    if (entry === null) delete data[name];
    else data[name] = entry;
  }
  if (form.sequenceField) data[form.sequenceField] = context.instanceNo;
  for (const field of form.fields) {
    if (field.type === 'calc' || data[field.name] !== undefined) continue;
    if (field.prefill === 'site_id') data[field.name] = context.siteId;
    if (field.prefill === 'subject_id') data[field.name] = context.subjectId;
  }
  return data;
}

/** Fields whose stored text differs between the two versions, sorted. */
export function changedFields(oldData: FormData, newData: FormData): string[] {
  return [...new Set([...Object.keys(oldData), ...Object.keys(newData)])].filter((k) => entryText(oldData[k]) !== entryText(newData[k])).sort();
}
