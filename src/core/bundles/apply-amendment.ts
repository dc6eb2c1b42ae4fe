// The return bundle's amendments applied at the site, inside the import's one transaction: each amendment
// checked (apply-amendment-checks.ts), its migration applied to every record (each changed value an audit
// entry with the reason "Amendment <version>"), the new definition installed as the site's current one, and
// the new version's checks run over the migrated subjects — those that newly fail are listed, never blocking.
// An instance the migration changes now holds the new version's fields and says so (its definition version);
// one it leaves alone keeps the version it was entered under until it is saved again. Subjects the centre
// froze are left as they are.

import type { EvaluatedFormInstance } from '../../db/domain';
import { insertAmendment } from '../../db/repositories/amendment.repository';
import { insertInstance, listAllInstances, updateInstance } from '../../db/repositories/form-instances.repository';
import { setMeta } from '../../db/repositories/meta.repository';
import { insertDefinition } from '../../db/repositories/study-definition.repository';
import type { Tx } from '../../db/transaction';
import type { AmendmentDocument, AmendmentOutcome, AmendmentWarning } from '../../shared/contract/amendments';
import { todayDayNumber } from '../../shared/dates/partial-date';
import { compareVersions } from '../../shared/study/definition-version';
import { entryText } from '../../shared/study/entries';
import { evaluateSubject, type SubjectEvaluation } from '../../shared/study/evaluate-subject';
import { appendAudit, type AuditEntryInput } from '../store/audit-chain';
import { freezeOf } from '../store/central-freeze';
import type { Session } from '../store/session';
import { rememberStudy } from '../store/store-study';
import { evaluationEnv, refreshSubjectStatus } from '../store/subject-data';
import type { LoadedStudy } from '../study/load-definition';
import { decideAmendment } from './apply-amendment-checks';
import { migrateSubject, type MigratedInstance } from './apply-amendment-migration';

export interface AmendmentContext {
  readonly tx: Tx;
  readonly session: Session;
  readonly at: string;
  readonly user: string;
}

export function amendmentReason(version: string): string {
  return `Amendment ${version}`;
}

function auditOf(subjectId: string, m: MigratedInstance, version: string): AuditEntryInput[] {
  const where = { subject_id: subjectId, form_key: m.form, instance_no: m.instanceNo };
  const reason = amendmentReason(version);
  const entries: AuditEntryInput[] = [];
  if (!m.existing) entries.push({ action: 'form.create', ...where, reason, details: { defVersion: version } });
  for (const c of m.changes) entries.push({ action: 'amendment.migrate', ...where, field: c.field, old_value: entryText(c.before), new_value: entryText(c.after), reason });
  if (!m.existing) entries.push({ action: 'form.status', ...where, old_value: null, new_value: 'draft', reason });
  return entries;
}

async function writeMigrated(ctx: AmendmentContext, subjectId: string, m: MigratedInstance, version: string): Promise<EvaluatedFormInstance> {
  if (m.existing) {
    const changes = { data: m.data, defVersion: version, version: m.existing.version + 1, updatedAt: ctx.at, updatedBy: ctx.user };
    await updateInstance(ctx.tx, m.existing.id, changes);
    return { ...m.existing, ...changes };
  }
  return insertInstance(ctx.tx, {
    siteId: ctx.session.info.siteId,
    subjectId,
    form: m.form,
    instanceNo: m.instanceNo,
    data: m.data,
    defVersion: version,
    status: 'draft',
    version: 1,
    completedOnce: false,
    overrides: {},
    createdAt: ctx.at,
    createdBy: ctx.user,
    updatedAt: ctx.at,
    updatedBy: ctx.user,
    signedBy: null,
    signedAt: null,
    signMeaning: null,
    lockedBy: null,
    lockedAt: null,
    deviceCalcs: null,
    results: null,
  });
}

/** Failures of the new version's checks that the old version's did not have (overridden soft ones aside). */
function newlyFailing(subjectId: string, before: SubjectEvaluation, after: SubjectEvaluation): AmendmentWarning[] {
  const warnings: AmendmentWarning[] = [];
  for (const instance of after.instances) {
    const had = new Set(before.get(instance.form, instance.instanceNo)?.failures.map((f) => f.id) ?? []);
    for (const f of instance.failures) {
      if (f.overriddenBy || had.has(f.id)) continue;
      warnings.push({ subjectId, form: instance.form, instanceNo: instance.instanceNo, check: f.id, severity: f.severity });
    }
  }
  return warnings;
}

function bySubject(instances: readonly EvaluatedFormInstance[]): Map<string, EvaluatedFormInstance[]> {
  const out = new Map<string, EvaluatedFormInstance[]>();
  for (const i of instances) out.set(i.subjectId, [...(out.get(i.subjectId) ?? []), i]);
  return out;
}

async function migrateRecords(ctx: AmendmentContext, doc: AmendmentDocument, base: LoadedStudy, next: LoadedStudy): Promise<Omit<AmendmentOutcome, 'version' | 'baseVersion' | 'status'>> {
  const outcome = { migratedValues: 0, migratedInstances: 0, frozenInstances: 0, warnings: [] as AmendmentWarning[] };
  const today = todayDayNumber(new Date(ctx.at));
  // The session's study is the base version until it is opened again: the new one is evaluated explicitly.
  const session: Session = { ...ctx.session, study: next };
  for (const [subjectId, instances] of bySubject(await listAllInstances(ctx.tx))) {
    if (await freezeOf(ctx.tx, ctx.session.info.siteId, subjectId)) {
      outcome.frozenInstances += instances.length;
      continue;
    }
    const migrated = migrateSubject(instances, doc.migration, next.compiled, today);
    const after = new Map(instances.map((i) => [`${i.form}#${i.instanceNo}`, i]));
    const audit: AuditEntryInput[] = [];
    for (const m of migrated) {
      after.set(`${m.form}#${m.instanceNo}`, await writeMigrated(ctx, subjectId, m, doc.version));
      audit.push(...auditOf(subjectId, m, doc.version));
      outcome.migratedValues += m.changes.length;
      outcome.migratedInstances += 1;
    }
    await appendAudit(ctx.tx, ctx.at, ctx.user, audit);
    const env = await evaluationEnv(session, ctx.tx, subjectId);
    const evaluation = evaluateSubject(next.compiled, [...after.values()], env);
    outcome.warnings.push(...newlyFailing(subjectId, evaluateSubject(base.compiled, instances, env), evaluation));
    await refreshSubjectStatus(session, ctx.tx, subjectId, [...after.values()], evaluation);
  }
  return outcome;
}

/** Applies the amendments of a return bundle in version order; returns what each one did. */
export async function applyAmendments(ctx: AmendmentContext, docs: readonly AmendmentDocument[]): Promise<AmendmentOutcome[]> {
  const outcomes: AmendmentOutcome[] = [];
  for (const doc of [...docs].sort((a, b) => compareVersions(a.version, b.version))) {
    const decision = await decideAmendment(ctx.tx, ctx.session.study.definition.id, doc);
    const head = { version: doc.version, baseVersion: doc.baseVersion };
    if (decision.kind === 'alreadyApplied') {
      outcomes.push({ ...head, status: 'alreadyApplied', migratedValues: 0, migratedInstances: 0, frozenInstances: 0, warnings: [] });
      continue;
    }
    const { base, next } = decision;
    const migrated = await migrateRecords(ctx, doc, base, next);
    await insertDefinition(ctx.tx, { version: doc.version, hash: next.hash, studyId: doc.study, definition: next.definition, installedAt: ctx.at });
    await setMeta(ctx.tx, 'def_version', doc.version);
    await setMeta(ctx.tx, 'def_hash', next.hash);
    await insertAmendment(ctx.tx, { version: doc.version, studyId: doc.study, baseVersion: doc.baseVersion, definitionHash: doc.definitionHash, document: doc, recordedAt: ctx.at, recordedBy: ctx.user });
    await appendAudit(ctx.tx, ctx.at, ctx.user, [
      {
        action: 'study.amendmentApplied',
        old_value: doc.baseVersion,
        new_value: doc.version,
        reason: amendmentReason(doc.version),
        details: { definitionHash: next.hash, changes: doc.changes.length, migratedValues: migrated.migratedValues, migratedInstances: migrated.migratedInstances, frozenInstances: migrated.frozenInstances, warnings: migrated.warnings.length },
      },
    ]);
    rememberStudy(next);
    outcomes.push({ ...head, status: 'applied', ...migrated });
  }
  return outcomes;
}
