// Resource use with unit costs: vials (free compassionate supply), DH accesses and stays, transfusions, tests, AE and SOS care, HSCT, later drugs, visits.

import type { Ae, Assessment, Contact, Cycle, Sos, Therapy } from './course';
import { yearOf, type Day } from './days';
import type { Rng } from '../../../core/stats/random';
import { dosesOf } from './treatment';

export interface RuRecord {
  readonly day: Day;
  readonly end?: Day;
  readonly category: string;
  readonly item: string;
  readonly itemOther?: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitCost: number;
  readonly source: string;
  readonly priceYear: number;
  readonly phase: string;
  readonly ae?: Ae;
}

/** Illustrative unit costs (EUR): hospital cost accounting (2) at the year of use, or a 2012 national tariff (4). */
const PRICES: Readonly<Record<string, { cost: number; source: '2' | '4'; year?: number }>> = {
  DH_ACCESS: { cost: 320, source: '4', year: 2012 },
  BED_HAEM: { cost: 780, source: '2' },
  BED_ICU: { cost: 1650, source: '2' },
  BC_RBC: { cost: 181, source: '4', year: 2016 },
  BC_PLT_APH: { cost: 420, source: '4', year: 2016 },
  DEFIB_VIAL: { cost: 485, source: '2' },
  LAB_MRD_FLOW: { cost: 180, source: '4', year: 2012 },
  LAB_MRD_PCR: { cost: 250, source: '4', year: 2012 },
  IMG_US_LIVER: { cost: 60, source: '4', year: 2012 },
  PROC_BM: { cost: 110, source: '4', year: 2012 },
  PROC_PARA: { cost: 95, source: '4', year: 2012 },
  DRG_HSCT_ALLO: { cost: 61000, source: '4', year: 2012 },
  CART_EPISODE: { cost: 327000, source: '2' },
  OP_VISIT: { cost: 20.66, source: '4', year: 2012 },
};

const CATEGORY: Readonly<Record<string, string>> = {
  DH_ACCESS: '8', BED_HAEM: '6', BED_ICU: '7', BC_RBC: '5', BC_PLT_APH: '5', DEFIB_VIAL: '4', LAB_MRD_FLOW: '10', LAB_MRD_PCR: '10',
  IMG_US_LIVER: '11', PROC_BM: '12', PROC_PARA: '12', DRG_HSCT_ALLO: '13', CART_EPISODE: '14', OP_VISIT: '9',
};

export interface ResourceContext {
  readonly cycles: readonly Cycle[];
  readonly vialsOf: (c: Cycle) => number;
  readonly unitOf: (item: string) => string;
  readonly assessments: readonly Assessment[];
  readonly baselineMarrowDay: Day;
  readonly aes: readonly Ae[];
  readonly sos?: Sos;
  readonly therapies: readonly Therapy[];
  readonly contacts: readonly Contact[];
  readonly weightKg: number;
  readonly horizon: Day;
  readonly lowCounts: boolean;
}

export function generateResources(rng: Rng, ctx: ResourceContext): RuRecord[] {
  const out: RuRecord[] = [];
  const stays: [Day, Day][] = [];
  const priced = (item: string, day: Day, quantity: number, phase: string, extra: Partial<RuRecord> = {}): void => {
    const price = PRICES[item]!;
    out.push({ day, category: CATEGORY[item]!, item, quantity, unit: ctx.unitOf(item), unitCost: price.cost, source: price.source, priceYear: price.year ?? yearOf(day), phase, ...extra });
  };
  /** A ward stay unless it overlaps one already recorded (then the event was managed in that admission). */
  const stay = (from: Day, nights: number, phase: string, ae?: Ae): void => {
    const to = Math.min(from + nights, ctx.horizon);
    if (to <= from || stays.some(([a, b]) => a < to && b > from)) return;
    stays.push([from, to]);
    priced('BED_HAEM', from, to - from, phase, { end: to, ...(ae ? { ae } : {}) });
  };
  for (const c of ctx.cycles) {
    out.push({ day: c.start, category: '1', item: 'INO_VIAL_CU', quantity: ctx.vialsOf(c), unit: ctx.unitOf('INO_VIAL_CU'), unitCost: 0, source: '6', priceYear: yearOf(c.start), phase: '1' });
    const doses = dosesOf(c);
    const lastDose = doses[doses.length - 1]!.day;
    if (c.setting === '1') stay(c.start - 1, lastDose + 1 - (c.start - 1), '1');
    else if (c.setting === '4') {
      stay(c.start - 1, rng.int(3, 6), '1');
      if (doses.length > 1) priced('DH_ACCESS', doses[1]!.day, doses.length - 1, '1');
    } else priced('DH_ACCESS', c.start, doses.length, '1');
  }
  const first = ctx.cycles[0]!.start;
  const rbc = rng.int(0, ctx.lowCounts ? 10 : 5);
  if (rbc > 0) priced('BC_RBC', first, rbc, '1');
  const plt = rng.int(0, ctx.lowCounts ? 12 : 5);
  if (plt > 0) priced('BC_PLT_APH', first, plt, '1');
  const marrows = ctx.assessments.filter((a) => a.bmBlasts !== undefined);
  priced('PROC_BM', ctx.baselineMarrowDay, marrows.length + 1, '1');
  for (const [item, methods] of [['LAB_MRD_FLOW', ['1']], ['LAB_MRD_PCR', ['2', '3', '4', '5']]] as const) {
    const tests = ctx.assessments.filter((a) => a.mrd && (methods as readonly string[]).includes(a.mrd.method));
    if (tests.length > 0) priced(item, tests[0]!.day, tests.length, '1');
  }
  for (const ae of ctx.aes) {
    if (ae.sos || !ae.ward) continue;
    stay(ae.onset, ae.ward, '3', ae);
    if (ae.icu) priced('BED_ICU', ae.onset + 1, Math.min(ae.icu, Math.max(1, ctx.horizon - ae.onset - 1)), '3', { end: Math.min(ae.onset + 1 + ae.icu, ctx.horizon), ae });
  }
  const sos = ctx.sos;
  if (sos) {
    if (sos.defib) priced('DEFIB_VIAL', sos.defib.start, Math.ceil((sos.defib.dose * ctx.weightKg) / 200) * sos.defib.days, '2', { ae: sos.ae });
    priced('IMG_US_LIVER', sos.dxDay, rng.int(2, 4), '2', { ae: sos.ae });
    if (sos.otherTx.includes('2')) priced('PROC_PARA', sos.dxDay + 1, rng.int(1, 3), '2', { ae: sos.ae });
    if (sos.setting === '1') stay(sos.dxDay, (sos.resolDay ?? ctx.horizon) - sos.dxDay, '2', sos.ae);
    if (sos.otherTx.includes('5')) {
      const days = Math.max(1, Math.min(rng.int(3, 10), ctx.horizon - sos.dxDay - 1));
      priced('BED_ICU', sos.dxDay + 1, days, '2', { end: sos.dxDay + 1 + days, ae: sos.ae });
    }
  }
  for (const t of ctx.therapies) {
    if (t.type === '1') priced('DRG_HSCT_ALLO', t.start - rng.int(7, 10), 1, '4');
    if (t.type === '4') priced('CART_EPISODE', t.start, 1, '5');
    if (t.type === '5') {
      out.push({ day: t.start, category: '2', item: 'OTHER', itemOther: 'Blinatumomab 38.5 µg vial', quantity: rng.int(1, 2) * 28, unit: '1', unitCost: 2855, source: '2', priceYear: yearOf(t.start), phase: '5' });
    }
  }
  if (rng.bernoulli(0.35)) {
    out.push({ day: first + rng.int(8, 12), category: '3', item: 'OTHER', itemOther: 'Filgrastim 30 MU', quantity: rng.int(5, 20), unit: '3', unitCost: 45, source: '2', priceYear: yearOf(first), phase: '1' });
  }
  const visits = ctx.contacts.filter((c) => c.source === '1');
  if (visits.length > 0) priced('OP_VISIT', visits[0]!.day, visits.length, '5');
  return out.filter((r) => r.day <= ctx.horizon && (r.end === undefined || r.end <= ctx.horizon)).sort((a, b) => a.day - b.day);
}
