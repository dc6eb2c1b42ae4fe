// One subject of a dataset built from its stored instances, with its calculated values recomputed under
// the study definition. Pure (no database): shared by the CSV export and readDataset.

import type { FormInstance, Subject } from '../../db/domain';
import type { CompiledStudy } from '../../shared/study/compile';
import type { FormData, StoredEntry } from '../../shared/study/entries';
import { evaluateSubject, type FormStatus, type SoftOverride, type SubjectEvaluation } from '../../shared/study/evaluate-subject';
import { hasExactBirthDate, readsSiteOnlyData } from '../../shared/study/site-only-calcs';

export interface DatasetInstance {
  readonly form: string;
  readonly instanceNo: number;
  readonly data: FormData;
  /** Calculated values: recomputed here; device values win where the device knew more (exact age). */
  readonly calcs: Readonly<Record<string, StoredEntry | null>>;
  /**
   * Calculated fields whose value came from site-only data (the exact birth date): at a site when the identification
   * log has a full birth date, at the centre when the bundle carried the device's value (sent only then). Absent = none.
   */
  readonly siteOnlyCalcs?: readonly string[];
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

/** A subject and its stored instances, as read from the store, in subject order. */
export interface StoredSubject {
  readonly subject: Subject;
  readonly instances: readonly FormInstance[];
  /** Site stores only: the exact birth date from the identification log, for the exact age; never emitted. */
  readonly identityBirthDate: string | null;
}

/** What calculated values depend on besides the subject: today's date and the store's parameters. */
export interface EvaluationEnv {
  readonly today: number;
  readonly params: Readonly<Record<string, string | number | null>>;
}

export function toDatasetSubject(study: CompiledStudy, stored: StoredSubject, env: EvaluationEnv): DatasetSubject {
  const evaluation = evaluateSubject(study, stored.instances, { ...env, identityBirthDate: stored.identityBirthDate }, { calcsOnly: true });
  return datasetSubjectWithCalcs(study, stored, instanceCalcs(study, stored.instances, evaluation));
}

/** The summaries a calcs-only evaluation leaves out; dropped from a full one so that both give the same calcs. */
const SUMMARY_SYSTEMS: ReadonlySet<string> = new Set(['forms_complete', 'open_queries']);

function calcsOf(study: CompiledStudy, form: string, calcs: Readonly<Record<string, StoredEntry | null>>): Record<string, StoredEntry | null> {
  const out: Record<string, StoredEntry | null> = {};
  for (const [field, value] of Object.entries(calcs)) {
    const spec = study.field(form, field)?.field;
    if (spec?.type === 'calc' && spec.system !== undefined && SUMMARY_SYSTEMS.has(spec.system)) continue;
    out[field] = value;
  }
  return out;
}

/**
 * The calculated values of each of `instances` (in their order) from an evaluation already made: a calcs-only
 * one as it stands, or a full one (the report's, which needs the checks too) with its summaries dropped, which
 * gives the same calcs when no calculation reads a summary (see calcsReadSummary).
 */
export function instanceCalcs(study: CompiledStudy, instances: readonly { readonly form: string; readonly instanceNo: number }[], evaluation: SubjectEvaluation, full = false): Record<string, StoredEntry | null>[] {
  return instances.map((i) => {
    const own = evaluation.get(i.form, i.instanceNo)?.calcs ?? {};
    return full ? calcsOf(study, i.form, own) : { ...own };
  });
}

/** A dataset subject from its instances' calculated values (`calcs[i]` is the i-th instance's, taken over). */
export function datasetSubjectWithCalcs(study: CompiledStudy, { subject, instances, identityBirthDate }: StoredSubject, calcsByInstance: readonly Record<string, StoredEntry | null>[]): DatasetSubject {
  return {
    id: subject.id,
    siteId: subject.siteId,
    createdAt: subject.createdAt,
    instances: instances.map((i, index) => {
      const calcs = calcsByInstance[index]!;
      const siteOnly: string[] = [];
      if (i.deviceCalcs) {
        for (const [field, value] of Object.entries(i.deviceCalcs)) {
          if (readsSiteOnlyData(study, i.form, field) && value !== null && value !== undefined) {
            calcs[field] = value;
            siteOnly.push(field);
          }
        }
      } else if (hasExactBirthDate(identityBirthDate)) {
        for (const [field, value] of Object.entries(calcs)) if (readsSiteOnlyData(study, i.form, field) && value !== null) siteOnly.push(field);
      }
      return {
        form: i.form,
        instanceNo: i.instanceNo,
        data: i.data,
        calcs,
        ...(siteOnly.length > 0 ? { siteOnlyCalcs: siteOnly } : {}),
        status: i.status,
        version: i.version,
        defVersion: i.defVersion,
        overrides: i.overrides,
        createdAt: i.createdAt,
        createdBy: i.createdBy,
        updatedAt: i.updatedAt,
        updatedBy: i.updatedBy,
        signedBy: i.signedBy,
        signedAt: i.signedAt,
        signMeaning: i.signMeaning,
        lockedBy: i.lockedBy,
        lockedAt: i.lockedAt,
      };
    }),
  };
}
