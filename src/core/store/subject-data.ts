// Reading a subject's form instances for evaluation, and keeping the per-instance and per-subject
// progress counters in step after every change.

import type { Kysely } from 'kysely';
import { listInstancesOfSubject, updateInstanceCounts } from '../../db/repositories/form-instances.repository';
import { getMeta } from '../../db/repositories/meta.repository';
import { getIdentity, upsertSubjectStatus } from '../../db/repositories/subjects.repository';
import type { Database, FormInstanceRow } from '../../db/schema/tables';
import { todayDayNumber } from '../../shared/dates/partial-date';
import type { FormData } from '../../shared/study/entries';
import { evaluateSubject, type EvaluationEnv, type FormStatus, type SoftOverride, type SubjectEvaluation, type SubjectInstance } from '../../shared/study/evaluate-subject';
import { isoNow } from '../clock';
import type { Session } from './session';

export function toSubjectInstance(row: FormInstanceRow): SubjectInstance {
  return {
    form: row.form_key,
    instanceNo: row.instance_no,
    data: JSON.parse(row.data) as FormData,
    status: row.status as FormStatus,
    overrides: JSON.parse(row.overrides) as Record<string, SoftOverride>,
    signedAt: row.signed_at,
  };
}

export async function siteParams(db: Kysely<Database>): Promise<Record<string, string | number | null>> {
  const raw = await getMeta(db, 'site_params');
  return raw ? (JSON.parse(raw) as Record<string, string | number | null>) : {};
}

export async function evaluationEnv(session: Session, db: Kysely<Database>, subjectId: string): Promise<EvaluationEnv> {
  const params = await siteParams(db);
  let identityBirthDate: string | null = null;
  if (session.info.kind === 'site') {
    const identity = await getIdentity(db, subjectId);
    if (identity) {
      const value = (JSON.parse(identity) as Record<string, unknown>).sil_birth_date;
      identityBirthDate = typeof value === 'string' ? value : null;
    }
  }
  return { today: todayDayNumber(session.clock()), params, identityBirthDate };
}

export async function evaluateStoredSubject(
  session: Session,
  db: Kysely<Database>,
  subjectId: string,
): Promise<{ rows: FormInstanceRow[]; evaluation: SubjectEvaluation }> {
  const rows = await listInstancesOfSubject(db, subjectId);
  const env = await evaluationEnv(session, db, subjectId);
  return { rows, evaluation: evaluateSubject(session.study.compiled, rows.map(toSubjectInstance), env) };
}

/** Writes the progress counters of every instance of a subject and its summary row. */
export async function refreshSubjectStatus(
  session: Session,
  tx: Kysely<Database>,
  subjectId: string,
  rows: readonly FormInstanceRow[],
  evaluation: SubjectEvaluation,
): Promise<void> {
  let failedHard = 0;
  let failedSoft = 0;
  let missing = 0;
  for (const row of rows) {
    const result = evaluation.get(row.form_key, row.instance_no);
    const counts = {
      n_missing: result?.missing.length ?? 0,
      n_hard: result?.failures.filter((f) => f.severity === 'hard').length ?? 0,
      n_soft: result?.failures.filter((f) => f.severity === 'soft' && !f.overriddenBy).length ?? 0,
      failed_checks: JSON.stringify((result?.failures ?? []).map((f) => f.id)),
      missing_fields: JSON.stringify(result?.missing ?? []),
    };
    failedHard += counts.n_hard;
    failedSoft += counts.n_soft;
    missing += counts.n_missing;
    if (
      counts.n_missing !== row.n_missing ||
      counts.n_hard !== row.n_hard ||
      counts.n_soft !== row.n_soft ||
      counts.failed_checks !== row.failed_checks ||
      counts.missing_fields !== row.missing_fields
    ) {
      await updateInstanceCounts(tx, row.id, counts);
    }
  }
  await upsertSubjectStatus(tx, {
    subject_id: subjectId,
    instances: rows.length,
    complete: rows.filter((r) => r.status !== 'draft').length,
    signed: rows.filter((r) => r.status === 'signed' || r.status === 'locked').length,
    locked: rows.filter((r) => r.status === 'locked').length,
    failed_hard: failedHard,
    failed_soft: failedSoft,
    missing_items: missing,
    updated_at: isoNow(session.clock),
  });
}

/** The stored result of an instance's last evaluation, for incremental re-checking. */
export function previousResult(row: FormInstanceRow): { failed: string[]; missing: string[] } | undefined {
  if (row.failed_checks === null || row.missing_fields === null) return undefined;
  return { failed: JSON.parse(row.failed_checks) as string[], missing: JSON.parse(row.missing_fields) as string[] };
}
