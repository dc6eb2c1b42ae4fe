// Hand-computed OS, EFS, DOR and NRM (crf-spec §4); patient M: C1D1 2020-01-10, last dose 01-24, cut-off 2022-06-30 (day 902).

import { deriveSubject } from '../../src/studies/ino-all-it/analysis';
import { ae, alive, assessment, context, contact, cycle, dead, dm, elig, makeSubject, NK, patientM, therapy } from './fixtures';
import { patientA } from './patient-a';

const ctx = context();
const cr = assessment('2020-02-07', '1', { resp_anc: 1.5, resp_plt: 120 });
const os = (row: ReturnType<typeof deriveSubject>): unknown[] => [row.os_days, row.os_event];
const efs = (row: ReturnType<typeof deriveSubject>): unknown[] => [row.efs_days, row.efs_event];
const dor = (row: ReturnType<typeof deriveSubject>): unknown[] => [row.dor_days, row.dor_event];

describe('overall survival', () => {
  it('counts a death as an event', () => {
    // 2020-01-10 → 2020-07-01 = 21 + 29 + 31 + 30 + 31 + 30 + 1 = 173 days.
    expect(os(deriveSubject(patientM('IT03-0020', [dead('2020-07-01')]), ctx))).toEqual([173, 1]);
  });

  it('censors a living patient at the last contact', () => {
    // 2020-01-10 → 2021-03-15 = 430 days.
    const row = deriveSubject(patientM('IT03-0021', [contact('2020-06-01'), contact('2021-03-15'), alive()]), ctx);
    expect(row.last_contact_date).toBe('2021-03-15');
    expect(os(row)).toEqual([430, 0]);
  });

  it('censors a death after the data cut-off at the cut-off', () => {
    const s = patientM('IT03-0022', [cr, contact('2022-08-01'), dead('2022-09-01')]);
    // Cut-off 2022-06-30: 902 days, censored; without a cut-off the death counts at 965 days.
    expect(os(deriveSubject(s, ctx))).toEqual([902, 0]);
    expect(os(deriveSubject(s, context({ data_cutoff: null })))).toEqual([965, 1]);
    expect(efs(deriveSubject(s, ctx))).toEqual([902, 0]);
  });

  it('counts a death on the cut-off day', () => {
    expect(os(deriveSubject(patientM('IT03-0023', [dead('2022-06-30')]), ctx))).toEqual([902, 1]);
  });

  it('gives a death on C1D1 0 days, an event for OS and EFS', () => {
    const s = makeSubject('IT03-0024', [elig(), dm(), cycle(1, '2020-01-10', 1.3, 0, 0, { cyc_last: '1', ino_stop_reason: '7' }), dead('2020-01-10', { death_cause: '7' })]);
    const row = deriveSubject(s, ctx);
    expect(os(row)).toEqual([0, 1]);
    // Death on day 0 precedes the induction-failure event of day 1.
    expect(efs(row)).toEqual([0, 1]);
    expect(row.best_resp_ino).toBe(7);
  });

  it('censors a patient with no follow-up after C1D1 at 0 days (EFS: induction failure at day 1)', () => {
    const s = makeSubject('IT03-0025', [elig(), dm(), cycle(1, '2020-01-10', 1.3, 0, 0)]);
    const row = deriveSubject(s, ctx);
    expect(row.last_contact_date).toBe('2020-01-10');
    expect(os(row)).toEqual([0, 0]);
    expect(efs(row)).toEqual([1, 1]);
    expect(row.cost_per_month_fu).toBeNull();
  });

  it('imputes a partial death date, never before the last day known alive', () => {
    // 2020-07 → 15th, but alive on 2020-07-20 → 2020-07-20: 192 days.
    const a = patientM('IT03-0026', [contact('2020-07-20'), dead('2020-07')]);
    expect(os(deriveSubject(a, ctx))).toEqual([192, 1]);
    // 2020-08 → 2020-08-15 (last alive 2020-07-20 is before the month): 218 days.
    const b = patientM('IT03-0027', [contact('2020-07-20'), dead('2020-08')]);
    expect(os(deriveSubject(b, ctx))).toEqual([218, 1]);
  });

  it('imputes partial dates that set the last contact', () => {
    // AE resolved in 2021-05 → 2021-05-15: 491 days.
    const a = patientM('IT03-0028', [contact('2021-03-01'), ae(10061229, '3', '2021-04', { ae_end: '2021-05', ae_action_ino: '5' }), alive()]);
    expect(deriveSubject(a, ctx).last_contact_date).toBe('2021-05-15');
    expect(os(deriveSubject(a, ctx))).toEqual([491, 0]);
    // A TKI ended in 2021 (year only) → 2021-07-01: 538 days.
    const b = patientM('IT03-0029', [contact('2021-03-01'), therapy('6', '2021-02-01', { st_end: '2021', st_regimen: 'Ponatinib', st_best_resp: '9' }), alive()]);
    expect(os(deriveSubject(b, ctx))).toEqual([538, 0]);
  });

  it('leaves OS blank for a death without a date, or when C1D1 is after the cut-off', () => {
    expect(os(deriveSubject(patientM('IT03-0030', [contact('2020-05-01'), dead(NK)]), ctx))).toEqual([null, null]);
    expect(os(deriveSubject(patientM('IT03-0031', [dead('2020-07-01')]), context({ data_cutoff: '2019-12-31' })))).toEqual([null, null]);
  });
});

describe('event-free survival, duration of response, non-relapse mortality', () => {
  it('sets induction failure at day 1 for a patient without CR/CRi', () => {
    const row = deriveSubject(patientM('IT03-0040', [assessment('2020-02-15', '4'), contact('2021-01-10'), alive()]), ctx);
    expect(efs(row)).toEqual([1, 1]);
    expect(os(row)).toEqual([366, 0]);
    expect(dor(row)).toEqual([null, null]);
  });

  it('counts relapse after CR (EFS, DOR; NRM competing event)', () => {
    const row = deriveSubject(patientM('IT03-0041', [cr, contact('2020-12-01'), alive({ relapse_post_ino: '1', relapse_date: '2020-09-01', relapse_site: ['1'], relapse_cd22: '1' })]), ctx);
    // EFS 2020-01-10 → 2020-09-01 = 235; DOR 2020-02-07 → 2020-09-01 = 207.
    expect(efs(row)).toEqual([235, 1]);
    expect(dor(row)).toEqual([207, 1]);
    expect([row.nrm_days, row.nrm_status]).toEqual([235, 2]);
  });

  it('counts death without relapse (EFS, DOR; NRM event)', () => {
    const row = deriveSubject(patientM('IT03-0042', [cr, dead('2020-12-01')]), ctx);
    // EFS 326 days; DOR 2020-02-07 → 2020-12-01 = 298.
    expect(efs(row)).toEqual([326, 1]);
    expect(dor(row)).toEqual([298, 1]);
    expect([row.nrm_days, row.nrm_status]).toEqual([326, 1]);
  });

  it('censors a responder alive and event-free at the last contact', () => {
    const row = deriveSubject(patientM('IT03-0043', [cr, assessment('2021-02-01', '1', { resp_timepoint: '5', resp_anc: 2, resp_plt: 180 }), contact('2021-06-01', '1', '1'), alive()]), ctx);
    // EFS 2020-01-10 → 2021-06-01 = 508; DOR from 2020-02-07: 480; both censored.
    expect(efs(row)).toEqual([508, 0]);
    expect(dor(row)).toEqual([480, 0]);
    expect([row.nrm_days, row.nrm_status]).toEqual([508, 0]);
  });

  it('ignores a relapse after the cut-off and truncates follow-up there', () => {
    const row = deriveSubject(patientM('IT03-0044', [cr, contact('2022-09-01'), alive({ relapse_post_ino: '1', relapse_date: '2022-08-01' })]), ctx);
    expect(efs(row)).toEqual([902, 0]);
    // DOR 2020-02-07 → 2022-06-30 = 874, censored.
    expect(dor(row)).toEqual([874, 0]);
  });

  it('dates a relapse from the F06 REL assessment when relapse_date is unknown', () => {
    const row = deriveSubject(patientM('IT03-0045', [cr, assessment('2020-10-05', '6', { resp_timepoint: '4' }), alive({ relapse_post_ino: '1', relapse_date: NK })]), ctx);
    // 2020-01-10 → 2020-10-05 = 269.
    expect(efs(row)).toEqual([269, 1]);
  });

  it('leaves EFS, DOR and NRM blank for a relapse without any date', () => {
    const row = deriveSubject(patientM('IT03-0046', [cr, contact('2021-01-10'), alive({ relapse_post_ino: '1', relapse_date: NK })]), ctx);
    expect(efs(row)).toEqual([null, null]);
    expect(dor(row)).toEqual([null, null]);
    expect(row.nrm_status).toBeNull();
    expect(os(row)).toEqual([366, 0]);
  });

  it('does not censor DOR at HSCT (patient A relapses after transplant and dies)', () => {
    const row = deriveSubject(patientA(), ctx);
    // OS 2019-03-04 → 2020-01-20 = 322; EFS to relapse 2019-11-04 = 245; DOR 2019-03-25 → 2019-11-04 = 224.
    expect(os(row)).toEqual([322, 1]);
    expect(efs(row)).toEqual([245, 1]);
    expect(dor(row)).toEqual([224, 1]);
    // NRM from HSCT 2019-05-13: relapse first after 175 days.
    expect([row.nrm_hsct_days, row.nrm_hsct_status]).toEqual([175, 2]);
  });

  it('censors the DOR sensitivity analysis at a new non-HSCT therapy, not at HSCT', () => {
    const s = patientM('IT03-0048', [cr, therapy('5', '2020-04-01', { st_regimen: 'Blinatumomab', st_best_resp: '1' }), contact('2020-12-01'), alive({ relapse_post_ino: '1', relapse_date: '2020-09-01' })]);
    const row = deriveSubject(s, ctx);
    // Primary DOR: relapse 207 days after CR. Sensitivity: censored at blinatumomab, 2020-02-07 → 2020-04-01 = 22 + 31 + 1 = 54.
    expect(dor(row)).toEqual([207, 1]);
    expect([row.dor_sens_days, row.dor_sens_event]).toEqual([54, 0]);
    const a = deriveSubject(patientA(), ctx);
    expect([a.dor_sens_days, a.dor_sens_event]).toEqual([224, 1]);
  });

  it('leaves DOR blank when the first CR/CRi is after the cut-off', () => {
    const row = deriveSubject(patientM('IT03-0049', [cr, contact('2020-06-01'), alive()]), context({ data_cutoff: '2020-02-01' }));
    expect(dor(row)).toEqual([null, null]);
    // EFS of a responder: no event by the cut-off, 2020-01-10 → 2020-02-01 = 22 days censored.
    expect(efs(row)).toEqual([22, 0]);
  });

  it('gives relapse precedence over death on the same day for NRM', () => {
    const row = deriveSubject(patientM('IT03-0047', [cr, dead('2020-09-01', { relapse_post_ino: '1', relapse_date: '2020-09-01', death_cause: '1' })]), ctx);
    expect([row.nrm_days, row.nrm_status]).toEqual([235, 2]);
    expect(efs(row)).toEqual([235, 1]);
  });
});
