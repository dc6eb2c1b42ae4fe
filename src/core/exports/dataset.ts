// Reads a store (site or central) subject by subject, with every form instance and its calculated
// values, streaming so that a 40-site central store is never held in memory at once. While iterating,
// the store connection is busy: consumers must not query the same store inside the loop.

import type { Kysely } from 'kysely';
import { getMeta } from '../../db/repositories/meta.repository';
import { listIdentities } from '../../db/repositories/subjects.repository';
import { streamFormInstances, streamSubjects } from '../../db/repositories/snapshot.repository';
import type { Database, FormInstanceRow, SubjectRow } from '../../db/schema/tables';
import { todayDayNumber } from '../../shared/dates/partial-date';
import type { CompiledStudy } from '../../shared/study/compile';
import type { FormData, StoredEntry } from '../../shared/study/entries';
import { evaluateSubject, type FormStatus, type SoftOverride } from '../../shared/study/evaluate-subject';
import { siteParams } from '../subjects/subject-data';

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

export interface DatasetOptions {
  readonly siteId?: string;
  readonly now: Date;
  /** On a site store, the exact birth dates feed the exact age; never emitted. */
  readonly useIdentityBirthDates?: boolean;
}

export async function* readDataset(db: Kysely<Database>, study: CompiledStudy, options: DatasetOptions): AsyncGenerator<DatasetSubject> {
  const params = await siteParams(db);
  const today = todayDayNumber(options.now);
  const birthDates = new Map<string, string>();
  if (options.useIdentityBirthDates && (await getMeta(db, 'store_kind')) === 'site') {
    for (const row of await listIdentities(db)) {
      const value = (JSON.parse(row.data) as Record<string, unknown>).sil_birth_date;
      if (typeof value === 'string') birthDates.set(row.subject_id, value);
    }
  }
  // Subjects and instances are both ordered by subject id: walk them side by side.
  const subjects = streamSubjects(db, options.siteId);
  const instances = streamFormInstances(db, options.siteId);
  let pending: FormInstanceRow | undefined;
  let instancesDone = false;
  const nextInstance = async (): Promise<FormInstanceRow | undefined> => {
    if (pending) {
      const p = pending;
      pending = undefined;
      return p;
    }
    if (instancesDone) return undefined;
    const r = await instances.next();
    if (r.done) {
      instancesDone = true;
      return undefined;
    }
    return r.value;
  };
  // Both iterators share one connection; buffer the subject list (small) and stream instances.
  const subjectRows: SubjectRow[] = [];
  for await (const s of subjects) subjectRows.push(s);
  try {
    for (const subject of subjectRows) {
      const rows: FormInstanceRow[] = [];
      for (;;) {
        const row = await nextInstance();
        if (!row) break;
        if (row.subject_id !== subject.id) {
          if (row.subject_id < subject.id) continue; // an instance without its subject (cannot happen with foreign keys)
          pending = row;
          break;
        }
        rows.push(row);
      }
      yield toDatasetSubject(study, subject, rows, { today, params, identityBirthDate: birthDates.get(subject.id) ?? null });
    }
  } finally {
    // A consumer that stops early (an error half-way) must not leave the connection busy.
    if (!instancesDone) await instances.return?.(undefined);
  }
}

function toDatasetSubject(study: CompiledStudy, subject: SubjectRow, rows: readonly FormInstanceRow[], env: { today: number; params: Record<string, string | number | null>; identityBirthDate: string | null }): DatasetSubject {
  const parsed = rows.map((row) => ({
    row,
    data: JSON.parse(row.data) as FormData,
    overrides: JSON.parse(row.overrides) as Record<string, SoftOverride>,
    device: row.calcs ? (JSON.parse(row.calcs) as Record<string, StoredEntry | null>) : {},
  }));
  const evaluation = evaluateSubject(
    study,
    parsed.map((p) => ({ form: p.row.form_key, instanceNo: p.row.instance_no, data: p.data, status: p.row.status as FormStatus, overrides: p.overrides, signedAt: p.row.signed_at })),
    env,
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
