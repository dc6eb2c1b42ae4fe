// Hand-computed response endpoints (crf-spec §4): response window, best response, CR/CRi, MRD at 10⁻⁴, TTR, HSCT.

import { deriveSubject } from '../../src/studies/ino-all-it/analysis';
import { mrdNeg1e4 } from '../../src/studies/ino-all-it/analysis/response';
import type { FormData } from '../../src/shared/study/entries';
import { alive, assessment, contact, context, NK, patientM, therapy } from './fixtures';
import { patientA } from './patient-a';

const ctx = context();
const mrd = (data: FormData): 0 | 1 | 9 => mrdNeg1e4({ data, calcs: {} });

describe('MRD negativity at 1E-4 per assessment', () => {
  it('follows the crf-spec §4 rule', () => {
    expect(mrd({ mrd_result: '1', mrd_sensitivity: 1e-4 })).toBe(1);
    expect(mrd({ mrd_result: '1', mrd_sensitivity: 1e-5 })).toBe(1);
    expect(mrd({ mrd_result: '1', mrd_sensitivity: 1e-3 })).toBe(9); // negative, but not at 10⁻⁴
    expect(mrd({ mrd_result: '1', mrd_sensitivity: NK })).toBe(9); // sensitivity unknown
    expect(mrd({ mrd_result: '3', mrd_value: 5e-5, mrd_sensitivity: 1e-5 })).toBe(1);
    expect(mrd({ mrd_result: '3', mrd_value: 1e-4, mrd_sensitivity: 1e-5 })).toBe(0); // ≥ 1E-4 is positive
    expect(mrd({ mrd_result: '3', mrd_value: 0.002, mrd_sensitivity: 1e-4 })).toBe(0);
    expect(mrd({ mrd_result: '2', mrd_sensitivity: 1e-4 })).toBe(9); // PNQ
    expect(mrd({ mrd_done: '0' })).toBe(9);
  });
});

describe('best response in the window', () => {
  it('takes the best category and first CR/CRi of patient A, with MRD flags and HSCT', () => {
    const row = deriveSubject(patientA(), ctx);
    // Window: min(2019-04-15 + 28 = 2019-05-13, HSCT 2019-05-13) = 2019-05-13; CRi 03-25 and CR 04-26 inside.
    expect(row.resp_window_end_date).toBe('2019-05-13');
    expect(row.best_resp_ino).toBe(1);
    expect(row.crcri).toBe(1);
    // First CR/CRi 2019-03-25 − C1D1 2019-03-04 = 21 days.
    expect(row.first_crcri_date).toBe('2019-03-25');
    expect(row.ttr_days).toBe(21);
    // CRi with MRD 2E-3 (0), CR with not-detected at 1E-4 (1).
    expect(row.best_mrd_neg_1e4).toBe(1);
    expect(row.mrd_neg_crcri).toBe(1);
    expect(row.hsct_after_ino).toBe(1);
    expect(row.hsct_date).toBe('2019-05-13');
    expect(row.hsct_direct).toBe(1);
    // 2019-04-15 → 2019-05-13 = 28 days.
    expect(row.days_lastdose_to_hsct).toBe(28);
  });

  it('excludes an assessment after the start of HSCT', () => {
    const s = patientM('IT03-0010', [
      assessment('2020-02-05', '3', { bm_blasts: 12 }),
      therapy('1', '2020-02-14', { hsct_direct: '1' }),
      assessment('2020-02-20', '1', { resp_timepoint: '5' }),
      alive(),
    ]);
    const row = deriveSubject(s, ctx);
    // Window ends at the HSCT (2020-02-14) before last dose + 28 (2020-02-21): CR on 02-20 is outside.
    expect(row.resp_window_end_date).toBe('2020-02-14');
    expect(row.best_resp_ino).toBe(3);
    expect(row.crcri).toBe(0);
    expect(row.ttr_days).toBeNull();
    expect(row.first_crcri_date).toBeNull();
    expect(row.mrd_neg_crcri).toBe(0);
    // 2020-01-24 → 2020-02-14 = 21 days.
    expect(row.days_lastdose_to_hsct).toBe(21);
  });

  it('includes last dose + 28 days and excludes the day after', () => {
    const inside = patientM('IT03-0011', [assessment('2020-02-21', '2', { resp_anc: 0.7, resp_plt: 60 }), alive()]);
    const outside = patientM('IT03-0012', [assessment('2020-02-22', '2', { resp_anc: 0.7, resp_plt: 60 }), alive()]);
    // Last dose 2020-01-24 + 28 = 2020-02-21.
    expect(deriveSubject(inside, ctx).best_resp_ino).toBe(2);
    // 2020-01-10 → 2020-02-21 = 42 days.
    expect(deriveSubject(inside, ctx).ttr_days).toBe(42);
    expect(deriveSubject(outside, ctx).best_resp_ino).toBe(7);
    expect(deriveSubject(outside, ctx).crcri).toBe(0);
  });

  it('orders NR above PD and counts no assessment as NE', () => {
    const s = patientM('IT03-0013', [assessment('2020-02-01', '5'), assessment('2020-02-15', '4'), alive()]);
    expect(deriveSubject(s, ctx).best_resp_ino).toBe(4);
    const none = deriveSubject(patientM('IT03-0014', [alive()]), ctx);
    expect(none.best_resp_ino).toBe(7);
    expect(none.best_mrd_neg_1e4).toBe(9);
    expect(none.hsct_after_ino).toBe(0);
    expect(none.hsct_direct).toBeNull();
  });

  it('flags CR/CRi with MRD negativity only on the same assessment', () => {
    const mrdNeg = { mrd_done: '1', mrd_method: '1', mrd_sample: '1', mrd_result: '1', mrd_sensitivity: 1e-5 };
    // MRD negative on a PR marrow, CRi later without MRD: best MRD 1, but no CR/CRi with MRD < 1E-4.
    const s = patientM('IT03-0015', [assessment('2020-02-01', '3', { bm_blasts: 8, ...mrdNeg }), assessment('2020-02-15', '2', { resp_anc: 0.8, resp_plt: 90 }), contact('2020-03-01'), alive()]);
    const row = deriveSubject(s, ctx);
    expect(row.best_mrd_neg_1e4).toBe(1);
    expect(row.mrd_neg_crcri).toBe(0);
    const t = patientM('IT03-0016', [assessment('2020-02-15', '2', { resp_anc: 0.8, resp_plt: 90, ...mrdNeg }), alive()]);
    expect(deriveSubject(t, ctx).mrd_neg_crcri).toBe(1);
  });
});
