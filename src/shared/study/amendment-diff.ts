// What a protocol amendment changes between two versions of a study definition: forms, fields, code lists,
// checks, parameters and unit costs, as a list of changes a coordinator and a site admin can read.

import { canonicalJson } from '../canonical-json';
import type { Choice, Field, StudyDefinition } from './definition.schema';

export type AmendmentChange =
  | { readonly kind: 'form.added' | 'form.removed'; readonly form: string }
  | { readonly kind: 'field.added' | 'field.removed'; readonly form: string; readonly field: string }
  | { readonly kind: 'field.changed'; readonly form: string; readonly field: string; readonly aspects: readonly string[] }
  | { readonly kind: 'choices.changed'; readonly form: string; readonly field: string; readonly added: readonly string[]; readonly removed: readonly string[] }
  | { readonly kind: 'codeList.added' | 'codeList.removed'; readonly codeList: string }
  | { readonly kind: 'codeList.changed'; readonly codeList: string; readonly added: readonly string[]; readonly removed: readonly string[] }
  | { readonly kind: 'check.added' | 'check.removed' | 'check.changed'; readonly check: string }
  | { readonly kind: 'parameter.added' | 'parameter.removed' | 'parameter.changed'; readonly parameter: string }
  | { readonly kind: 'unitCost.added' | 'unitCost.removed' | 'unitCost.changed'; readonly item: string };

const same = (a: unknown, b: unknown): boolean => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The codes a choice field offers, from its inline choices or its code list. */
export function choiceCodes(field: Field, definition: StudyDefinition): readonly string[] | null {
  if (!('choices' in field) && !('codeList' in field)) return null;
  const choices: readonly Choice[] | undefined = field.choices ?? (field.codeList ? definition.codeLists[field.codeList] : undefined);
  return choices ? choices.map((c) => c.code) : null;
}

function byKey<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  return new Map(items.map((item) => [key(item), item]));
}

function keyedChanges<T>(before: readonly T[], after: readonly T[], key: (item: T) => string, change: (kind: 'added' | 'removed' | 'changed', id: string) => AmendmentChange): AmendmentChange[] {
  const old = byKey(before, key);
  const next = byKey(after, key);
  const out: AmendmentChange[] = [];
  for (const [id, item] of next) {
    const was = old.get(id);
    if (was === undefined) out.push(change('added', id));
    else if (!same(was, item)) out.push(change('changed', id));
  }
  for (const id of old.keys()) if (!next.has(id)) out.push(change('removed', id));
  return out;
}

const FIELD_ASPECTS = ['type', 'label', 'unit', 'unitLabel', 'min', 'max', 'softMin', 'softMax', 'precision', 'maxLength', 'pattern', 'required', 'showIf', 'requiredIf', 'calc', 'missingReasons'] as const;

function fieldChanges(form: string, was: Field, now: Field, before: StudyDefinition, after: StudyDefinition): AmendmentChange[] {
  const out: AmendmentChange[] = [];
  const aspects = FIELD_ASPECTS.filter((a) => !same((was as Record<string, unknown>)[a], (now as Record<string, unknown>)[a]));
  if (aspects.length > 0) out.push({ kind: 'field.changed', form, field: now.name, aspects });
  const oldCodes = choiceCodes(was, before);
  const newCodes = choiceCodes(now, after);
  if (oldCodes && newCodes) {
    const added = newCodes.filter((c) => !oldCodes.includes(c));
    const removed = oldCodes.filter((c) => !newCodes.includes(c));
    if (added.length > 0 || removed.length > 0) out.push({ kind: 'choices.changed', form, field: now.name, added, removed });
  }
  return out;
}

export function diffDefinitions(before: StudyDefinition, after: StudyDefinition): AmendmentChange[] {
  const out: AmendmentChange[] = [];
  const oldForms = byKey(before.forms, (f) => f.key);
  for (const form of after.forms) {
    const was = oldForms.get(form.key);
    if (!was) {
      out.push({ kind: 'form.added', form: form.key });
      continue;
    }
    const oldFields = byKey(was.fields, (f) => f.name);
    for (const field of form.fields) {
      const prior = oldFields.get(field.name);
      if (!prior) out.push({ kind: 'field.added', form: form.key, field: field.name });
      else out.push(...fieldChanges(form.key, prior, field, before, after));
    }
    const names = new Set(form.fields.map((f) => f.name));
    for (const field of was.fields) if (!names.has(field.name)) out.push({ kind: 'field.removed', form: form.key, field: field.name });
  }
  const keys = new Set(after.forms.map((f) => f.key));
  for (const form of before.forms) if (!keys.has(form.key)) out.push({ kind: 'form.removed', form: form.key });
  for (const [name, choices] of Object.entries(after.codeLists)) {
    const was = before.codeLists[name];
    if (!was) out.push({ kind: 'codeList.added', codeList: name });
    else {
      const added = choices.map((c) => c.code).filter((c) => !was.some((w) => w.code === c));
      const removed = was.map((c) => c.code).filter((c) => !choices.some((n) => n.code === c));
      if (added.length > 0 || removed.length > 0 || !same(was, choices)) out.push({ kind: 'codeList.changed', codeList: name, added, removed });
    }
  }
  for (const name of Object.keys(before.codeLists)) if (!(name in after.codeLists)) out.push({ kind: 'codeList.removed', codeList: name });
  out.push(...keyedChanges(before.checks, after.checks, (c) => c.id, (k, id) => ({ kind: `check.${k}`, check: id })));
  out.push(...keyedChanges(before.parameters, after.parameters, (p) => p.name, (k, id) => ({ kind: `parameter.${k}`, parameter: id })));
  out.push(...keyedChanges(before.unitCosts, after.unitCosts, (u) => u.item_code, (k, id) => ({ kind: `unitCost.${k}`, item: id })));
  return out;
}
