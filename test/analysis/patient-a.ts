// Patient A: CRi then MRD-negative CR after two cycles, direct HSCT, SOS/VOD after HSCT, relapse and death; every form filled.

import type { DatasetSubject } from '../../src/core/dataset/dataset';
import { ae, assessment, contact, cost, cycle, dm, dx, elig, makeSubject, NK, therapy } from './fixtures';

/** `deviceAge`: an age the device computed from the exact birth date of its identification log. */
export function patientA(over: { deviceAge?: number } = {}): DatasetSubject {
  const subject = patientARecords(over);
  if (over.deviceAge === undefined) return subject;
  return { ...subject, instances: subject.instances.map((i) => (i.form === 'dm' ? { ...i, siteOnlyCalcs: ['age_first_dose'] } : i)) };
}

function patientARecords(over: { deviceAge?: number }): DatasetSubject {
  return makeSubject('IT03-0001', [
    elig(),
    dm({ sex: '1', birth_year: 1968, height_cm: 175, weight_kg: 70, baseline_date: '2019-03-01' }, over.deviceAge === undefined ? undefined : { age_first_dose: over.deviceAge }),
    dx({ dx_date: '2017-03', ph_status: '2', salvage_line: 2, cr1_date: '2017-06-20', relapse1_date: '2018-02-10' }),
    // Cycle 1: 1.8 mg/m² planned, baseline weight → BSA 1.84; 1.5 + 0.9 + 0.9 = 3.3 mg; 5 vials entered (calculated 2 + 1 + 1 = 4).
    cycle(1, '2019-03-04', 1.5, 0.9, 0.9, { ino_vials: 5 }),
    // Cycle 2: 1.5 mg/m² planned, weight 64 kg → BSA √(175 × 64 ÷ 3600) = 1.764 → 1.76; 0.9 + 0.9 + 0.5 = 2.3 mg; vials 1 + 1 + 1 = 3.
    cycle(2, '2019-04-01', 0.9, 0.9, 0.5, { cyc_weight_kg: 64, cyc_modif: ['3'], cyc_modif_reason: '7', cyc_last: '1', ino_stop_reason: '2' }),
    assessment('2019-03-25', '2', { resp_anc: 0.6, resp_plt: 70, mrd_done: '1', mrd_method: '1', mrd_sample: '1', mrd_result: '3', mrd_value: 0.002, mrd_sensitivity: 0.0001 }),
    assessment('2019-04-26', '1', { resp_after_cycle: 2, resp_anc: 1.8, resp_plt: 140, mrd_done: '1', mrd_method: '1', mrd_sample: '1', mrd_result: '1', mrd_sensitivity: 0.0001 }),
    assessment('2019-05-20', '1', { resp_timepoint: '5', resp_anc: 0.2, resp_plt: 12 }),
    assessment('2019-11-04', '6', { resp_timepoint: '4' }),
    ae(10016288, '3', '2019-03-12', { ae_end: '2019-03-19' }),
    ae(10001551, '2', '2019-03-15', { ae_end: '2019-04' }),
    ae(10040047, '4', '2019-02', { ae_end: '2019-02', ae_serious: '1', ae_sae_crit: ['3'] }),
    ae(10063675, '3', '2019-06-02', { ae_end: '2019-07-10', ae_serious: '1', ae_sae_crit: ['3'], ae_action_ino: '5', ae_rel_other: ['2'] }),
    ['vod', { vod_ae_seq: 4, vod_dx_date: '2019-06-02', vod_setting: '2', vod_hsct_st_seq: 1, vod_criteria: '1', vod_signs: ['1', '2', '3'], vod_bili_max: 5.6, vod_bili_doubling: '0', vod_transam_max_xuln: 3.1, vod_weight_base: 66, vod_weight_max: 71, vod_ascites: '0', vod_hepatomegaly: '1', vod_creat_ratio: 1.3, vod_mod: '0', vod_ebmt_grade: '3', vod_defib: '1', vod_defib_start: '2019-06-03', vod_defib_days: 21, vod_other_tx: ['1'], vod_outcome: '1', vod_resol_date: '2019-07-10' }],
    therapy('1', '2019-05-13', { hsct_direct: '1', hsct_status: '1', hsct_mrd: '1', hsct_donor: '2', hsct_source: '2', hsct_number: 1, hsct_intensity: '1', hsct_cond: ['1', '6'], hsct_tbi_gy: 12, hsct_gvhd_proph: ['1', '3', '6'], hsct_vod_proph: ['1'], hsct_engraft_date: '2019-06-01', hsct_graft_fail: '0', agvhd_grade: '2', agvhd_date: '2019-06-20', cgvhd: '0' }),
    contact('2019-12-10', '1', '2'),
    ['fu', { vital_status: '2', relapse_post_ino: '1', relapse_date: '2019-11-04', relapse_site: ['1'], relapse_cd22: '1', death_date: '2020-01-20', death_cause: '1' }],
    cost('INO_VIAL_CU', '1', 8, 0, { ru_date: '2019-03-04', ru_cost_source: '6', ru_price_year: 2019 }),
    cost('DH_ACCESS', '8', 6, NK, { ru_date: '2019-03-04', ru_unit: '5' }),
    cost('DH_ACCESS', '8', 2, 350.5, { ru_date: '2019-12-10', ru_unit: '5', ru_cost_source: '2', ru_unit_cost_override_reason: 'Hospital cost accounting 2020', ru_phase: '5' }),
    cost('DEFIB_VIAL', '4', 84, 460.8, { ru_date: '2019-06-03', ru_cost_source: '3', ru_phase: '2', ru_ae_seq: 4 }),
    cost('BC_RBC', '5', 4, NK, { ru_date: '2019-03-20', ru_unit: '7', ru_phase: '3' }),
    cost('DRG_HSCT_ALLO', '13', 1, 70000, { ru_date: '2019-05-06', ru_unit: '10', ru_cost_source: '4', ru_phase: '4' }),
  ]);
}
