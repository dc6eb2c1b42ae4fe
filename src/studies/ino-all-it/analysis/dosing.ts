// Inotuzumab exposure per crf-spec §4: C1D1, BSA, cumulative dose (mg, mg/m² per cycle BSA), cycles, doses, RDI, vials.

import type { DatasetSubject } from '../../../core/dataset/dataset';
import { code, day, instancesOf, maxOf, num, singleOf } from '../../../core/analysis/subject-view';

export interface Dosing {
  /** Day number of C1D1: cyc_start of cycle 1, provided d1_dose_mg > 0. */
  readonly c1d1: number | undefined;
  /** Any administration with a dose > 0. */
  readonly treated: boolean;
  readonly bsa: number | undefined;
  readonly bmi: number | undefined;
  readonly cumMg: number | undefined;
  readonly cumMgM2: number | undefined;
  readonly nCycles: number;
  readonly nDoses: number;
  readonly rdi: number | undefined;
  /** Entered ino_vials per cycle, else calculated; undefined when a cycle has neither. */
  readonly vials: number | undefined;
  readonly vialsCalc: number | undefined;
  readonly lastDose: number | undefined;
}

interface Administration {
  readonly day: number | undefined;
  /** undefined = not known (blank or a missing-data code). */
  readonly mg: number | undefined;
}

/** Mosteller BSA √(height × weight ÷ 3600), rounded to `decimals` when given (null = unrounded, crf-spec §4's formula). */
export function mosteller(heightCm: number | undefined, weightKg: number | undefined, decimals: number | null): number | undefined {
  if (heightCm === undefined || weightKg === undefined || heightCm <= 0 || weightKg <= 0) return undefined;
  const bsa = Math.sqrt((heightCm * weightKg) / 3600);
  return decimals === null ? bsa : Math.round(bsa * 10 ** decimals) / 10 ** decimals;
}

/** Vials for one administration without sharing: ⌈dose ÷ vial mg⌉ (toPrecision guards 2.7 ÷ 0.9 = 3.0000000000000004). */
export function vialsForDose(mg: number, vialMg: number): number {
  return mg > 0 ? Math.ceil(Number((mg / vialMg).toPrecision(12))) : 0;
}

const PLANNED: Readonly<Record<string, number>> = { '1': 1.8, '2': 1.5 };

function sum(values: readonly (number | undefined)[]): number | undefined {
  let s = 0;
  for (const v of values) {
    if (v === undefined) return undefined;
    s += v;
  }
  return s;
}

export function deriveDosing(subject: DatasetSubject, vialMg: number, vialSharing: boolean, bsaDecimals: number | null): Dosing {
  const dm = singleOf(subject, 'dm');
  const height = num(dm, 'height_cm');
  const weight = num(dm, 'weight_kg');
  // The baseline column keeps the calc's 2 decimals; only the divisor of doses per m² follows the study parameter.
  const bsa = mosteller(height, weight, 2);
  const bmi = height !== undefined && weight !== undefined && height > 0 ? weight / (height / 100) ** 2 : undefined;

  const cycles = instancesOf(subject, 'ino').map((rec) => {
    const start = day(rec, 'cyc_start');
    // A dose given without its date is placed on its nominal day (cycle day 8 / 15).
    const doses: Administration[] = [
      { day: start, mg: num(rec, 'd1_dose_mg') },
      { day: day(rec, 'd8_date') ?? (start === undefined ? undefined : start + 7), mg: num(rec, 'd8_dose_mg') },
      { day: day(rec, 'd15_date') ?? (start === undefined ? undefined : start + 14), mg: num(rec, 'd15_dose_mg') },
    ];
    const cycMg = sum(doses.map((d) => d.mg));
    const cycBsa = mosteller(height, num(rec, 'cyc_weight_kg') ?? weight, bsaDecimals);
    const mgM2 = cycMg === 0 ? 0 : cycMg !== undefined && cycBsa !== undefined ? cycMg / cycBsa : undefined;
    const plannedCode = code(rec, 'cyc_planned');
    const planned = plannedCode === '3' ? num(rec, 'cyc_planned_other') : plannedCode ? PLANNED[plannedCode] : undefined;
    const calcVials = vialSharing
      ? cycMg === undefined ? undefined : cycMg / vialMg
      : sum(doses.map((d) => (d.mg === undefined ? undefined : vialsForDose(d.mg, vialMg))));
    return { cycNo: num(rec, 'cyc_no'), start, doses, cycMg, mgM2, planned, calcVials, enteredVials: num(rec, 'ino_vials') };
  });

  const given = cycles.flatMap((c) => c.doses.filter((d) => d.mg !== undefined && d.mg > 0));
  const cycleOne = cycles.filter((c) => c.cycNo === 1 && c.start !== undefined && (c.doses[0]!.mg ?? 0) > 0);
  const c1d1 = cycleOne.length > 0 ? Math.min(...cycleOne.map((c) => c.start!)) : undefined;
  const cumMgM2 = sum(cycles.map((c) => c.mgM2));
  const plannedTotal = sum(cycles.map((c) => c.planned));
  return {
    c1d1,
    treated: given.length > 0,
    bsa,
    bmi,
    cumMg: sum(cycles.map((c) => c.cycMg)),
    cumMgM2,
    nCycles: Math.max(0, ...cycles.filter((c) => c.doses.some((d) => (d.mg ?? 0) > 0)).map((c) => c.cycNo ?? 0)),
    nDoses: given.length,
    rdi: cumMgM2 !== undefined && plannedTotal !== undefined && plannedTotal > 0 ? (cumMgM2 / plannedTotal) * 100 : undefined,
    vials: sum(cycles.map((c) => c.enteredVials ?? c.calcVials)),
    vialsCalc: sum(cycles.map((c) => c.calcVials)),
    lastDose: maxOf(given.map((d) => d.day)),
  };
}
