// Response assessments consistent with each category (CR, CRi, PR, NR, PD, REL) and MRD (method, sample, result, level, sensitivity).

import type { Assessment, Mrd } from './course';
import type { Day } from './days';
import type { Rng } from '../../../core/stats/random';

const r1 = (x: number): number => Number(x.toFixed(1));
const r2 = (x: number): number => Number(x.toFixed(2));

export interface MrdState {
  /** MRD negative (not detected at ≤1E-4) at the last assessment that had it. */
  negative: boolean;
  /** Last MRD result code at HSCT: 1 negative, 2 positive, 8 never done. */
  last: '1' | '2' | '8';
  assessments: number;
}

export function newMrdState(): MrdState {
  return { negative: false, last: '8', assessments: 0 };
}

function mrdMethod(rng: Rng, ph: boolean): string {
  return ph ? rng.weighted([['3', 0.45], ['1', 0.45], ['5', 0.1]]) : rng.weighted([['1', 0.75], ['2', 0.15], ['4', 0.07], ['5', 0.03]]);
}

function sensitivityOf(rng: Rng, method: string): number {
  if (method === '1') return rng.bernoulli(0.7) ? 1e-4 : 1e-5;
  return method === '4' ? 1e-6 : 1e-5;
}

/** MRD at a CR/CRi assessment: negativity first reached with p 0.5, later conversions with p 0.2. */
export function remissionMrd(rng: Rng, state: MrdState, ph: boolean): Mrd | undefined {
  if (!rng.bernoulli(0.88)) return undefined;
  if (!state.negative) state.negative = rng.bernoulli(state.assessments === 0 ? 0.5 : 0.2);
  state.assessments += 1;
  state.last = state.negative ? '1' : '2';
  const method = mrdMethod(rng, ph);
  const sample = rng.bernoulli(0.9) ? '1' : '2';
  if (state.negative) return { method, sample, result: '1', sensitivity: sensitivityOf(rng, method) };
  if (rng.bernoulli(0.12)) return { method, sample, result: '2', sensitivity: 1e-4 };
  const value = Number(Math.min(0.05, Math.max(1.2e-4, rng.lognormal(1e-3, 1.1))).toPrecision(2));
  return { method, sample, result: '3', value, sensitivity: sensitivityOf(rng, method) };
}

function counts(rng: Rng, cat: '1' | '2'): { anc: number; plt: number } {
  if (cat === '1') return { anc: r2(rng.uniform(1.05, 4.5)), plt: r1(rng.uniform(105, 320)) };
  const which = rng.weighted([['anc', 0.3], ['plt', 0.5], ['both', 0.2]] as const);
  return {
    anc: which === 'plt' ? r2(rng.uniform(1.05, 3.5)) : r2(rng.uniform(0.2, 0.95)),
    plt: which === 'anc' ? r1(rng.uniform(105, 250)) : r1(rng.uniform(15, 95)),
  };
}

export interface AssessmentContext {
  readonly day: Day;
  readonly timepoint: string;
  readonly afterCycle?: number;
  readonly baselineBlasts: number;
  readonly emdAtStart: boolean;
}

export function remission(rng: Rng, ctx: AssessmentContext, cat: '1' | '2', mrd: Mrd | undefined): Assessment {
  return {
    day: ctx.day,
    timepoint: ctx.timepoint,
    ...(ctx.afterCycle !== undefined ? { afterCycle: ctx.afterCycle } : {}),
    cat,
    bmBlasts: r1(rng.uniform(0.2, 4.6)),
    pbBlasts: false,
    ...counts(rng, cat),
    emd: ctx.emdAtStart ? '0' : rng.bernoulli(0.6) ? '8' : '0',
    cns: rng.bernoulli(0.5) ? '0' : '8',
    ...(mrd ? { mrd } : {}),
  };
}

/** A non-remission assessment: PR (3), NR (4), PD (5) or REL (6), with blasts that fit the category. */
export function activeDisease(rng: Rng, ctx: AssessmentContext, cat: '3' | '4' | '5' | '6'): Assessment {
  const base = ctx.baselineBlasts;
  let blasts: number;
  if (cat === '3') blasts = r1(rng.uniform(5.2, Math.min(25, base / 2)));
  else if (cat === '4') blasts = r1(Math.min(99, rng.uniform(Math.max(5.5, base * 0.55), Math.max(6, base * 1.05))));
  else if (cat === '5') blasts = r1(Math.min(99, Math.max(base * rng.uniform(1.1, 1.3), base + 5)));
  else blasts = r1(rng.uniform(8, 85));
  const positive = cat !== '3' && rng.bernoulli(0.25);
  const mrd: Mrd | undefined = positive ? { method: '1', sample: '1', result: '3', value: r2(rng.uniform(0.02, 0.6)), sensitivity: 1e-4 } : undefined;
  return {
    day: ctx.day,
    timepoint: ctx.timepoint,
    ...(ctx.afterCycle !== undefined ? { afterCycle: ctx.afterCycle } : {}),
    cat,
    bmBlasts: blasts,
    pbBlasts: cat === '3' ? rng.bernoulli(0.2) : rng.bernoulli(0.6),
    emd: ctx.emdAtStart ? (cat === '5' ? '3' : cat === '3' ? '1' : '2') : cat === '5' && rng.bernoulli(0.15) ? '3' : rng.bernoulli(0.5) ? '0' : '8',
    cns: rng.bernoulli(0.6) ? '0' : '8',
    ...(mrd ? { mrd } : {}),
  };
}

/** PR needs a marrow at baseline of at least ~10.5% to show a ≥50% fall into 5–25%. */
export function canBePartial(baselineBlasts: number): boolean {
  return baselineBlasts >= 10.6;
}
