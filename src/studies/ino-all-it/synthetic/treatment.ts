// Inotuzumab cycles with label dosing from the cycle BSA, day 8/15 windows, 21–28-day cycles, modifications linked to AEs, assessments, stop reasons.

import { mosteller } from './baseline';
import type { Ae, Assessment, Baseline, Cycle, Dose } from './course';
import type { Day } from './days';
import type { Rng } from '../../../core/stats/random';
import { activeDisease, canBePartial, newMrdState, remission, remissionMrd, type AssessmentContext, type MrdState } from './response';

export interface TreatmentDecisions {
  readonly earlyDeath: boolean;
  readonly responder: boolean;
  readonly crCycle: number;
  readonly hsct: boolean;
  readonly cycles: number;
  /** Best category of a non-responder: PR, NR or PD. */
  readonly nonResponse: '3' | '4' | '5';
  /** Days from the first CR/CRi to relapse (non-HSCT responders who relapse). */
  readonly relapseAfter?: number;
  readonly stop?: 'toxicity' | 'sos' | 'decision';
  /** Soft-check cases: a cycle that starts more than 42 days after the previous one, or a late day-8 dose. */
  readonly longDelayCycle?: number;
  readonly lateDay8Cycle?: number;
}

export interface Treatment {
  readonly cycles: Cycle[];
  readonly assessments: Assessment[];
  readonly aes: Ae[];
  readonly firstCrDay?: Day;
  readonly bestResponse: 'CR' | 'CRi' | 'PR' | 'NR' | 'PD' | 'NE';
  readonly lastCat?: string;
  readonly mrd: MrdState;
  readonly lastDose: Day;
  readonly relapseDay?: Day;
  readonly earlyDeathDay?: Day;
}

const r2 = (x: number): number => Number(x.toFixed(2));

export function vialsFor(doses: readonly number[], vialMg: number, sharing: boolean): number {
  const ceil = (mg: number): number => Math.ceil(Number((mg / vialMg).toPrecision(12)));
  if (sharing) return ceil(doses.reduce((s, d) => s + d, 0));
  return doses.reduce((s, d) => s + (d > 0 ? ceil(d) : 0), 0);
}

export function dosesOf(c: Cycle): Dose[] {
  return [{ day: c.start, mg: c.d1 }, ...(c.d8 ? [c.d8] : []), ...(c.d15 ? [c.d15] : [])].filter((d) => d.mg > 0);
}

function newAe(term: string, grade: number, onset: Day, days: number, action: string, modReason: string, rel: string): Ae {
  return { term, grade, onset, end: onset + days, outcome: '1', serious: grade >= 4, ...(grade >= 4 ? { saeCrit: ['6'] } : {}), rel, action, treated: '1', modReason };
}

function cycleInterval(rng: Rng, n: number, responding: boolean): number {
  if (n === 1) return rng.weighted([[21, 0.4], [22, 0.1], [23, 0.08], [25, 0.07], [28, 0.35]]);
  return responding ? rng.int(26, 32) : rng.int(25, 30);
}

function interim(rng: Rng, ctx: AssessmentContext, decisions: TreatmentDecisions, n: number, last: boolean): Assessment {
  if (decisions.responder) return activeDisease(rng, ctx, canBePartial(ctx.baselineBlasts) && rng.bernoulli(0.5) ? '3' : '4');
  const best = decisions.nonResponse === '3' && !canBePartial(ctx.baselineBlasts) ? '4' : decisions.nonResponse;
  if (best === '5') return activeDisease(rng, ctx, last ? '5' : '4');
  return activeDisease(rng, ctx, best === '3' && (n > 1 || rng.bernoulli(0.5)) ? '3' : '4');
}

export function generateTreatment(rng: Rng, b: Baseline, d: TreatmentDecisions): Treatment {
  const cycles: Cycle[] = [];
  const assessments: Assessment[] = [];
  const aes: Ae[] = [];
  const mrd = newMrdState();
  let start = b.c1d1;
  let firstCrDay: Day | undefined;
  let crCat: '1' | '2' | undefined;
  let relapseDay: Day | undefined;
  let pendingDelay: { ae?: Ae; reason: string } | undefined;
  let nCycles = d.cycles;
  const ph = b.ph === 'pos';
  for (let n = 1; n <= nCycles; n += 1) {
    const planned: '1' | '2' = firstCrDay !== undefined && firstCrDay <= start ? '2' : '1';
    const weightKg = n >= 2 && rng.bernoulli(0.35) ? Number((b.weightKg * rng.normal(1, 0.025)).toFixed(1)) : undefined;
    const bsa = weightKg === undefined ? b.bsa : mosteller(b.heightCm, weightKg);
    const reduce = n >= 2 && rng.bernoulli(0.03);
    const factor = reduce ? 0.75 : 1;
    const late = d.lateDay8Cycle === n;
    const d8Day = start + (late ? 10 : rng.weighted([[7, 0.75], [6, 0.05], [8, 0.12], [9, 0.08]]));
    const d15Day = late ? start + 16 : Math.max(d8Day + 6, start + rng.weighted([[14, 0.7], [13, 0.05], [15, 0.15], [16, 0.1]]));
    const lastOfCourse = n === nCycles;
    const cycle: Cycle = {
      no: n,
      start,
      planned,
      ...(weightKg !== undefined ? { weightKg } : {}),
      bsa,
      d1: r2((planned === '1' ? 0.8 : 0.5) * bsa * factor),
      d8: { day: d8Day, mg: r2(0.5 * bsa * factor) },
      d15: { day: Math.min(d15Day, start + 16), mg: r2(0.5 * bsa * factor) },
      modif: [],
      setting: n === 1 ? rng.weighted([['1', 0.4], ['2', 0.45], ['4', 0.1], ['3', 0.05]]) : rng.weighted([['2', 0.75], ['1', 0.1], ['4', 0.08], ['3', 0.07]]),
      ...(n === 1 ? { cytored: b.wbc > 10 || b.pbBlastsPct > 50 ? (rng.bernoulli(0.7) ? '1' : '0') : rng.bernoulli(0.1) ? '1' : '0' } : {}),
      udca: rng.weighted([['1', 0.75], ['0', 0.22], ['9', 0.03]]),
      ...(ph ? { tkiAgent: rng.bernoulli(0.55) ? rng.weighted([['5', 0.5], ['2', 0.4], ['1', 0.05], ['4', 0.05]]) : null } : {}),
      otherAntileuk: rng.bernoulli(0.07) ? rng.pick(['Mini-hyper-CVD', 'Vincristine + dexamethasone']) : '0',
      premed: rng.weighted([['1', 0.92], ['0', 0.05], ['9', 0.03]]),
      ...(n >= 2 && rng.bernoulli(0.6)
        ? { labs: { plt: Number(rng.uniform(35, 260).toFixed(1)), anc: r2(rng.uniform(0.5, 4)), bili: r2(rng.uniform(0.3, 1.4)), alt: Number(rng.uniform(12, 85).toFixed(1)) } }
        : {}),
      last: false,
    };
    if (reduce) {
      cycle.modif.push('3');
      cycle.modifReason = '2';
    }
    if (pendingDelay) {
      cycle.modif.push('1');
      cycle.modifReason ??= pendingDelay.reason;
      if (pendingDelay.ae) cycle.modifAe = pendingDelay.ae;
      pendingDelay = undefined;
    }
    const toxStop = lastOfCourse && d.stop === 'toxicity';
    const omit = toxStop || (!d.earlyDeath && rng.bernoulli(0.05));
    if (omit) {
      const term = toxStop ? rng.pick(['Blood bilirubin increased', 'Aspartate aminotransferase increased', 'Lung infection']) : 'Platelet count decreased';
      const reason = term === 'Lung infection' ? '4' : term === 'Platelet count decreased' ? '1' : '2';
      const ae = newAe(term, term === 'Platelet count decreased' ? 4 : 3, d8Day, rng.int(7, 21), toxStop ? '4' : '3', reason, term === 'Lung infection' ? '2' : '4');
      aes.push(ae);
      cycle.d15 = undefined;
      cycle.modif.push('4');
      cycle.modifReason ??= reason;
      cycle.modifAe ??= ae;
      if (toxStop) cycle.stopAe = ae;
    }
    let interval = cycleInterval(rng, n, firstCrDay !== undefined);
    if (n === 1 && interval === 28 && cycle.modif.length === 0 && rng.bernoulli(0.3)) {
      cycle.modif.push('5');
      cycle.modifReason = '1';
    }
    if (!lastOfCourse && d.longDelayCycle === n + 1) {
      interval = rng.int(44, 50);
      pendingDelay = { reason: rng.pick(['8', '9']) };
    } else if (!lastOfCourse && n >= 1 && rng.bernoulli(0.08)) {
      interval = Math.min(42, interval + rng.int(7, 12));
      const term = rng.weighted([['Neutrophil count decreased', 0.5], ['Lung infection', 0.25], ['Alanine aminotransferase increased', 0.25]]);
      const reason = term === 'Lung infection' ? '4' : term === 'Neutrophil count decreased' ? '1' : '2';
      const onset = Math.min(start + interval - 5, (cycle.d15 ?? cycle.d8 ?? { day: start }).day + rng.int(1, 6));
      const ae = newAe(term, term === 'Alanine aminotransferase increased' ? 3 : rng.pick([3, 4]), onset, rng.int(5, 14), '3', reason, term === 'Lung infection' ? '2' : '4');
      aes.push(ae);
      pendingDelay = { ae, reason };
    }
    const lastDoseOfCycle = Math.max(...dosesOf(cycle).map((x) => x.day));
    // At least 6 days between the last dose and the next cycle (label; EC24a).
    interval = Math.max(interval, lastDoseOfCycle - start + 6);
    if (cycle.modif.length === 0) cycle.modif.push('0');
    cycles.push(cycle);
    const nextStart = start + interval;
    if (d.earlyDeath) break;
    const assess = n <= 3 || lastOfCourse || n % 2 === 0;
    if (assess) {
      const day = Math.max(lastDoseOfCycle + 1, start + rng.int(17, Math.min(21, interval - 1)));
      const ctx: AssessmentContext = { day, timepoint: '1', afterCycle: n, baselineBlasts: b.bmBlastsPct, emdAtStart: b.emdPreIno.length > 0 };
      if (d.responder && n >= d.crCycle) {
        if (crCat === undefined) crCat = rng.bernoulli(0.38) ? '1' : '2';
        else if (crCat === '2' && rng.bernoulli(0.2)) crCat = '1';
        assessments.push(remission(rng, ctx, crCat, remissionMrd(rng, mrd, ph)));
        firstCrDay ??= day;
      } else {
        assessments.push(interim(rng, ctx, d, n, lastOfCourse));
      }
    }
    if (firstCrDay !== undefined && d.relapseAfter !== undefined && !d.hsct && relapseDay === undefined) {
      const lastAssessed = assessments[assessments.length - 1]!.day;
      const candidate = Math.max(firstCrDay + d.relapseAfter, lastAssessed + rng.int(7, 14), lastDoseOfCycle + rng.int(3, 8));
      if (candidate <= nextStart || lastOfCourse) relapseDay = candidate;
      if (candidate <= nextStart && !lastOfCourse) nCycles = n;
    }
    start = nextStart;
  }
  // A delay planned for a cycle that never came (relapse): the AE came after the last dose.
  if (pendingDelay?.ae) pendingDelay.ae.action = '5';
  const lastCycle = cycles[cycles.length - 1]!;
  lastCycle.last = true;
  lastCycle.stopReason = stopReason(d, relapseDay !== undefined && relapseDay <= start, assessments[assessments.length - 1]?.cat, lastCycle.stopAe !== undefined);
  const lastDose = Math.max(...cycles.flatMap((c) => dosesOf(c).map((x) => x.day)));
  const cats = assessments.map((a) => a.cat);
  const bestResponse = cats.includes('1') ? 'CR' : cats.includes('2') ? 'CRi' : cats.includes('3') ? 'PR' : cats.includes('4') ? 'NR' : cats.includes('5') ? 'PD' : 'NE';
  return {
    cycles,
    assessments,
    aes,
    ...(firstCrDay !== undefined ? { firstCrDay } : {}),
    bestResponse,
    ...(cats.length > 0 ? { lastCat: cats[cats.length - 1]! } : {}),
    mrd,
    lastDose,
    ...(relapseDay !== undefined ? { relapseDay } : {}),
    ...(d.earlyDeath ? { earlyDeathDay: lastDose + rng.int(4, 25) } : {}),
  };
}

function stopReason(d: TreatmentDecisions, relapsedOnTreatment: boolean, lastCat: string | undefined, toxicity: boolean): string {
  if (d.earlyDeath) return '7';
  if (d.stop === 'sos') return '5';
  if (toxicity) return '4';
  if (!d.responder) return lastCat === '5' ? '6' : '3';
  if (d.hsct) return '2';
  if (relapsedOnTreatment) return '6';
  if (d.stop === 'decision') return '8';
  return '1';
}
