// A form instance as the app sees it: its values decoded, its status typed, camelCase. Rows become this
// in mappers/form-instance.mapper.ts and nowhere else.

import type { FormData, StoredEntry } from '../../shared/study/entries';
import type { FormStatus, SoftOverride } from '../../shared/study/evaluate-subject';

/** What evaluation, bundles and exports read of an instance (a `SubjectInstance` as it stands). */
export interface FormInstance {
  readonly id: number;
  readonly siteId: string;
  readonly subjectId: string;
  readonly form: string;
  /** 1 for a non-repeating form. */
  readonly instanceNo: number;
  readonly data: FormData;
  /** The study-definition version the instance was saved under. */
  readonly defVersion: string;
  readonly status: FormStatus;
  /** Counts every change of the instance (optimistic concurrency). */
  readonly version: number;
  /** Once marked complete, every later change needs a reason. */
  readonly completedOnce: boolean;
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
  /** Values calculated on the device, as received in a bundle (central store only; null at a site). */
  readonly deviceCalcs: Readonly<Record<string, StoredEntry | null>> | null;
}

/** The outcome of an instance's last evaluation at this store, kept so a save re-checks only what it can affect. */
export interface InstanceResults {
  readonly missing: number;
  /** Failing hard checks. */
  readonly hard: number;
  /** Failing soft checks without an override. */
  readonly soft: number;
  /** Ids of every failing check, overridden or not. */
  readonly failedChecks: readonly string[];
  readonly missingFields: readonly string[];
}

/** An instance with its last results: what saves, the subject list counters and the review grid read. */
export interface EvaluatedFormInstance extends FormInstance {
  /** Null until the instance is evaluated at this store (instances merged at the centre). */
  readonly results: InstanceResults | null;
}

/** A new instance (the id is the store's). */
export type NewFormInstance = Omit<EvaluatedFormInstance, 'id'>;

/** Changes to an instance: only the given properties are written. */
export type FormInstanceChanges = Partial<Omit<NewFormInstance, 'siteId' | 'subjectId' | 'form' | 'instanceNo'>>;
