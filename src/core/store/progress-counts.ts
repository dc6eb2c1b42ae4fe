// A subject's progress counts (complete, signed, locked instances) for the subject list and the casebook: a
// form the casebook lock locked counts as what it was before (a locked draft is locked, not complete), and
// only a form with a signature counts as signed.

import type { CasebookLock } from '../../db/domain/casebook-lock';
import type { FormInstance } from '../../db/domain/form-instance';

export interface ProgressCounts {
  readonly complete: number;
  readonly signed: number;
  readonly locked: number;
}

type Counted = Pick<FormInstance, 'form' | 'instanceNo' | 'status' | 'signedBy'>;

export function progressCounts(instances: readonly Counted[], lock: CasebookLock | undefined): ProgressCounts {
  const prior = new Map(lock?.prior.map((p) => [`${p.form}#${p.instanceNo}`, p.status]));
  let complete = 0;
  let signed = 0;
  let locked = 0;
  for (const i of instances) {
    const before = i.status === 'locked' ? (prior.get(`${i.form}#${i.instanceNo}`) ?? 'locked') : i.status;
    if (before !== 'draft') complete += 1;
    if ((i.status === 'signed' || i.status === 'locked') && i.signedBy !== null) signed += 1;
    if (i.status === 'locked') locked += 1;
  }
  return { complete, signed, locked };
}
