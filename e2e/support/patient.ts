// A realistic patient for ino-all-it, as stored entries per form instance: Ph− B-ALL, first relapse after
// GIMEMA-type front line, 2 inotuzumab cycles, CR MRD-negative after cycle 1, SOS/VOD grade 3 treated with
// defibrotide (F07 + F08), febrile neutropenia, direct allogeneic HSCT, alive at last contact, costs recorded.
// The same consistent subject as the definition test (test/study), so no check fails once all forms are in.

import type { FormData } from '../../src/shared/study/entries';

export const SOS = '10063675';
export const FEBRILE_NEUTROPENIA = '10016288';

/** Forms in the order they are entered; repeating forms list their instances. */
export function patient(subjectId: string): [form: string, instances: FormData[]][] {
  return [
    ['elig', [{ subject_id: subjectId, site_code: 'IT01', registration_date: '2024-03-01', incl_age18: '1', incl_cd22_ball: '1', incl_ino_cu: '1', incl_records: '1', excl_trial_only: '0', data_basis: '1', consent_date: '2024-02-20', consent_version: 'v2.1', privacy_notice: '1' }]],
    [
      'dm',
      [
        {
          sex: '1', birth_year: 1970, height_cm: 170, weight_kg: 70, bsa_chart_m2: 1.82, ecog: '1', baseline_date: '2020-03-01', comorb_any: '0',
          prior_allo_hsct: '0', wbc: 3.2, anc: 1.1, plt: 45, hb: 9.8, pb_blasts_pct: 12, bm_blasts_pct: 60, bm_blasts_date: '2020-02-25',
          bili_total: 0.8, bili_uln: 1.2, ast: 30, alt: 28, ast_uln: 40, alt_uln: 40, creatinine: 0.9, hbv_status: '3',
        },
      ],
    ],
    [
      'dx',
      [
        {
          dx_date: '2018-05', immunophenotype: '2', cd22_pct: 85, cd22_date: '2020-02', cd22_timepoint: '2', ph_status: '2', kmt2a_r: '0',
          ph_like: '8', karyo_result: '1', other_lesions: ['0'], tp53: '0', cns_dx: '1', emd_dx: '0', cr1_date: '2018-09', relapse1_date: '2019-11',
          status_pre_ino: '2', salvage_line: 1, relapse_pre_ino_date: '2020-02', cns_pre_ino: '0', emd_pre_ino: '0',
        },
      ],
    ],
    [
      'pt',
      [
        {
          pt_intent: '1', pt_regimen_cat: '1', pt_regimen_name: 'GIMEMA LAL1913', pt_start: '2018-05', pt_end: '2019-06', pt_best_resp: '1', pt_best_mrd: '1',
          pt_relapse_date: '2019-11', pt_tki: '0', pt_blina: '0', pt_cart: '0', pt_hsct: '0', pt_end_reason: '1',
        },
      ],
    ],
    [
      'ino',
      [
        {
          cyc_no: 1, cyc_start: '2020-03-02', cyc_planned: '1', d1_dose_mg: 1.45, d8_date: '2020-03-09', d8_dose_mg: 0.9, d15_date: '2020-03-16',
          d15_dose_mg: 0.9, cyc_modif: ['0'], cyc_setting: '2', cyc_cytored: '0', cyc_udca: '1', cyc_other_antileuk: '0', cyc_last: '0', ino_vials: 4,
        },
        {
          cyc_no: 2, cyc_start: '2020-03-30', cyc_planned: '2', d1_dose_mg: 0.9, d8_date: '2020-04-06', d8_dose_mg: 0.9, d15_date: '2020-04-13',
          d15_dose_mg: 0.9, cyc_modif: ['0'], cyc_setting: '2', cyc_udca: '1', cyc_other_antileuk: '0', cyc_last: '1', ino_stop_reason: '2', ino_vials: 3,
        },
      ],
    ],
    [
      'resp',
      [
        {
          resp_date: '2020-03-25', resp_timepoint: '1', resp_after_cycle: 1, bm_done: '1', bm_blasts: 2, pb_blasts_present: '0',
          resp_anc: 1.5, resp_plt: 120, resp_emd: '8', resp_cns: '0', resp_cat: '1', mrd_done: '1', mrd_method: '1', mrd_sample: '1',
          mrd_result: '1', mrd_sensitivity: 1e-4,
        },
      ],
    ],
    [
      'ae',
      [
        { ae_term: SOS, ae_grade: '3', ae_onset: '2020-04-20', ae_outcome: '1', ae_end: '2020-05-05', ae_serious: '1', ae_sae_crit: ['3'], ae_rel_ino: '4', ae_action_ino: '5', ae_treated: '1' },
        { ae_term: FEBRILE_NEUTROPENIA, ae_grade: '3', ae_onset: '2020-03-12', ae_outcome: '1', ae_end: '2020-03-18', ae_serious: '1', ae_sae_crit: ['3'], ae_rel_ino: '3', ae_action_ino: '1', ae_treated: '1' },
      ],
    ],
    [
      'vod',
      [
        {
          vod_ae_seq: 1, vod_dx_date: '2020-04-21', vod_first_sympt: '2020-04-18', vod_setting: '1', vod_criteria: '5',
          vod_signs: ['1', '2', '3'], vod_bili_max: 3.5, vod_bili_doubling: '0', vod_transam_max_xuln: 3, vod_weight_base: 70, vod_weight_max: 75,
          vod_ascites: '0', vod_hepatomegaly: '1', vod_creat_ratio: 1.1, vod_mod: '0', vod_ebmt_grade: '3', vod_defib: '1',
          vod_defib_start: '2020-04-21', vod_defib_days: 21, vod_defib_dose: 25, vod_other_tx: ['1'], vod_outcome: '1', vod_resol_date: '2020-05-05',
        },
      ],
    ],
    [
      'st',
      [
        {
          st_type: '1', st_start: '2020-05-20', hsct_direct: '1', hsct_status: '1', hsct_mrd: '1', hsct_donor: '2', hsct_source: '2',
          hsct_number: 1, hsct_intensity: '1', hsct_cond: ['1', '6'], hsct_tbi_gy: 12, hsct_gvhd_proph: ['1', '3'], hsct_vod_proph: ['1'],
          hsct_engraft_date: '2020-06-08', hsct_graft_fail: '0', agvhd_grade: '0', cgvhd: '0',
        },
      ],
    ],
    ['fu_contact', [{ fu_date: '2026-03-10', fu_source: '1', fu_vital: '1', fu_disease: '1' }]],
    ['fu', [{ vital_status: '1', relapse_post_ino: '0' }]],
    [
      'ru',
      [
        { ru_date: '2020-03-02', ru_category: '1', ru_item: 'INO_VIAL_CU', ru_quantity: 7, ru_unit: '1', ru_unit_cost: 0, ru_cost_source: '6', ru_price_year: 2020, ru_phase: '1' },
        { ru_date: '2020-04-20', ru_date_end: '2020-05-06', ru_category: '6', ru_item: 'BED_HAEM', ru_quantity: 16, ru_unit: '4', ru_unit_cost: 650, ru_cost_source: '2', ru_price_year: 2020, ru_phase: '2', ru_ae_seq: 1 },
      ],
    ],
    ['eos', [{ eos_date: '2026-06-30', eos_reason: '1', pi_signoff: '1' }]],
  ];
}
