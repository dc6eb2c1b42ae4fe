// Response to inotuzumab per crf-spec §4: response window, best response, CR/CRi, MRD at 10⁻⁴, first CR/CRi date.

import type { DatasetSubject } from '../../../core/dataset/dataset';
import { code, day, instancesOf, minOf, num, type EntrySource } from '../../../core/analysis/subject-view';

export interface ResponseResult {
  /** Last day of the response window (inclusive). */
  readonly windowEnd: number;
  /** CL_RESP code of the best response: 1 CR, 2 CRi, 3 PR, 4 NR, 5 PD, 7 NE. */
  readonly best: number;
  readonly crcri: 0 | 1;
  readonly firstCrDay: number | undefined;
  /** Best MRD status in the window: 1 negative at 10⁻⁴, 0 positive, 9 not evaluable. */
  readonly mrdNeg: 0 | 1 | 9;
  readonly mrdNegCrcri: 0 | 1;
}

/** Order CR > CRi > PR > NR > PD > NE; REL, Unknown and blanks rank as NE. */
const RANK: Readonly<Record<string, number>> = { '1': 6, '2': 5, '3': 4, '4': 3, '5': 2 };
const NE = 7;

/** The per-assessment mrd_neg_1e4 rule of crf-spec §4 (as the F06 calc). */
export function mrdNeg1e4(rec: EntrySource): 0 | 1 | 9 {
  const result = code(rec, 'mrd_result');
  const value = num(rec, 'mrd_value');
  const sensitivity = num(rec, 'mrd_sensitivity');
  if ((result === '1' && sensitivity !== undefined && sensitivity <= 1e-4) || (result === '3' && value !== undefined && value < 1e-4)) return 1;
  if (value !== undefined && value >= 1e-4) return 0;
  return 9;
}

/** Window end: the earlier of last dose + 28 days and the start of any F09 therapy on or after C1D1. */
export function responseWindowEnd(subject: DatasetSubject, c1d1: number, lastDose: number): number {
  const nextTherapy = minOf(instancesOf(subject, 'st').map((st) => day(st, 'st_start')).filter((d) => d !== undefined && d >= c1d1));
  return Math.min(lastDose + 28, nextTherapy ?? Infinity);
}

export function deriveResponse(subject: DatasetSubject, c1d1: number, lastDose: number): ResponseResult {
  const windowEnd = responseWindowEnd(subject, c1d1, lastDose);
  const inWindow = instancesOf(subject, 'resp')
    .map((rec) => ({ rec, day: day(rec, 'resp_date'), cat: code(rec, 'resp_cat') ?? '' }))
    .flatMap((a) => (a.day !== undefined && a.day >= c1d1 && a.day <= windowEnd ? [{ rec: a.rec, day: a.day, cat: a.cat }] : []));
  let best = NE;
  for (const a of inWindow) {
    if ((RANK[a.cat] ?? 0) > (RANK[String(best)] ?? 0)) best = Number(a.cat);
  }
  const crs = inWindow.filter((a) => a.cat === '1' || a.cat === '2');
  const mrd = inWindow.map((a) => mrdNeg1e4(a.rec));
  return {
    windowEnd,
    best,
    crcri: crs.length > 0 ? 1 : 0,
    firstCrDay: minOf(crs.map((a) => a.day)),
    mrdNeg: mrd.includes(1) ? 1 : mrd.includes(0) ? 0 : 9,
    mrdNegCrcri: crs.some((a) => mrdNeg1e4(a.rec) === 1) ? 1 : 0,
  };
}
