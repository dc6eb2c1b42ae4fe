// The declarative migration of an amendment applied to one subject's form instances (pure): renamed fields,
// moved fields, recoded choices and values set where a field is empty, in that order (recodes and values
// name the new version's fields). Returns only the instances it changes, with one change per value.

import type { EvaluatedFormInstance } from '../../db/domain';
import type { CompiledStudy } from '../../shared/study/compile';
import type { AmendmentMigration } from '../../shared/study/amendment-migration';
import { isEmptyEntry, isMissing, type FormData, type StoredEntry } from '../../shared/study/entries';
import { validateValue } from '../../shared/study/validate-value';

export interface ValueChange {
  readonly field: string;
  readonly before: StoredEntry | undefined;
  readonly after: StoredEntry | undefined;
}

/** What the migration reads of an instance (the report migrates its read-only copies too). */
export type MigratableInstance = Pick<EvaluatedFormInstance, 'form' | 'instanceNo' | 'data'>;

export interface MigratedInstance<I extends MigratableInstance = EvaluatedFormInstance> {
  readonly form: string;
  readonly instanceNo: number;
  /** Undefined for an instance the migration creates (a field moved to a form the subject had not entered). */
  readonly existing: I | undefined;
  readonly data: FormData;
  readonly changes: readonly ValueChange[];
}

interface Draft<I extends MigratableInstance> {
  readonly existing: I | undefined;
  readonly form: string;
  readonly instanceNo: number;
  readonly data: Record<string, StoredEntry>;
  readonly changes: ValueChange[];
}

class SubjectDraft<I extends MigratableInstance> {
  private readonly byKey = new Map<string, Draft<I>>();

  constructor(instances: readonly I[]) {
    for (const i of instances) this.byKey.set(`${i.form}#${i.instanceNo}`, { existing: i, form: i.form, instanceNo: i.instanceNo, data: { ...i.data }, changes: [] });
  }

  ofForm(form: string): Draft<I>[] {
    return [...this.byKey.values()].filter((d) => d.form === form);
  }

  single(form: string, create: boolean): Draft<I> | undefined {
    const key = `${form}#1`;
    let draft = this.byKey.get(key);
    if (!draft && create) {
      draft = { existing: undefined, form, instanceNo: 1, data: {}, changes: [] };
      this.byKey.set(key, draft);
    }
    return draft;
  }

  /** Sets (or, with undefined, removes) a value, remembering the change. */
  set(draft: Draft<I>, field: string, value: StoredEntry | undefined): void {
    const before = draft.data[field];
    if (value === undefined) delete draft.data[field];
    else draft.data[field] = value;
    draft.changes.push({ field, before, after: value });
  }

  changed(): MigratedInstance<I>[] {
    return [...this.byKey.values()].filter((d) => d.changes.length > 0).map((d) => ({ form: d.form, instanceNo: d.instanceNo, existing: d.existing, data: d.data, changes: d.changes }));
  }
}

function recode(value: StoredEntry, map: Readonly<Record<string, string | null>>): StoredEntry {
  const to = (code: string): string => (Object.hasOwn(map, code) ? (map[code] ?? code) : code);
  if (typeof value === 'string') return to(value);
  if (Array.isArray(value)) return [...new Set(value.map(to))];
  return value;
}

const sameEntry = (a: StoredEntry, b: StoredEntry): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The instances of one subject the migration changes, as they are after it. */
export function migrateSubject<I extends MigratableInstance = EvaluatedFormInstance>(instances: readonly I[], migration: AmendmentMigration, next: CompiledStudy, today: number): MigratedInstance<I>[] {
  const draft = new SubjectDraft(instances);
  for (const r of migration.renames) {
    for (const instance of draft.ofForm(r.form)) {
      const value = instance.data[r.from];
      if (value === undefined) continue;
      draft.set(instance, r.from, undefined);
      draft.set(instance, r.to, value);
    }
  }
  for (const mv of migration.moves) {
    const source = draft.single(mv.from, false);
    const value = source?.data[mv.field];
    if (!source || value === undefined) continue;
    draft.set(source, mv.field, undefined);
    // A value the target already holds is kept; the moved one stays in the audit trail as the removed value.
    const target = draft.single(mv.to, true)!;
    if (target.data[mv.field] === undefined) draft.set(target, mv.field, value);
  }
  for (const rc of migration.recodes) {
    for (const instance of draft.ofForm(rc.form)) {
      const value = instance.data[rc.field];
      if (value === undefined || isMissing(value)) continue;
      const coded = recode(value, rc.map);
      if (!sameEntry(coded, value)) draft.set(instance, rc.field, coded);
    }
  }
  for (const s of migration.set) {
    const compiled = next.field(s.form, s.field);
    if (!compiled) continue;
    const result = validateValue(compiled.field, s.value, compiled.choices, today);
    if (!result.ok || result.entry === null) continue;
    for (const instance of draft.ofForm(s.form)) if (isEmptyEntry(instance.data[s.field])) draft.set(instance, s.field, result.entry);
  }
  return draft.changed();
}
