// Builders of DatasetSubject objects with realistic ino-all-it values, and the analysis context of the built-in study.

import { analysisContext } from '../../src/studies/ino-all-it/analysis';
import type { AnalysisRow } from '../../src/core/modules/analysis';
import type { AnalysisContext } from '../../src/studies/ino-all-it/analysis';
import type { DatasetInstance, DatasetSubject } from '../../src/core/dataset/dataset';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import type { FormData, StoredEntry } from '../../src/shared/study/entries';

export type Rec = readonly [form: string, data: FormData, calcs?: Record<string, StoredEntry | null>];

export const NK = { missing: 'NK' } as const;
export const CUTOFF = '2022-06-30';

export function makeSubject(id: string, records: readonly Rec[]): DatasetSubject {
  const counters = new Map<string, number>();
  const instances: DatasetInstance[] = records.map(([form, data, calcs]) => {
    const instanceNo = (counters.get(form) ?? 0) + 1;
    counters.set(form, instanceNo);
    return {
      form,
      instanceNo,
      data,
      calcs: calcs ?? {},
      status: 'complete',
      version: 1,
      defVersion: '1.0.0',
      overrides: {},
      createdAt: '2024-01-10T09:00:00.000Z',
      createdBy: 'u-investigator',
      updatedAt: '2024-01-10T09:00:00.000Z',
      updatedBy: 'u-investigator',
      signedBy: null,
      signedAt: null,
      signMeaning: null,
      lockedBy: null,
      lockedAt: null,
    };
  });
  return { id, siteId: id.slice(0, 4), createdAt: '2024-01-10T09:00:00.000Z', instances };
}

export function context(overrides: Readonly<Record<string, string | number | null>> = {}): AnalysisContext {
  return analysisContext(loadBuiltInStudy('ino-all-it').definition, { data_cutoff: CUTOFF, ...overrides });
}

/** The built-in table with a configured default for day-hospital accesses (EUR 310.00, 2020 prices). */
export function contextWithConfiguredCosts(): AnalysisContext {
  const base = context();
  return { ...base, unitCosts: base.unitCosts.map((u) => (u.item_code === 'DH_ACCESS' ? { ...u, default_unit_cost_eur: 310, price_year: 2020 } : u)) };
}

// ------------------------------------------------------------------ form records

export const elig = (): Rec => [
  'elig',
  { subject_id: 'IT03-0001', site_code: 'IT03', registration_date: '2023-05-02', incl_age18: '1', incl_cd22_ball: '1', incl_ino_cu: '1', incl_records: '1', excl_trial_only: '0', data_basis: '2' },
];

export const dm = (over: FormData = {}, calcs?: Record<string, StoredEntry | null>): Rec => [
  'dm',
  { sex: '2', birth_year: 1980, height_cm: 160, weight_kg: 60, ecog: '1', baseline_date: '2020-01-08', comorb_any: '0', prior_allo_hsct: '0', wbc: 3.2, anc: 0.9, plt: 45, pb_blasts_pct: 12, bm_blasts_pct: 68, bm_blasts_date: '2020-01-03', bili_total: 0.6, bili_uln: 1.2, ast: 28, alt: 35, ast_uln: 40, alt_uln: 41, creatinine: 0.8, ...over },
  calcs,
];

export const dx = (over: FormData = {}): Rec => [
  'dx',
  { dx_date: '2015-05-10', immunophenotype: '2', cd22_pct: 85, ph_status: '1', kmt2a_r: '0', ph_like: '8', karyo_result: '2', other_lesions: ['10'], tp53: '0', cns_dx: '1', emd_dx: '0', status_pre_ino: '3', salvage_line: 1, cns_pre_ino: '0', emd_pre_ino: '0', ...over },
];

/** A cycle with day 8 and day 15 on their nominal days; a 0 dose has no date. */
export function cycle(no: number, start: string, d1: number, d8: number, d15: number, over: FormData = {}): Rec {
  const plus = (days: number): string => new Date(Date.parse(`${start}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return [
    'ino',
    {
      cyc_no: no,
      cyc_start: start,
      cyc_planned: no === 1 ? '1' : '2',
      d1_dose_mg: d1,
      ...(d8 > 0 ? { d8_date: plus(7) } : {}),
      d8_dose_mg: d8,
      ...(d15 > 0 ? { d15_date: plus(14) } : {}),
      d15_dose_mg: d15,
      cyc_modif: ['0'],
      cyc_setting: '2',
      cyc_udca: '1',
      cyc_other_antileuk: '0',
      cyc_last: '0',
      ...over,
    },
  ];
}

export const assessment = (date: string, cat: string, over: FormData = {}): Rec => [
  'resp',
  { resp_date: date, resp_timepoint: '1', resp_after_cycle: 1, bm_done: '1', bm_blasts: cat === '1' || cat === '2' ? 2 : 40, pb_blasts_present: cat === '1' || cat === '2' ? '0' : '1', resp_emd: '8', resp_cns: '0', resp_cat: cat, mrd_done: '0', ...over },
];

export const contact = (date: string, vital: '1' | '2' = '1', disease = '9'): Rec => ['fu_contact', { fu_date: date, fu_source: '3', fu_vital: vital, ...(vital === '1' ? { fu_disease: disease } : {}) }];

export const alive = (over: FormData = {}): Rec => ['fu', { vital_status: '1', relapse_post_ino: '0', ...over }];

export const dead = (deathDate: StoredEntry, over: FormData = {}): Rec => ['fu', { vital_status: '2', relapse_post_ino: '0', death_date: deathDate, death_cause: '3', ...over }];

export const therapy = (type: string, start: string, over: FormData = {}): Rec => ['st', { st_type: type, st_start: start, ...over }];

export const ae = (term: number, grade: StoredEntry, onset: string, over: FormData = {}): Rec => [
  'ae',
  { ae_term: String(term), ae_grade: grade, ae_onset: onset, ae_outcome: '1', ae_serious: typeof grade === 'string' && grade >= '4' ? '1' : '0', ae_rel_ino: '3', ae_action_ino: '1', ...over },
];

export const cost = (item: string, category: string, quantity: number, unitCost: StoredEntry, over: FormData = {}): Rec => [
  'ru',
  { ru_date: '2020-01-10', ru_category: category, ru_item: item, ru_quantity: quantity, ru_unit: '1', ru_unit_cost: unitCost, ru_cost_source: '1', ru_price_year: 2020, ru_phase: '1', ...over },
];

/**
 * Patient M: C1D1 2020-01-10, BSA √(160 × 60 ÷ 3600) = 1.633 → 1.63; cycle 1 = 1.3 + 0.8 + 0.8 mg (days 1, 8, 15),
 * last dose 2020-01-24, response window to 2020-02-21 unless a therapy starts earlier.
 */
export function patientM(id: string, extra: readonly Rec[]): DatasetSubject {
  return makeSubject(id, [elig(), dm(), dx(), cycle(1, '2020-01-10', 1.3, 0.8, 0.8, { cyc_last: '1', ino_stop_reason: '1' }), ...extra]);
}

export function num(row: AnalysisRow, key: string): number | null {
  const value = row[key];
  if (value === undefined) throw new Error(`no column ${key}`);
  if (typeof value === 'string') throw new Error(`${key} is text`);
  return value;
}
