// SOS/VOD episodes consistent with the CTCAE grade, EBMT criteria by timing, the EBMT grade the app proposes, treatment, outcome and the linked AE.

import type { Ae, Sos, Therapy } from './course';
import type { Day } from './days';
import type { Rng } from '../../../core/stats/random';

export interface SosRisk {
  readonly priorAllo: boolean;
  readonly comorbidities: readonly string[];
}

const r1 = (x: number): number => Number(x.toFixed(1));
const r2 = (x: number): number => Number(x.toFixed(2));

/** Weight gain % as the app's calc gives it (precision 1). */
export function weightGain(base: number, max: number): number {
  return Number((((max - base) / base) * 100).toFixed(1));
}

/** The EBMT severity the definition proposes (crf-spec §4, EC51), for findings without missing values. */
export function proposedEbmtGrade(s: Omit<Sos, 'ebmtGrade' | 'ae'>, risk: SosRisk): number {
  if (s.mod) return 4;
  const wg = weightGain(s.weightBase, s.weightMax);
  const dbl = s.doubling === '1' ? 1 : 0;
  const since = s.firstSympt === undefined ? undefined : s.dxDay - s.firstSympt;
  const b = (x: boolean): number => (x ? 1 : 0);
  const l4 = b(s.bili >= 8) + b(s.transam > 8) + b(wg >= 10) + b(s.creatRatio >= 2);
  const l3 = b(since !== undefined && since <= 4) + b(s.bili >= 5) + dbl + b(s.transam > 5) + b(wg >= 5) + b(s.creatRatio >= 1.5);
  const l2 = b(since !== undefined && since <= 7) + b(s.bili >= 3) + dbl + b(s.transam > 2) + b(wg >= 5) + b(s.creatRatio >= 1.2);
  const l1 = b(since !== undefined) + b(s.bili >= 2) + dbl + 3;
  const g = l4 >= 2 ? 4 : l3 >= 2 ? 3 : l2 >= 2 ? 2 : l1 >= 2 ? 1 : 0;
  const cond = s.hsct?.hsct?.cond ?? [];
  const alkylators = cond.filter((c) => ['2', '3', '4', '5', '6', '9'].includes(c)).length;
  const riskCount = b(risk.priorAllo) + b(cond.includes('2') || alkylators >= 2) + b(risk.comorbidities.includes('1')) + b(risk.comorbidities.includes('2'));
  return Math.max(g, Math.min(3, g + (riskCount >= 2 && g >= 1 ? 1 : 0)));
}

export interface SosInput {
  readonly setting: '1' | '2';
  readonly dxDay: Day;
  readonly grade: 2 | 3 | 4 | 5;
  readonly weightKg: number;
  readonly hsct?: Therapy;
  readonly lastDose: Day;
  /** Death from SOS (grade 5) or from another cause, if it comes first. */
  readonly deathDay?: Day;
  /** Last day the record may hold (death, loss to follow-up or the data cut-off). */
  readonly horizon: Day;
}

export function generateSos(rng: Rng, input: SosInput, risk: SosRisk): Sos {
  const { grade, dxDay, setting } = input;
  const mod = grade >= 4;
  const since = input.hsct ? dxDay - input.hsct.start : undefined;
  const criteria = setting === '2' ? (since! <= 21 ? '1' : '2') : rng.weighted([['5', 0.6], ['3', 0.2], ['4', 0.2]]);
  const defib = grade >= 3 && rng.bernoulli(grade === 3 ? 0.85 : 0.95);
  const bili = r2(grade === 2 ? rng.uniform(2.2, 4.8) : grade === 3 ? (defib && rng.bernoulli(0.3) ? rng.uniform(3.1, 4.9) : rng.uniform(5.2, 7.8)) : rng.uniform(6, 15));
  const renal = mod && rng.bernoulli(0.6);
  const modOrgans = mod ? (renal ? (rng.bernoulli(0.4) ? ['1', '2'] : ['1']) : ['2']) : [];
  // Without MOD keep fewer than two "very severe" findings, so the EBMT grade stays below 4 (EC52).
  const creatRatio = r2(renal ? rng.uniform(2.1, 3.5) : rng.pick([rng.uniform(0.9, 1.15), rng.uniform(1.25, 1.45), rng.uniform(1.55, 1.9)]));
  const transam = r1(rng.pick([rng.uniform(1.2, 1.9), rng.uniform(2.2, 4.8), rng.uniform(5.2, 7.8), mod ? rng.uniform(8.5, 15) : rng.uniform(2.2, 4.8)]));
  let hepatomegaly: string = rng.weighted([['1', 0.6], ['2', 0.15], ['0', 0.2], ['9', 0.05]]);
  let ascites: string = rng.bernoulli(0.5) ? '1' : '0';
  let gainPct = rng.pick([rng.uniform(1, 4), rng.uniform(6, 9.5), mod ? rng.uniform(10.5, 14) : rng.uniform(6, 9.5)]);
  if (criteria === '1' || criteria === '2') {
    // Classical / late-onset criteria: bilirubin ≥2 plus two of painful hepatomegaly, weight gain >5%, ascites.
    const picks = rng.sample(['hep', 'gain', 'asc'], 2);
    if (picks.includes('hep')) hepatomegaly = '1';
    if (picks.includes('asc')) ascites = '1';
    if (picks.includes('gain') && gainPct < 6) gainPct = rng.uniform(6, 9.5);
  }
  const weightBase = input.weightKg;
  const weightMax = r1(weightBase * (1 + gainPct / 100));
  const firstSympt = rng.bernoulli(0.85) ? dxDay - rng.int(0, 6) : undefined;
  const signs = [
    '1',
    ...(hepatomegaly === '1' ? ['2'] : []),
    ...(weightGain(weightBase, weightMax) > 5 ? ['3'] : []),
    ...(ascites === '1' ? ['4'] : []),
    ...(criteria === '2' || rng.bernoulli(0.6) ? ['5'] : []),
    ...(rng.bernoulli(0.3) ? ['6'] : []),
  ];
  const fatal = grade === 5;
  const deathDay = input.deathDay;
  const resol = dxDay + rng.int(10, 45);
  const outcome = fatal ? '3' : deathDay !== undefined && deathDay <= resol ? '4' : resol > input.horizon ? '2' : '1';
  const defibStart = Math.min(dxDay + rng.int(0, 2), deathDay ?? input.horizon, input.horizon);
  const end = deathDay !== undefined ? Math.min(deathDay, outcome === '1' ? resol : deathDay) : resol;
  const findings: Omit<Sos, 'ebmtGrade' | 'ae'> = {
    dxDay,
    ...(firstSympt !== undefined ? { firstSympt } : {}),
    setting,
    ...(input.hsct ? { hsct: input.hsct } : {}),
    criteria,
    signs,
    bili,
    doubling: rng.weighted([['0', 0.7], ['1', 0.25], ['9', 0.05]]),
    transam,
    weightBase,
    weightMax,
    ascites,
    hepatomegaly,
    creatRatio,
    mod,
    modOrgans,
    ...(defib ? { defib: { start: defibStart, days: Math.max(1, Math.min(rng.int(16, 28), end - defibStart)), dose: 25 } } : {}),
    otherTx: otherTreatment(rng, ascites === '1', modOrgans, grade),
    outcome,
    ...(outcome === '1' ? { resolDay: resol } : {}),
  };
  const ebmt = proposedEbmtGrade(findings, risk);
  const ae: Ae = {
    term: 'Sinusoidal obstruction syndrome',
    grade,
    onset: dxDay,
    ...(outcome === '1' ? { end: resol } : fatal ? { end: deathDay! } : {}),
    outcome: fatal ? '4' : outcome === '1' ? '1' : '3',
    serious: true,
    saeCrit: fatal ? ['1'] : grade === 4 ? ['2', '3'] : ['3'],
    rel: setting === '1' ? rng.pick(['4', '5']) : '3',
    ...(setting === '2' ? { relOther: ['2'] } : {}),
    action: dxDay > input.lastDose ? '5' : '4',
    treated: '1',
    sos: true,
    modReason: '3',
  };
  return { ...findings, ebmtGrade: rng.bernoulli(0.9) ? String(ebmt) : '9', ae };
}

function otherTreatment(rng: Rng, ascites: boolean, organs: readonly string[], grade: number): string[] {
  const tx = [
    ...(rng.bernoulli(0.8) ? ['1'] : []),
    ...(ascites && rng.bernoulli(0.35) ? ['2'] : []),
    ...(organs.includes('1') ? ['3'] : []),
    ...(organs.includes('2') ? ['4'] : []),
    ...(grade >= 4 ? ['5'] : []),
  ];
  return tx.length > 0 ? tx : ['0'];
}
