// The columns of the export files, from the study definition: REDCap conventions (one `var___code`
// column per choice of a multiple-choice field, `<form>_complete` coded 0/1/2), site and version columns.

import type { CompiledStudy } from '../../../shared/study/compile';
import type { Field, Form } from '../../../shared/study/definition.schema';

export type ColumnKind = 'id' | 'value' | 'choice' | 'calc' | 'complete' | 'status';

export interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly form?: string;
  readonly field?: Field;
  /** For `var___code` columns: the choice code. */
  readonly code?: string;
  /** A column only an older definition version has (a field since renamed, a choice since recoded): that version. */
  readonly version?: string;
}

/** REDCap's form status codes: 0 Incomplete (draft), 1 Unverified (complete, not signed), 2 Complete (signed or locked). */
export function completeCode(status: string | undefined): number | null {
  if (status === undefined) return null;
  if (status === 'draft') return 0;
  if (status === 'complete') return 1;
  return 2;
}

/** The key columns every file starts with; a field of the same name is written as `<form>_<field>` (one name, one meaning). */
export const ID_COLUMNS: ReadonlySet<string> = new Set(['subject_id', 'site_id', 'instance', 'def_version']);

export function fieldColumns(study: CompiledStudy, form: Form): Column[] {
  const columns: Column[] = [];
  for (const field of form.fields) {
    if (field.type === 'multi') {
      for (const choice of study.choicesOf(field) ?? []) columns.push({ name: `${field.name}___${choice.code}`, kind: 'choice', form: form.key, field, code: choice.code });
    } else {
      const name = ID_COLUMNS.has(field.name) ? `${form.key}_${field.name}` : field.name;
      columns.push({ name, kind: field.type === 'calc' ? 'calc' : 'value', form: form.key, field });
    }
  }
  return columns;
}

/** Columns of the fields only older versions (newest first) have in this form, after the current version's. */
function olderColumns(study: CompiledStudy, form: Form, older: readonly CompiledStudy[]): Column[] {
  const names = new Set(fieldColumns(study, form).map((c) => c.name));
  const columns: Column[] = [];
  for (const version of older) {
    const was = version.definition.forms.find((f) => f.key === form.key);
    if (!was) continue;
    for (const c of fieldColumns(version, was)) {
      if (names.has(c.name)) continue;
      names.add(c.name);
      columns.push({ ...c, version: version.definition.version });
    }
  }
  return columns;
}

/** `older`: the older definition versions instances were saved under, newest first (during an amendment's changeover). */
export function formFileColumns(study: CompiledStudy, form: Form, older: readonly CompiledStudy[] = []): Column[] {
  const ids: Column[] = [
    { name: 'subject_id', kind: 'id' },
    { name: 'site_id', kind: 'id' },
    ...(form.repeating ? [{ name: 'instance', kind: 'id' as const }] : []),
    { name: 'def_version', kind: 'id' },
  ];
  return [...ids, ...fieldColumns(study, form), ...olderColumns(study, form, older), { name: `${form.key}_complete`, kind: 'complete', form: form.key }, { name: `${form.key}_status`, kind: 'status', form: form.key }];
}

export function wideColumns(study: CompiledStudy, older: readonly CompiledStudy[] = []): Column[] {
  const columns: Column[] = [
    { name: 'subject_id', kind: 'id' },
    { name: 'site_id', kind: 'id' },
  ];
  for (const form of study.definition.forms) {
    if (form.repeating) continue;
    columns.push(...fieldColumns(study, form), ...olderColumns(study, form, older), { name: `${form.key}_complete`, kind: 'complete', form: form.key });
  }
  return columns;
}
