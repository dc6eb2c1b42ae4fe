// The report reads every instance under the current definition: one saved under an older version (a site not
// yet amended, or a form not saved since) is read through the amendments' own migrations — renamed fields under
// their new names, recoded choices in the new codes — as the site would hold it once amended. Read-only copies.

import { listAmendments } from '../../db/repositories/amendment.repository';
import type { FormInstance } from '../../db/domain';
import type { Db } from '../../db/transaction';
import { AmendmentMigration } from '../../shared/study/amendment-migration';
import { compareVersions } from '../../shared/study/definition-version';
import type { CompiledStudy } from '../../shared/study/compile';
import { migrateSubject } from '../bundles/apply-amendment-migration';
import { knownDefinitions } from '../central/study-versions';
import type { LoadedStudy } from '../study/load-definition';

/** One subject's instances as the current version reads them. */
export type InstanceUpgrade = (instances: readonly FormInstance[]) => FormInstance[];

interface Step {
  readonly version: string;
  readonly migration: AmendmentMigration;
  readonly next: CompiledStudy;
}

const keyOf = (i: { form: string; instanceNo: number }): string => `${i.form}#${i.instanceNo}`;

function applyStep(instances: readonly FormInstance[], step: Step, today: number): FormInstance[] {
  const older = instances.filter((i) => compareVersions(i.defVersion, step.version) < 0);
  if (older.length === 0) return [...instances];
  const migrated = new Map(migrateSubject(older, step.migration, step.next, today).map((m) => [keyOf(m), m]));
  const out = instances.map((i) => {
    if (compareVersions(i.defVersion, step.version) >= 0) return i;
    const m = migrated.get(keyOf(i));
    return { ...i, ...(m ? { data: m.data } : {}), defVersion: step.version };
  });
  // A field moved to a form the subject had not entered: a copy of the source instance's record holds it.
  const held = new Set(out.map(keyOf));
  for (const m of migrated.values()) {
    if (m.existing !== undefined || held.has(keyOf(m))) continue;
    out.push({ ...older[0]!, form: m.form, instanceNo: m.instanceNo, data: m.data, defVersion: step.version });
  }
  return out;
}

/** Null when no amendment leads to the current version (nothing to upgrade). */
export async function versionUpgrade(db: Db, current: LoadedStudy, today: number): Promise<InstanceUpgrade | null> {
  const definitions = await knownDefinitions(db);
  const steps: Step[] = [];
  const amendments = (await listAmendments(db))
    .filter((a) => compareVersions(a.version, current.definition.version) <= 0)
    .sort((a, b) => compareVersions(a.version, b.version));
  for (const a of amendments) {
    const migration = AmendmentMigration.safeParse((a.document as { migration?: unknown } | null)?.migration ?? {});
    const next = a.version === current.definition.version ? current : await definitions.get(a.version)?.load();
    // A stored amendment is parsed where it was made; one unreadable here leaves its values as they were saved.
    if (!migration.success || !next) continue;
    steps.push({ version: a.version, migration: migration.data, next: next.compiled });
  }
  if (steps.length === 0) return null;
  return (instances) => {
    if (instances.every((i) => i.defVersion === current.definition.version)) return [...instances];
    return steps.reduce<FormInstance[]>((list, step) => applyStep(list, step, today), [...instances]);
  };
}
