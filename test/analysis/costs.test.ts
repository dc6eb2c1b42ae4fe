// Hand-computed costs (crf-spec §4–5): categories, phases, total, table default, override, scenario B, price index.

import { deriveSubject } from '../../src/studies/ino-all-it/analysis';
import { context, contextWithConfiguredCosts, cost, NK, patientM } from './fixtures';
import { patientA } from './patient-a';

describe('costs per patient', () => {
  it('sums quantity × unit cost by category, phase and in total (patient A, DH_ACCESS default configured at EUR 310)', () => {
    const row = deriveSubject(patientA(), contextWithConfiguredCosts());
    // Inotuzumab compassionate supply: 8 vials × 0 = 0.
    expect(row.cost_cat_1).toBe(0);
    // Day hospital: 6 × 310 (no unit cost in the record → table default) + 2 × 350.50 (overridden) = 1860 + 701 = 2561.
    expect(row.cost_cat_8).toBe(2561);
    // Defibrotide 84 vials × 460.80 = 38 707.20; HSCT episode 1 × 70 000.
    expect(row.cost_cat_4).toBe(38707.2);
    expect(row.cost_cat_13).toBe(70000);
    // Red cells: no unit cost in the record nor in the table → left out and counted.
    expect(row.cost_cat_5).toBe(0);
    expect(row.cost_n_unvalued).toBe(1);
    // Total 0 + 2561 + 38 707.20 + 70 000 = 111 268.20.
    expect(row.cost_total).toBe(111268.2);
    // Phases: 1 treatment 0 + 1860; 2 SOS/VOD 38 707.20; 3 other AEs 0 (unvalued); 4 HSCT 70 000; 5 follow-up 701.
    expect([row.cost_phase_1, row.cost_phase_2, row.cost_phase_3, row.cost_phase_4, row.cost_phase_5]).toEqual([1860, 38707.2, 0, 70000, 701]);
    // Scenario B: 8 vials × 11 590.03 = 92 720.24; total 111 268.20 − 0 + 92 720.24 = 203 988.44.
    expect(row.cost_ino_list_b).toBe(92720.24);
    expect(row.cost_total_b).toBe(203988.44);
    // Follow-up 2019-03-04 → 2020-01-20 = 322 days = 10.579 months; 111 268.20 ÷ 10.579 = 10 517.78.
    expect(row.cost_per_month_fu).toBe(10517.78);
  });

  it('leaves a record unvalued when neither the record nor the built-in table has a unit cost', () => {
    const row = deriveSubject(patientA(), context());
    // The built-in table has no DH_ACCESS default: 6 accesses unvalued; 2 × 350.50 remain.
    expect(row.cost_cat_8).toBe(701);
    expect(row.cost_n_unvalued).toBe(2);
    expect(row.cost_total).toBe(109408.2);
  });

  it('uses the INO_VIAL_LIST default when the unit cost is not known, and adjusts price years when an index is given', () => {
    const s = patientM('IT03-0080', [
      cost('INO_VIAL_LIST', '1', 1, NK, { ru_price_year: 2018, ru_cost_source: '3' }),
      cost('OP_VISIT', '9', 2, 100, { ru_price_year: 2019, ru_unit: '6', ru_phase: '5', ru_cost_source: '2' }),
    ]);
    const plain = deriveSubject(s, context());
    // 1 × 11 590.03 + 2 × 100 = 11 790.03; scenario B = 4 vials × 11 590.03 = 46 360.12.
    expect(plain.cost_total).toBe(11790.03);
    expect(plain.cost_ino_list_b).toBe(46360.12);
    // cost_total_b = 11 790.03 − 11 590.03 + 46 360.12 = 46 560.12.
    expect(plain.cost_total_b).toBe(46560.12);
    const ctx = { ...context(), priceIndex: { referenceYear: 2022, index: { 2018: 98, 2019: 100, 2022: 110 } } };
    const adjusted = deriveSubject(s, ctx);
    // 11 590.03 × 110 ÷ 98 = 13 009.217…; 200 × 110 ÷ 100 = 220; total 13 229.22.
    expect(adjusted.cost_cat_1).toBe(13009.22);
    expect(adjusted.cost_cat_9).toBe(220);
    expect(adjusted.cost_total).toBe(13229.22);
    // A year missing from the index leaves the record unvalued.
    const missingYear = deriveSubject(s, { ...ctx, priceIndex: { referenceYear: 2022, index: { 2018: 98, 2022: 110 } } });
    expect(missingYear.cost_n_unvalued).toBe(1);
  });
});
