// HSCT after inotuzumab per crf-spec §4 (first allogeneic HSCT after C1D1), and the first non-HSCT therapy after a day.

import type { DatasetSubject } from '../../../core/dataset/dataset';
import { code, day, instancesOf, minOf } from '../../../core/analysis/subject-view';

export interface Transplant {
  readonly day: number | undefined;
  /** hsct_direct of that HSCT as entered (YNU code), undefined when blank or a missing-data code. */
  readonly direct: number | undefined;
}

export function firstHsctAfter(subject: DatasetSubject, c1d1: number): Transplant {
  const hscts = instancesOf(subject, 'st')
    .filter((st) => code(st, 'st_type') === '1')
    .map((st) => ({ day: day(st, 'st_start'), direct: code(st, 'hsct_direct') }))
    .filter((h): h is { day: number; direct: string | undefined } => h.day !== undefined && h.day > c1d1)
    .sort((a, b) => a.day - b.day);
  const first = hscts[0];
  return { day: first?.day, direct: first?.direct === undefined ? undefined : Number(first.direct) };
}

/** Start of the first F09 therapy other than HSCT (st_type ∉ {1, 2}) strictly after a day (DOR sensitivity analysis). */
export function firstNonHsctTherapyAfter(subject: DatasetSubject, after: number): number | undefined {
  return minOf(
    instancesOf(subject, 'st')
      .filter((st) => !['1', '2'].includes(code(st, 'st_type') ?? ''))
      .map((st) => day(st, 'st_start'))
      .filter((d) => d !== undefined && d > after),
  );
}
