// Hand-computed demographics and inotuzumab exposure (crf-spec §4): ages, CR1 duration, BSA, cumulative dose, RDI, vials.

import { deriveSubject } from '../../src/studies/ino-all-it/analysis';
import { vialsForDose } from '../../src/studies/ino-all-it/analysis/dosing';
import { context, cycle, dm, makeSubject, patientM } from './fixtures';
import { patientA } from './patient-a';

const ctx = context();

describe('demographics', () => {
  it('derives ages from 1 July of the birth year, with partial dx_date imputed to the 15th', () => {
    const row = deriveSubject(patientA(), ctx);
    // Birth imputed 1968-07-01. dx_date 2017-03 → 2017-03-15: 2017 − 1968 = 49, birthday not reached → 48.
    expect(row.age_dx).toBe(48);
    // C1D1 2019-03-04: 2019 − 1968 = 51, before 1 July → 50; imputed.
    expect(row.age_first_dose).toBe(50);
    expect(row.age_imputed).toBe(1);
    expect(row.sex).toBe(1);
    expect(row.ph_status).toBe(2);
    expect(row.salvage_line).toBe(2);
    expect(row.eligible).toBe(1);
  });

  it('lets the device age from the exact birth date win and flags it not imputed, even when it equals the imputed one', () => {
    // Exact birth date e.g. 1968-02-01 on the device → 51 at 2019-03-04, not the imputed 50.
    const row = deriveSubject(patientA({ deviceAge: 51 }), ctx);
    expect(row.age_first_dose).toBe(51);
    expect(row.age_imputed).toBe(0);
    // Born e.g. 1968-09-01: exact age 50, the same as from 1 July; still exact, so not imputed.
    expect(deriveSubject(patientA({ deviceAge: 50 }), ctx)).toMatchObject({ age_first_dose: 50, age_imputed: 0 });
  });

  it('flags the age imputed when the calc was not computed from an exact birth date', () => {
    // A calc value without site-only provenance (recomputed from birth_year) is the imputed age.
    const s = makeSubject('IT03-0051', [dm({ birth_year: 1968 }, { age_first_dose: 50 }), cycle(1, '2019-03-04', 1.5, 0.9, 0.9)]);
    expect(deriveSubject(s, ctx)).toMatchObject({ age_first_dose: 50, age_imputed: 1 });
  });

  it('computes the CR1 duration in months of 30.4375 days', () => {
    const row = deriveSubject(patientA(), ctx);
    // 2017-06-20 → 2018-02-10 = 10 + 31 + 31 + 30 + 31 + 30 + 31 + 31 + 10 = 235 days; 235 ÷ 30.4375 = 7.7207 → 7.72.
    expect(row.cr1_duration_months).toBe(7.72);
    expect(row.cr1_lt12).toBe(1);
  });

  it('imputes a year-only CR1 date to 1 July', () => {
    const s = makeSubject('IT03-0050', [dm(), ['dx', { dx_date: '2012', cr1_date: '2012', relapse1_date: '2013-09' }]]);
    // 2012-07-01 → 2013-09-15 = 441 days; 441 ÷ 30.4375 = 14.488 → 14.49, not < 12.
    const row = deriveSubject(s, ctx);
    expect(row.cr1_duration_months).toBe(14.49);
    expect(row.cr1_lt12).toBe(0);
    // dx 2012 → 2012-07-01; birth 1980-07-01 → exactly 32.
    expect(row.age_dx).toBe(32);
  });
});

describe('exposure', () => {
  it('computes BSA, cumulative dose with per-cycle BSA, RDI and vials (entered wins per cycle)', () => {
    const row = deriveSubject(patientA(), ctx);
    expect(row.c1d1_date).toBe('2019-03-04');
    // √(175 × 70 ÷ 3600) = √3.4028 = 1.8447 → 1.84; BMI 70 ÷ 1.75² = 22.86 → 22.9.
    expect(row.bsa_m2).toBe(1.84);
    expect(row.bmi).toBe(22.9);
    // 3.3 + 2.3 = 5.6 mg; each cycle over its unrounded BSA (crf-spec §4): 3.3 ÷ 1.844662 = 1.788946 and
    // 2.3 ÷ √(175 × 64 ÷ 3600) = 2.3 ÷ 1.763834 = 1.303977 → 3.092923 → 3.093 mg/m².
    expect(row.cum_dose_mg).toBe(5.6);
    expect(row.cum_dose_mg_m2).toBe(3.093);
    // Planned 1.8 + 1.5 = 3.3 mg/m²; 3.092923 ÷ 3.3 × 100 = 93.725 → 93.7 %.
    expect(row.rdi).toBe(93.7);
    expect(row.n_cycles).toBe(2);
    expect(row.n_doses).toBe(6);
    // Vials: cycle 1 entered 5, cycle 2 calculated ⌈0.9/0.9⌉ + ⌈0.9/0.9⌉ + ⌈0.5/0.9⌉ = 3 → 8; all calculated: 4 + 3 = 7.
    expect(row.vials).toBe(8);
    expect(row.vials_calc).toBe(7);
    // Last dose 2019-04-15 (cycle 2 day 15); 2019-03-04 → 2019-04-15 = 42 days, + 1 = 43.
    expect(row.last_dose_date).toBe('2019-04-15');
    expect(row.ino_duration_days).toBe(43);
  });

  it('divides doses by the BSA rounded to the decimals of the study parameter bsa_dose_decimals when it is set', () => {
    // 3.3 ÷ 1.84 = 1.793478 and 2.3 ÷ 1.76 = 1.306818 → 3.100296 → 3.1 mg/m² (the 2-decimal calcs' BSA).
    expect(deriveSubject(patientA(), context({ bsa_dose_decimals: 2 })).cum_dose_mg_m2).toBe(3.1);
    // One decimal: 3.3 ÷ 1.8 = 1.833333 and 2.3 ÷ 1.8 = 1.277778 → 3.111111 → 3.111.
    expect(deriveSubject(patientA(), context({ bsa_dose_decimals: 1 })).cum_dose_mg_m2).toBe(3.111);
  });

  it('computes calculated vials per administration without floating-point overshoot', () => {
    expect(vialsForDose(2.7, 0.9)).toBe(3); // 2.7 / 0.9 = 3.0000000000000004 in binary
    expect(vialsForDose(0.91, 0.9)).toBe(2);
    expect(vialsForDose(0, 0.9)).toBe(0);
    // Patient M: ⌈1.3/0.9⌉ + ⌈0.8/0.9⌉ + ⌈0.8/0.9⌉ = 2 + 1 + 1 = 4 vials; with a 0.5 mg vial 3 + 2 + 2 = 7.
    expect(deriveSubject(patientM('IT03-0002', []), ctx).vials).toBe(4);
    expect(deriveSubject(patientM('IT03-0002', []), context({ vial_mg_deliverable: 0.5 })).vials).toBe(7);
    // With vial sharing the subject's share is Σ mg ÷ 0.9 = 2.9 ÷ 0.9 = 3.222 → 3.22.
    expect(deriveSubject(patientM('IT03-0002', []), context({ vial_sharing: 1 })).vials).toBe(3.22);
  });

  it('leaves C1D1 blank when cycle 1 has no day-1 dose, and nulls every time-to-event column', () => {
    const s = makeSubject('IT03-0003', [dm(), cycle(1, '2020-01-10', 0, 0.8, 0.8, { cyc_modif: ['4'], cyc_modif_reason: '1' }), ['fu', { vital_status: '2', death_date: '2020-03-01' }]]);
    const row = deriveSubject(s, ctx);
    expect(row.c1d1_date).toBeNull();
    expect(row.treated).toBe(1);
    expect(row.n_doses).toBe(2);
    // 1.6 mg ÷ √(160 × 60 ÷ 3600) = 1.6 ÷ 1.632993 = 0.980 mg/m².
    expect(row.cum_dose_mg_m2).toBe(0.98);
    for (const key of ['os_days', 'os_event', 'efs_days', 'efs_event', 'dor_days', 'nrm_days', 'vod_days', 'best_resp_ino', 'ttr_days', 'ae_max_grade']) {
      expect(row[key]).toBeNull();
    }
  });

  it('makes cumulative dose and RDI unknown when a dose is unknown', () => {
    const s = makeSubject('IT03-0004', [dm(), cycle(1, '2020-01-10', 1.3, 0.8, 0.8), cycle(2, '2020-02-07', 0.8, 0.8, 0.8, { d15_dose_mg: { missing: 'NK' } })]);
    const row = deriveSubject(s, ctx);
    expect(row.cum_dose_mg).toBeNull();
    expect(row.rdi).toBeNull();
    expect(row.n_doses).toBe(5);
    // Cycle 2 has no entered vials and an unknown dose: total vials unknown.
    expect(row.vials).toBeNull();
  });
});
