// Eight ino-all-it patients with known outcomes (days from C1D1) for the report tests, as plans of form saves.

import type { FormData } from '../../src/shared/study/entries';

export const TERMS = { fn: 10016288, sepsis: 10040047, alt: 10001551, bili: 10005364, sos: 10063675 } as const;

export interface PatientSpec {
  readonly site: 'IT01' | 'IT02';
  readonly c1d1: string;
  readonly registration: string;
  readonly ph: '1' | '2' | '9';
  readonly sex: '1' | '2';
  readonly birthYear: number;
  readonly ecog: string;
  readonly priorAllo: '0' | '1';
  readonly cns: '0' | '1';
  readonly bmBlasts: number;
  readonly cd22: number;
  readonly salvage: number;
  readonly response: { readonly cat: '1' | '2' | '4'; readonly mrdNeg?: boolean };
  readonly hsctDay?: number;
  readonly relapseDay?: number;
  /** Death day, or the last contact day (alive). */
  readonly deathDay?: number;
  readonly lastContactDay?: number;
  readonly aes: readonly { readonly term: number; readonly grade: string; readonly day: number; readonly fatal?: boolean }[];
  readonly sos?: { readonly day: number; readonly ebmt: string; readonly afterHsct?: boolean };
  readonly costs: readonly { readonly item: string; readonly category: string; readonly unit: string; readonly qty: number; readonly unitCost: number; readonly day: number }[];
}

const DH = (qty: number, day: number) => ({ item: 'DH_ACCESS', category: '8', unit: '5', qty, unitCost: 300, day });
const BED = (qty: number, day: number) => ({ item: 'BED_HAEM', category: '6', unit: '4', qty, unitCost: 500, day });
const DEFIB = (qty: number, day: number) => ({ item: 'DEFIB_VIAL', category: '4', unit: '1', qty, unitCost: 460, day });
const HSCT = (day: number) => ({ item: 'DRG_HSCT_ALLO', category: '13', unit: '10', qty: 1, unitCost: 70000, day });

const base = { sex: '1', birthYear: 1970, ecog: '1', priorAllo: '0', cns: '0', bmBlasts: 60, cd22: 80, salvage: 1 } as const;

/**
 * OS (days, event): 400+, 120, 300, 250+, 150, 45, 500+, 90+ → KM 7/8 at 45, ·5/6 at 120, ·4/5 at 150, ·2/3 at 300.
 * SOS/VOD (from C1D1): S3 at 30, S5 at 60; deaths without SOS (competing): S6 at 45, S2 at 120.
 */
export const PATIENTS: readonly PatientSpec[] = [
  { ...base, site: 'IT01', c1d1: '2025-01-10', registration: '2025-03-05', ph: '1', birthYear: 1962, response: { cat: '1', mrdNeg: true }, hsctDay: 60, lastContactDay: 400, aes: [{ term: TERMS.fn, grade: '3', day: 10 }, { term: TERMS.alt, grade: '2', day: 12 }], costs: [DH(4, 1), HSCT(60)] },
  { ...base, site: 'IT01', c1d1: '2025-02-03', registration: '2025-03-20', ph: '2', sex: '2', ecog: '2', bmBlasts: 40, salvage: 2, response: { cat: '4' }, deathDay: 120, aes: [{ term: TERMS.sepsis, grade: '4', day: 20 }, { term: TERMS.fn, grade: '3', day: 8 }, { term: TERMS.fn, grade: '4', day: 30 }], costs: [BED(10, 20)] },
  { ...base, site: 'IT01', c1d1: '2025-03-15', registration: '2025-05-02', ph: '2', birthYear: 1985, priorAllo: '1', response: { cat: '2', mrdNeg: false }, relapseDay: 200, deathDay: 300, sos: { day: 30, ebmt: '3' }, aes: [{ term: TERMS.sos, grade: '3', day: 30 }, { term: TERMS.bili, grade: '2', day: 28 }], costs: [DEFIB(20, 31), BED(15, 30)] },
  { ...base, site: 'IT01', c1d1: '2025-04-01', registration: '2025-05-20', ph: '1', sex: '2', birthYear: 1958, ecog: '0', cns: '1', response: { cat: '1' }, lastContactDay: 250, aes: [{ term: TERMS.sepsis, grade: '3', day: -20 }], costs: [DH(6, 1)] },
  { ...base, site: 'IT02', c1d1: '2025-01-20', registration: '2025-04-10', ph: '2', birthYear: 1990, salvage: 3, bmBlasts: 75, response: { cat: '1', mrdNeg: true }, hsctDay: 40, deathDay: 150, sos: { day: 60, ebmt: '4', afterHsct: true }, aes: [{ term: TERMS.sos, grade: '4', day: 60 }, { term: TERMS.alt, grade: '1', day: 9 }], costs: [HSCT(40), DEFIB(30, 61)] },
  { ...base, site: 'IT02', c1d1: '2025-02-14', registration: '2025-04-11', ph: '2', sex: '2', birthYear: 1950, ecog: '3', salvage: 0, response: { cat: '4' }, deathDay: 45, aes: [{ term: TERMS.sepsis, grade: '5', day: 40, fatal: true }], costs: [BED(20, 20)] },
  { ...base, site: 'IT02', c1d1: '2025-03-01', registration: '2025-06-03', ph: '1', birthYear: 1975, cd22: 55, response: { cat: '1' }, lastContactDay: 500, aes: [], costs: [DH(3, 1)] },
  { ...base, site: 'IT02', c1d1: '2025-05-05', registration: '2025-06-20', ph: '9', birthYear: 1968, response: { cat: '2' }, lastContactDay: 90, aes: [{ term: TERMS.fn, grade: '3', day: 9 }], costs: [] },
];

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface PlannedForm {
  readonly form: string;
  readonly data: FormData;
}

function baseline(p: PatientSpec): PlannedForm[] {
  const d = (n: number): string => addDays(p.c1d1, n);
  const dead = p.deathDay !== undefined;
  const elig: FormData = { registration_date: p.registration, incl_age18: '1', incl_cd22_ball: '1', incl_ino_cu: '1', incl_records: '1', excl_trial_only: '0', ...(dead && p.deathDay! < 100 ? { data_basis: '2' } : { data_basis: '1', consent_date: p.registration, consent_version: 'v1.0 2025', privacy_notice: '1' }) };
  const dm: FormData = { sex: p.sex, birth_year: p.birthYear, height_cm: 172, weight_kg: 70, ecog: p.ecog, baseline_date: d(-3), comorb_any: '0', prior_allo_hsct: p.priorAllo, wbc: 4.1, anc: 1.2, plt: 80, hb: 10.2, pb_blasts_pct: 5, bm_blasts_pct: p.bmBlasts, bm_blasts_date: d(-5), bili_total: 0.7, bili_uln: 1.2, ast: 30, alt: 32, ast_uln: 40, alt_uln: 41, creatinine: 0.9, hbv_status: '3' };
  const dx: FormData = { dx_date: '2023-05', immunophenotype: '2', cd22_pct: p.cd22, cd22_date: '2024-12', cd22_timepoint: '2', ph_status: p.ph, ...(p.ph === '1' ? { bcr_abl1_transcript: '1', abl1_kd_mut: '0' } : {}), kmt2a_r: '0', ph_like: '8', karyo_result: '1', other_lesions: ['88'], tp53: '8', cns_dx: '1', emd_dx: '0', status_pre_ino: '2', salvage_line: p.salvage, relapse_pre_ino_date: '2024-12', cns_pre_ino: p.cns, emd_pre_ino: '0' };
  const ino: FormData = { cyc_no: 1, cyc_start: p.c1d1, cyc_planned: '1', d1_dose_mg: 1.4, d8_date: d(7), d8_dose_mg: 0.9, d15_date: d(14), d15_dose_mg: 0.9, cyc_modif: ['0'], cyc_setting: '2', cyc_cytored: '0', cyc_udca: '1', ...(p.ph === '1' ? { cyc_tki: '0' } : {}), cyc_other_antileuk: '0', cyc_last: '1', ino_stop_reason: p.hsctDay !== undefined ? '2' : '1' };
  return [{ form: 'elig', data: elig }, { form: 'dm', data: dm }, { form: 'dx', data: dx }, { form: 'ino', data: ino }];
}

function response(p: PatientSpec): FormData {
  const cr = p.response.cat !== '4';
  const mrd: FormData = p.response.mrdNeg === undefined ? { mrd_done: '0' } : { mrd_done: '1', mrd_method: '1', mrd_sample: '1', mrd_sensitivity: 0.0001, ...(p.response.mrdNeg ? { mrd_result: '1' } : { mrd_result: '3', mrd_value: 0.002 }) };
  const counts: FormData = p.response.cat === '1' ? { resp_anc: 1.5, resp_plt: 120 } : p.response.cat === '2' ? { resp_anc: 0.6, resp_plt: 60 } : {};
  return { resp_date: addDays(p.c1d1, 21), resp_timepoint: '1', resp_after_cycle: 1, bm_done: '1', bm_blasts: cr ? 2 : 40, pb_blasts_present: cr ? '0' : '1', ...counts, resp_emd: '0', resp_cns: '0', resp_cat: p.response.cat, ...mrd };
}

function events(p: PatientSpec): PlannedForm[] {
  const d = (n: number): string => addDays(p.c1d1, n);
  const out: PlannedForm[] = [];
  for (const ae of p.aes) {
    const fatal = ae.fatal === true;
    out.push({ form: 'ae', data: { ae_term: String(ae.term), ae_grade: ae.grade, ae_onset: d(ae.day), ae_outcome: fatal ? '4' : '1', ae_end: fatal ? d(p.deathDay!) : d(ae.day + 7), ae_serious: Number(ae.grade) >= 4 ? '1' : '0', ...(Number(ae.grade) >= 4 ? { ae_sae_crit: [fatal ? '1' : '2'] } : {}), ae_rel_ino: '3', ae_action_ino: ae.day < 14 ? '1' : '5' } });
  }
  if (p.hsctDay !== undefined) {
    const start = p.hsctDay;
    out.push({ form: 'st', data: { st_type: '1', st_start: d(start), hsct_direct: '1', hsct_status: '1', hsct_mrd: '1', hsct_donor: '2', hsct_source: '2', hsct_number: 1, hsct_intensity: '1', hsct_cond: ['2', '7'], hsct_gvhd_proph: ['1', '3'], hsct_vod_proph: ['1'], hsct_graft_fail: '0', hsct_engraft_date: d(start + 18), agvhd_grade: '0', cgvhd: '0' } });
  }
  if (p.sos) {
    const aeSeq = p.aes.findIndex((a) => a.term === TERMS.sos) + 1;
    out.push({ form: 'vod', data: { vod_ae_seq: aeSeq, vod_dx_date: d(p.sos.day), vod_setting: p.sos.afterHsct ? '2' : '1', ...(p.sos.afterHsct ? { vod_hsct_st_seq: 1 } : {}), vod_criteria: p.sos.afterHsct ? '1' : '5', vod_signs: ['1', '2', '3'], vod_bili_max: 3.2, vod_bili_doubling: '0', vod_transam_max_xuln: 2.5, vod_weight_base: 70, vod_weight_max: 75, vod_ascites: '0', vod_hepatomegaly: '1', vod_creat_ratio: 1.1, vod_mod: '0', vod_ebmt_grade: p.sos.ebmt, vod_defib: '1', vod_defib_start: d(p.sos.day + 1), vod_defib_days: 21, vod_other_tx: ['1'], vod_outcome: '1', vod_resol_date: d(p.sos.day + 25) } });
  }
  return out;
}

function followUp(p: PatientSpec): PlannedForm[] {
  const d = (n: number): string => addDays(p.c1d1, n);
  const out: PlannedForm[] = [];
  const alive = p.deathDay === undefined;
  if (alive) out.push({ form: 'fu_contact', data: { fu_date: d(p.lastContactDay!), fu_source: '1', fu_vital: '1', fu_disease: '1' } });
  else out.push({ form: 'fu_contact', data: { fu_date: d(Math.min(35, p.deathDay! - 5)), fu_source: '1', fu_vital: '1', fu_disease: p.response.cat === '4' ? '3' : '1' } });
  const relapse: FormData = p.relapseDay !== undefined ? { relapse_post_ino: '1', relapse_date: d(p.relapseDay), relapse_site: ['1'], relapse_cd22: '1' } : { relapse_post_ino: '0' };
  const cause = p.relapseDay !== undefined ? '1' : p.sos?.afterHsct ? '2' : '3';
  out.push({ form: 'fu', data: alive ? { vital_status: '1', ...relapse } : { vital_status: '2', ...relapse, death_date: d(p.deathDay!), death_cause: cause } });
  for (const c of p.costs) {
    out.push({ form: 'ru', data: { ru_date: d(c.day), ...(c.unit === '4' ? { ru_date_end: d(c.day + c.qty) } : {}), ru_category: c.category, ru_item: c.item, ru_quantity: c.qty, ru_unit: c.unit, ru_unit_cost: c.unitCost, ru_unit_cost_override_reason: 'Hospital cost accounting 2025', ru_cost_source: '2', ru_price_year: 2025, ru_phase: c.item === 'DEFIB_VIAL' ? '2' : c.item === 'DRG_HSCT_ALLO' ? '4' : '1' } });
  }
  return out;
}

export function plannedForms(p: PatientSpec): PlannedForm[] {
  return [...baseline(p), { form: 'resp', data: response(p) }, ...events(p), ...followUp(p)];
}
