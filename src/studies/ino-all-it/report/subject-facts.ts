// The few values the report needs of one subject of the analysis population: a slim copy of its analysis row plus baseline items read from F02/F03.

import type { AnalysisRow, AnalysisValue } from '../../../core/modules/analysis';
import { code, instancesOf, num, singleOf } from '../../../core/analysis/subject-view';
import type { DatasetSubject } from '../../../core/dataset/dataset';
import type { GroupId } from './types';

export const COST_CATEGORY_CODES = Array.from({ length: 15 }, (_, i) => String(i + 1));

const KEPT_COLUMNS = [
  'eligible',
  'treated',
  'sex',
  'age_first_dose',
  'ph_status',
  'salvage_line',
  'best_resp_ino',
  'crcri',
  'mrd_neg_crcri',
  'hsct_after_ino',
  'os_days',
  'os_event',
  'efs_days',
  'efs_event',
  'vod_flag',
  'vod_days',
  'vod_ci_status',
  'vod_hsct_days',
  'vod_hsct_status',
  'nrm_days',
  'nrm_status',
  'nrm_hsct_days',
  'nrm_hsct_status',
  'vod_ebmt_grade_max',
  'vod_ctcae_grade_max',
  'cost_total',
  'cost_n_unvalued',
  ...COST_CATEGORY_CODES.map((c) => `cost_cat_${c}`),
] as const;

export type PhGroup = Exclude<GroupId, 'overall'>;

export interface SubjectFacts {
  readonly siteId: string;
  readonly phGroup: PhGroup;
  readonly values: Readonly<Record<string, AnalysisValue>>;
  /** Baseline items not in the analysis row (text codes as entered; undefined when blank or a missing-data code). */
  readonly ecog: string | undefined;
  readonly priorAlloHsct: string | undefined;
  readonly cnsPreIno: string | undefined;
  readonly bmBlastsPct: number | undefined;
  readonly cd22Pct: number | undefined;
  /** F11 records of the subject. */
  readonly resourceRecords: number;
}

export function phGroupOf(phStatus: AnalysisValue): PhGroup {
  if (phStatus === 1) return 'ph_pos';
  if (phStatus === 2) return 'ph_neg';
  return 'ph_unknown';
}

export function subjectFacts(subject: DatasetSubject, row: AnalysisRow): SubjectFacts {
  const dm = singleOf(subject, 'dm');
  const dx = singleOf(subject, 'dx');
  return {
    siteId: subject.siteId,
    phGroup: phGroupOf(row.ph_status ?? null),
    values: Object.fromEntries(KEPT_COLUMNS.map((k) => [k, row[k] ?? null])),
    ecog: code(dm, 'ecog'),
    priorAlloHsct: code(dm, 'prior_allo_hsct'),
    cnsPreIno: code(dx, 'cns_pre_ino'),
    bmBlastsPct: num(dm, 'bm_blasts_pct'),
    cd22Pct: num(dx, 'cd22_pct'),
    resourceRecords: instancesOf(subject, 'ru').length,
  };
}

/** A numeric value of the slim row, or undefined. */
export function valueOf(facts: SubjectFacts, column: string): number | undefined {
  const v = facts.values[column];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** The population split into the report's groups: overall, Ph+, Ph−, and Ph unknown only when someone is in it. */
export function groupsOf(population: readonly SubjectFacts[]): { group: GroupId; members: SubjectFacts[] }[] {
  const of = (g: PhGroup): SubjectFacts[] => population.filter((f) => f.phGroup === g);
  const unknown = of('ph_unknown');
  return [
    { group: 'overall', members: [...population] },
    { group: 'ph_pos', members: of('ph_pos') },
    { group: 'ph_neg', members: of('ph_neg') },
    ...(unknown.length > 0 ? [{ group: 'ph_unknown' as const, members: unknown }] : []),
  ];
}
