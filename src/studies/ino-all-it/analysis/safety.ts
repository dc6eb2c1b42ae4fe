// Safety per crf-spec §4: SOS/VOD flag, competing-risk times and severity; maximum AE grade overall and by MedDRA SOC.

import type { DatasetSubject } from '../../../core/dataset/dataset';
import type { FollowUp } from './follow-up';
import { CTCAE_SOCS } from './soc';
import { code, dateRange, day, instancesOf, maxOf, minOf, num, type EntrySource } from '../../../core/analysis/subject-view';
import { firstEvent, type Candidate, type TimeToEvent } from './time-to-event';

export const SOS_MEDDRA = '10063675';

export interface SosResult {
  readonly flag: 0 | 1;
  readonly fromC1d1: TimeToEvent | undefined;
  readonly fromHsct: TimeToEvent | undefined;
  /** Highest vod_ebmt_grade 1–4; 9 when every F08 record is not assessable; undefined without F08. */
  readonly ebmtMax: number | undefined;
  readonly ctcaeMax: number | undefined;
}

export interface AeResult {
  readonly maxGrade: number | null;
  readonly bySoc: ReadonlyMap<string, number | null>;
  readonly n: number;
  readonly nGrade3plus: number;
}

const isSosAe = (rec: EntrySource): boolean => (code(rec, 'ae_term') ?? code(rec, 'ae_meddra_code')) === SOS_MEDDRA;

export function deriveSos(subject: DatasetSubject, c1d1: number | undefined, hsctDay: number | undefined, fu: FollowUp, cutoff: number | undefined): SosResult {
  const aes = instancesOf(subject, 'ae').filter(isSosAe);
  const vods = instancesOf(subject, 'vod');
  const flag = aes.length > 0 || vods.length > 0 ? 1 : 0;
  // First diagnosis: F08 vod_dx_date; without any dated F08 record, the SOS AE onset (imputed).
  const sosDay = flag ? (minOf(vods.map((v) => day(v, 'vod_dx_date'))) ?? minOf(aes.map((a) => day(a, 'ae_onset')))) : undefined;
  const death: Candidate[] = fu.dead ? [{ day: fu.deathDay, status: 2 }] : [];
  const fromC1d1 = c1d1 === undefined ? undefined : firstEvent(c1d1, [...(flag ? [{ day: sosDay, status: 1 as const }] : []), ...death], fu.lastContact ?? c1d1, cutoff);
  let fromHsct: TimeToEvent | undefined;
  if (hsctDay !== undefined) {
    const postHsct = vods.filter((v) => code(v, 'vod_setting') === '2').map((v) => day(v, 'vod_dx_date'));
    const events: Candidate[] = postHsct.map((d) => ({ day: d, status: 1 as const })).filter((c) => c.day === undefined || c.day >= hsctDay);
    fromHsct = firstEvent(hsctDay, [...events, ...death], fu.lastContact ?? hsctDay, cutoff);
  }
  const ebmt = vods.map((v) => num(v, 'vod_ebmt_grade'));
  const ebmtGraded = maxOf(ebmt.filter((g) => g !== undefined && g >= 1 && g <= 4));
  return {
    flag,
    fromC1d1,
    fromHsct,
    ebmtMax: ebmtGraded ?? (ebmt.includes(9) ? 9 : undefined),
    ctcaeMax: maxOf(aes.map((a) => num(a, 'ae_grade'))),
  };
}

/** Treatment-emergent AEs (onset not wholly before C1D1); grade 0 = none recorded, null = only unknown grades. */
export function deriveAes(subject: DatasetSubject, c1d1: number, ctcaeSoc: ReadonlyMap<string, string>): AeResult {
  const aes = instancesOf(subject, 'ae').filter((a) => {
    const onset = dateRange(a, 'ae_onset');
    return onset === undefined || onset.hi >= c1d1;
  });
  const socOf = (a: (typeof aes)[number]): string | undefined => {
    const term = code(a, 'ae_term');
    return (term === undefined ? undefined : ctcaeSoc.get(term)) ?? code(a, 'ae_soc');
  };
  const maxOver = (list: typeof aes): number | null => (list.length === 0 ? 0 : (maxOf(list.map((a) => num(a, 'ae_grade'))) ?? null));
  const bySoc = new Map<string, number | null>();
  for (const soc of CTCAE_SOCS) bySoc.set(soc.name, maxOver(aes.filter((a) => socOf(a) === soc.name)));
  return {
    maxGrade: maxOver(aes),
    bySoc,
    n: aes.length,
    nGrade3plus: aes.filter((a) => (num(a, 'ae_grade') ?? 0) >= 3).length,
  };
}
