// Hand-computed SOS/VOD and AE columns (crf-spec §4); patient M: C1D1 2020-01-10, data_cutoff 2022-06-30 (902 days).

import { CTCAE_SOCS, deriveSubject, socColumn } from '../../src/studies/ino-all-it/analysis';
import { ae, alive, contact, context, dead, dm, makeSubject, NK, patientM, therapy } from './fixtures';
import type { Rec } from './fixtures';
import { patientA } from './patient-a';

const ctx = context();
const vod = (row: ReturnType<typeof deriveSubject>): unknown[] => [row.vod_flag, row.vod_days, row.vod_ci_status];
const sosAe = (onset: string, grade = '3', over = {}): Rec => ae(10063675, grade, onset, { ae_serious: '1', ae_sae_crit: ['3'], ...over });
const sosDetails = (date: string, setting: string, grade: string): Rec => [
  'vod',
  { vod_ae_seq: 1, vod_dx_date: date, vod_setting: setting, vod_criteria: '5', vod_signs: ['1', '2'], vod_bili_max: 3.2, vod_bili_doubling: '0', vod_transam_max_xuln: 2.5, vod_weight_base: 60, vod_weight_max: 63, vod_ascites: '0', vod_hepatomegaly: '1', vod_creat_ratio: 1.1, vod_mod: '0', vod_ebmt_grade: grade, vod_defib: '0', vod_other_tx: ['1'], vod_outcome: '1' },
];

describe('SOS/VOD', () => {
  it('times SOS/VOD after HSCT from C1D1 and from the HSCT (patient A)', () => {
    const row = deriveSubject(patientA(), ctx);
    // vod_dx_date 2019-06-02: 90 days after C1D1 2019-03-04, 20 days after HSCT 2019-05-13.
    expect(vod(row)).toEqual([1, 90, 1]);
    expect([row.vod_hsct_days, row.vod_hsct_status]).toEqual([20, 1]);
    expect(row.vod_ebmt_grade_max).toBe(3);
    expect(row.vod_ctcae_grade_max).toBe(3);
  });

  it('codes death without SOS/VOD as the competing event and a living patient as censored', () => {
    expect(vod(deriveSubject(patientM('IT03-0060', [dead('2020-07-01')]), ctx))).toEqual([0, 173, 2]);
    const row = deriveSubject(patientM('IT03-0061', [contact('2021-03-15'), alive()]), ctx);
    expect(vod(row)).toEqual([0, 430, 0]);
    expect(row.vod_ebmt_grade_max).toBeNull();
    expect(row.vod_ctcae_grade_max).toBeNull();
    expect(row.vod_hsct_days).toBeNull();
  });

  it('ignores an SOS/VOD after the cut-off for the time to event but keeps the flag', () => {
    const row = deriveSubject(patientM('IT03-0062', [sosAe('2022-08-01'), sosDetails('2022-08-01', '1', '2'), contact('2022-09-01'), alive()]), ctx);
    expect(vod(row)).toEqual([1, 902, 0]);
  });

  it('falls back to the SOS AE onset when there is no F08 record', () => {
    // Onset 2020-02 → 2020-02-15: 36 days.
    const row = deriveSubject(patientM('IT03-0063', [sosAe('2020-02', '4'), contact('2020-06-01'), alive()]), ctx);
    expect(vod(row)).toEqual([1, 36, 1]);
    expect(row.vod_ebmt_grade_max).toBeNull();
    expect(row.vod_ctcae_grade_max).toBe(4);
  });

  it('counts SOS/VOD diagnosed on the day of death as SOS/VOD', () => {
    const row = deriveSubject(patientM('IT03-0064', [sosAe('2020-03-01', '5', { ae_outcome: '4', ae_end: '2020-03-01' }), sosDetails('2020-03-01', '1', '4'), dead('2020-03-01', { death_cause: '2' })]), ctx);
    // 2020-01-10 → 2020-03-01 = 51 days.
    expect(vod(row)).toEqual([1, 51, 1]);
    expect(row.vod_ebmt_grade_max).toBe(4);
  });

  it('from HSCT counts only SOS/VOD with setting 2', () => {
    const s = patientM('IT03-0065', [sosAe('2020-02-01'), sosDetails('2020-02-01', '1', '9'), therapy('1', '2020-02-14', { hsct_direct: '0' }), dead('2020-05-01')]);
    const row = deriveSubject(s, ctx);
    // From C1D1: SOS/VOD at 22 days. From HSCT 2020-02-14: no post-HSCT SOS, death after 15 + 31 + 30 + 1 = 77 days.
    expect(vod(row)).toEqual([1, 22, 1]);
    expect([row.vod_hsct_days, row.vod_hsct_status]).toEqual([77, 2]);
    expect(row.vod_ebmt_grade_max).toBe(9);
    expect(row.hsct_direct).toBe(0);
  });
});

describe('adverse events', () => {
  it('takes the maximum grade overall and by SOC, ignoring AEs wholly before C1D1 (patient A)', () => {
    const row = deriveSubject(patientA(), ctx);
    // Febrile neutropenia 3 (blood), ALT increased 2 (investigations), SOS 3 (hepatobiliary); sepsis 4 in 2019-02 is baseline.
    expect(row.ae_n).toBe(3);
    expect(row.ae_n_grade3plus).toBe(2);
    expect(row.ae_max_grade).toBe(3);
    expect(row.ae_max_grade_soc_blood).toBe(3);
    expect(row.ae_max_grade_soc_hepat).toBe(3);
    expect(row.ae_max_grade_soc_inv).toBe(2);
    expect(row.ae_max_grade_soc_infec).toBe(0);
    expect(row.ae_max_grade_soc_card).toBe(0);
  });

  it('keeps an AE of the C1D1 month, and leaves a SOC blank when its grades are unknown', () => {
    const row = deriveSubject(patientM('IT03-0070', [ae(10028813, '2', '2020-01'), ae(10028813, NK, '2020-02-03'), ae(10001551, NK, '2020-02-03'), alive()]), ctx);
    expect(row.ae_max_grade_soc_gastr).toBe(2);
    expect(row.ae_max_grade_soc_inv).toBeNull();
    expect(row.ae_max_grade).toBe(2);
    expect(row.ae_n).toBe(3);
  });

  it('reports 0 for a treated patient without AEs and blank for an untreated one', () => {
    const treated = deriveSubject(patientM('IT03-0071', [alive()]), ctx);
    expect(treated.ae_max_grade).toBe(0);
    expect(CTCAE_SOCS.every((soc) => treated[socColumn(soc)] === 0)).toBe(true);
    const untreated = deriveSubject(makeSubject('IT03-0072', [dm()]), ctx);
    expect(untreated.ae_max_grade).toBeNull();
    expect(untreated.treated).toBe(0);
    expect(CTCAE_SOCS.every((soc) => untreated[socColumn(soc)] === null)).toBe(true);
  });
});
