// One subject of a dataset built from its stored rows: every form instance parsed, with its calculated
// values recomputed under the study definition. Pure (no database): shared by the CSV export and readDataset.

import type { FormInstanceRow, SubjectRow } from '../../db/schema/tables';
import type { CompiledStudy } from '../../shared/study/compile';
import type { FormData, StoredEntry } from '../../shared/study/entries';
import { evaluateSubject, type FormStatus, type SoftOverride } from '../../shared/study/evaluate-subject';

export interface DatasetInstance {
  readonly form: string;
  readonly instanceNo: number;
  readonly data: FormData;
  /** Calculated values: recomputed here; device values win where the device knew more (exact age). */
  readonly calcs: Readonly<Record<string, StoredEntry | null>>;
  readonly status: FormStatus;
  readonly version: number;
  readonly defVersion: string;
  readonly overrides: Readonly<Record<string, SoftOverride>>;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly signedBy: string | null;
  readonly signedAt: string | null;
  readonly signMeaning: string | null;
  readonly lockedBy: string | null;
  readonly lockedAt: string | null;
}

export interface DatasetSubject {
  readonly id: string;
  readonly siteId: string;
  readonly createdAt: string;
  readonly instances: readonly DatasetInstance[];
}

/** Calculated fields whose device value is better than a central recomputation (crf-spec §4, age). */
function deviceWins(study: CompiledStudy, form: string, field: string): boolean {
  const compiled = study.field(form, field);
  return compiled?.field.type === 'calc' && typeof compiled.field.calc === 'string' && compiled.field.calc.includes('identity_birth_date');
}

/** A subject's stored rows, as read from the store, in subject order. */
export interface SubjectRows {
  readonly subject: SubjectRow;
  readonly rows: readonly FormInstanceRow[];
  /** Site stores only: the exact birth date from the identification log, for the exact age; never emitted. */
  readonly identityBirthDate: string | null;
}

/** What calculated values depend on besides the subject: today's date and the store's parameters. */
export interface EvaluationEnv {
  readonly today: number;
  readonly params: Readonly<Record<string, string | number | null>>;
}

export function toDatasetSubject(study: CompiledStudy, { subject, rows, identityBirthDate }: SubjectRows, env: EvaluationEnv): DatasetSubject {
  const parsed = rows.map((row) => ({
    row,
    data: JSON.parse(row.data) as FormData,
    overrides: JSON.parse(row.overrides) as Record<string, SoftOverride>,
    device: row.calcs ? (JSON.parse(row.calcs) as Record<string, StoredEntry | null>) : {},
  }));
  const evaluation = evaluateSubject(
    study,
    parsed.map((p) => ({ form: p.row.form_key, instanceNo: p.row.instance_no, data: p.data, status: p.row.status as FormStatus, overrides: p.overrides, signedAt: p.row.signed_at })),
    { ...env, identityBirthDate },
    { calcsOnly: true },
  );
  return {
    id: subject.id,
    siteId: subject.site_id,
    createdAt: subject.created_at,
    instances: parsed.map(({ row, data, overrides, device }) => {
      const central = evaluation.get(row.form_key, row.instance_no)?.calcs ?? {};
      const calcs: Record<string, StoredEntry | null> = { ...central };
      for (const [field, value] of Object.entries(device)) {
        if (deviceWins(study, row.form_key, field) && value !== null && value !== undefined) calcs[field] = value;
      }
      return {
        form: row.form_key,
        instanceNo: row.instance_no,
        data,
        calcs,
        status: row.status as FormStatus,
        version: row.version,
        defVersion: row.def_version,
        overrides,
        createdAt: row.created_at,
        createdBy: row.created_by,
        updatedAt: row.updated_at,
        updatedBy: row.updated_by,
        signedBy: row.signed_by,
        signedAt: row.signed_at,
        signMeaning: row.sign_meaning,
        lockedBy: row.locked_by,
        lockedAt: row.locked_at,
      };
    }),
  };
}
