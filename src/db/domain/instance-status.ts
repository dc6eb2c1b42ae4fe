// The status of one form instance without its values: what the record status dashboard reads.

import type { FormStatus } from '../../shared/study/evaluate-subject';

export interface InstanceStatus {
  readonly subjectId: string;
  readonly form: string;
  readonly instanceNo: number;
  readonly status: FormStatus;
  /** The counts of its last evaluation at this store; null when never evaluated here (merged at the centre). */
  readonly results: { readonly missing: number; readonly hard: number; readonly soft: number } | null;
}
