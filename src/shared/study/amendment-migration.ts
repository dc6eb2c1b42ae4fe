// The declarative migration that goes with an amendment (what a diff cannot guess: renamed fields, recoded
// choices, fields moved between forms, values set for existing records), and the check that refuses one that
// would lose data, naming every affected field.

import { z } from 'zod';
import { choiceCodes, diffDefinitions, type AmendmentChange } from './amendment-diff';
import type { Field, StudyDefinition } from './definition.schema';
import { validateValue } from './validate-value';

const Name = z.string().regex(/^[a-z][a-z0-9_]*$/);
const Code = z.string().regex(/^[A-Za-z0-9_.-]+$/);

export const AmendmentMigration = z.strictObject({
  renames: z.array(z.strictObject({ form: Name, from: Name, to: Name })).max(500).default([]),
  recodes: z.array(z.strictObject({ form: Name, field: Name, map: z.record(Code, Code.nullable()) })).max(500).default([]),
  moves: z.array(z.strictObject({ field: Name, from: Name, to: Name })).max(500).default([]),
  set: z.array(z.strictObject({ form: Name, field: Name, value: z.union([z.string(), z.number(), z.array(z.string()), z.null()]) })).max(500).default([]),
});
export type AmendmentMigration = z.infer<typeof AmendmentMigration>;

export type MigrationProblemKey = 'fieldLost' | 'codeLost' | 'codeUnknown' | 'typeChanged' | 'noSuchField' | 'notAChoiceField' | 'moveRepeating' | 'valueInvalid' | 'renameTaken';

export interface MigrationProblem {
  /** `form.field` */
  readonly field: string;
  readonly problem: MigrationProblemKey;
  readonly detail: string;
}

function fieldOf(definition: StudyDefinition, form: string, field: string): Field | undefined {
  return definition.forms.find((f) => f.key === form)?.fields.find((x) => x.name === field);
}

function repeating(definition: StudyDefinition, form: string): boolean {
  return definition.forms.find((f) => f.key === form)?.repeating ?? false;
}

function checkRenamesAndMoves(before: StudyDefinition, after: StudyDefinition, m: AmendmentMigration, problems: MigrationProblem[]): void {
  for (const r of m.renames) {
    const was = fieldOf(before, r.form, r.from);
    const now = fieldOf(after, r.form, r.to);
    if (!was || !now) problems.push({ field: `${r.form}.${was ? r.to : r.from}`, problem: 'noSuchField', detail: `rename ${r.from} → ${r.to}` });
    else if (fieldOf(before, r.form, r.to)) problems.push({ field: `${r.form}.${r.to}`, problem: 'renameTaken', detail: `${r.to} already exists in version ${before.version}` });
    else if (was.type !== now.type) problems.push({ field: `${r.form}.${r.to}`, problem: 'typeChanged', detail: `${was.type} → ${now.type}` });
  }
  for (const mv of m.moves) {
    const was = fieldOf(before, mv.from, mv.field);
    const now = fieldOf(after, mv.to, mv.field);
    if (!was || !now) problems.push({ field: `${mv.from}.${mv.field}`, problem: 'noSuchField', detail: `move ${mv.from} → ${mv.to}` });
    else if (repeating(before, mv.from) || repeating(after, mv.to)) problems.push({ field: `${mv.from}.${mv.field}`, problem: 'moveRepeating', detail: `${mv.from} → ${mv.to}` });
    else if (was.type !== now.type) problems.push({ field: `${mv.to}.${mv.field}`, problem: 'typeChanged', detail: `${was.type} → ${now.type}` });
  }
}

function checkCodes(before: StudyDefinition, after: StudyDefinition, m: AmendmentMigration, problems: MigrationProblem[]): void {
  for (const rc of m.recodes) {
    const now = fieldOf(after, rc.form, rc.field);
    const codes = now ? choiceCodes(now, after) : null;
    if (!now || !codes) {
      problems.push({ field: `${rc.form}.${rc.field}`, problem: now ? 'notAChoiceField' : 'noSuchField', detail: 'recode' });
      continue;
    }
    for (const [from, to] of Object.entries(rc.map)) {
      if (to === null) problems.push({ field: `${rc.form}.${rc.field}`, problem: 'codeLost', detail: `${from} → nothing` });
      else if (!codes.includes(to)) problems.push({ field: `${rc.form}.${rc.field}`, problem: 'codeUnknown', detail: `${from} → ${to}` });
    }
  }
  // A code the new version no longer offers must be recoded, or its records would hold a code nobody can read.
  for (const form of before.forms) {
    for (const was of form.fields) {
      const target = m.renames.find((r) => r.form === form.key && r.from === was.name);
      const now = fieldOf(after, form.key, target?.to ?? was.name);
      const oldCodes = choiceCodes(was, before);
      const newCodes = now ? choiceCodes(now, after) : null;
      if (!oldCodes || !newCodes) continue;
      const map = m.recodes.find((rc) => rc.form === form.key && rc.field === now!.name)?.map ?? {};
      for (const code of oldCodes.filter((c) => !newCodes.includes(c) && !(c in map))) {
        problems.push({ field: `${form.key}.${now!.name}`, problem: 'codeLost', detail: code });
      }
    }
  }
}

function checkLostFields(m: AmendmentMigration, changes: readonly AmendmentChange[], problems: MigrationProblem[]): void {
  for (const c of changes) {
    if (c.kind === 'field.removed') {
      const kept = m.renames.some((r) => r.form === c.form && r.from === c.field) || m.moves.some((mv) => mv.from === c.form && mv.field === c.field);
      if (!kept) problems.push({ field: `${c.form}.${c.field}`, problem: 'fieldLost', detail: 'removed without a rename or a move' });
    }
    if (c.kind === 'form.removed') problems.push({ field: `${c.form}.*`, problem: 'fieldLost', detail: 'form removed' });
    if (c.kind === 'field.changed' && c.aspects.includes('type')) problems.push({ field: `${c.form}.${c.field}`, problem: 'typeChanged', detail: 'type' });
  }
}

function checkSetValues(after: StudyDefinition, m: AmendmentMigration, problems: MigrationProblem[]): void {
  for (const s of m.set) {
    const field = fieldOf(after, s.form, s.field);
    if (!field) {
      problems.push({ field: `${s.form}.${s.field}`, problem: 'noSuchField', detail: 'set' });
      continue;
    }
    const choices = 'choices' in field || 'codeList' in field ? (field.choices ?? (field.codeList ? after.codeLists[field.codeList] : undefined)) : undefined;
    const result = validateValue(field, s.value, choices, Number.MAX_SAFE_INTEGER);
    if (!result.ok) problems.push({ field: `${s.form}.${s.field}`, problem: 'valueInvalid', detail: result.issue.code });
  }
}

/** Every way the migration would lose data or cannot apply; empty when the amendment may be made. */
export function checkMigration(before: StudyDefinition, after: StudyDefinition, migration: AmendmentMigration): MigrationProblem[] {
  const changes = diffDefinitions(before, after);
  const problems: MigrationProblem[] = [];
  checkRenamesAndMoves(before, after, migration, problems);
  checkCodes(before, after, migration, problems);
  checkLostFields(migration, changes, problems);
  checkSetValues(after, migration, problems);
  return problems;
}
