// After the last dose: direct HSCT, SOS/VOD, relapse or progression, death and cause, later therapies, loss to follow-up, censoring at the cut-off.

import type { Assessment, Baseline, History, Outcome, Sos, Therapy } from './course';
import type { Day } from './days';
import type { Rng } from '../../../core/stats/random';
import { activeDisease, remission, remissionMrd } from './response';
import { generateSos } from './sos';
import { finishTransplant, newTransplant } from './transplant';
import type { Treatment, TreatmentDecisions } from './treatment';

export interface AfterTreatment {
  readonly therapies: Therapy[];
  readonly hsct?: Therapy;
  readonly sos?: Sos;
  readonly assessments: Assessment[];
  readonly outcome: Outcome;
  /** Last day the record may hold: death, loss to follow-up, or the data cut-off. */
  readonly horizon: Day;
}

interface Death {
  day: Day;
  cause: string;
  spec?: string;
}

const clamp = (x: number, lo: number, hi: number): number => Math.round(Math.min(hi, Math.max(lo, x)));

function sosGrade(rng: Rng): 2 | 3 | 4 | 5 {
  return rng.weighted([[2, 0.25], [3, 0.4], [4, 0.2], [5, 0.15]] as const);
}

function salvage(rng: Rng, args: { start: Day; ph: boolean; afterHsct: boolean; end: Day }): Therapy {
  const year = new Date(args.start * 86_400_000).getUTCFullYear();
  const options: [string, number][] = [['7', 0.3], ['10', 0.08], ['8', 0.05]];
  if (year >= 2016) options.push(['5', 0.35]);
  if (year >= 2020) options.push(['4', 0.12]);
  if (args.ph) options.push(['6', 0.12]);
  if (args.afterHsct) options.push(['3', 0.12]);
  const type = rng.weighted(options);
  const regimen: Record<string, string> = {
    '3': 'Donor lymphocyte infusion',
    '4': rng.pick(['Brexucabtagene autoleucel', 'Tisagenlecleucel']),
    '5': 'Blinatumomab',
    '6': 'Ponatinib',
    '7': rng.pick(['FLAG-Ida', 'Hyper-CVAD', 'Clofarabine + cytarabine']),
    '8': 'Inotuzumab ozogamicin re-treatment',
    '10': rng.pick(['Vincristine + dexamethasone', 'Best supportive care with steroids']),
  };
  const pCr = type === '4' ? 0.6 : type === '10' ? 0.02 : type === '3' ? 0.2 : 0.3;
  const duration = type === '3' ? 0 : type === '4' ? rng.int(25, 40) : type === '6' ? rng.int(60, 300) : rng.int(21, 90);
  const end = args.start + duration;
  return {
    type,
    start: args.start,
    ...(end <= args.end && rng.bernoulli(0.7) ? { end } : {}),
    regimen: regimen[type]!,
    ...(type === '3' ? {} : { bestResp: rng.bernoulli(pCr) ? '1' : rng.weighted([['4', 0.45], ['5', 0.3], ['3', 0.1], ['7', 0.15]]) }),
  };
}

export function generateAfter(rng: Rng, b: Baseline, h: History, t: Treatment, d: TreatmentDecisions, cutoff: Day): AfterTreatment {
  const risk = { priorAllo: h.priorAllo, comorbidities: b.comorbidities };
  const assessments: Assessment[] = [];
  const therapies: Therapy[] = [];
  const ctxBase = { baselineBlasts: b.bmBlastsPct, emdAtStart: b.emdPreIno.length > 0 };
  const lastAssessment = (): Assessment | undefined => [...t.assessments, ...assessments].at(-1);
  let death: Death | undefined;
  let relapse: Day | undefined;
  let hsct: Therapy | undefined;
  let sosAt: { setting: '1' | '2'; day: Day; grade: 2 | 3 | 4 | 5 } | undefined;
  const lastDose = t.lastDose;

  if (t.earlyDeathDay !== undefined) {
    const cause = rng.weighted([['3', 0.7], ['6', 0.15], ['7', 0.15]]);
    death = { day: t.earlyDeathDay, cause, ...(cause === '7' ? { spec: 'Multi-organ failure' } : {}) };
  } else if (d.hsct) {
    const day = lastDose + rng.int(28, 65);
    if (day <= cutoff - 40) {
      const prev = lastAssessment()!;
      const pre = Math.max(prev.day + 3, lastDose + 7, day - rng.int(6, 18));
      if (pre < day) assessments.push(remission(rng, { ...ctxBase, day: pre, timepoint: '3' }, prev.cat === '1' ? '1' : '2', remissionMrd(rng, t.mrd, b.ph === 'pos')));
      hsct = newTransplant(rng, { day, direct: true, status: String(Math.min(3, h.relapses + 1)), mrd: t.mrd.last, age: b.age, priorAllo: h.priorAllo });
      therapies.push(hsct);
      const engraft = hsct.hsct!.engraftDay ?? day + 20;
      const cond = hsct.hsct!.cond;
      const busulfanOrDual = cond.includes('2') || cond.filter((c) => ['2', '3', '4', '5', '6', '9'].includes(c)).length >= 2;
      const pSos = 0.17 * (h.priorAllo ? 1.5 : 1) * (busulfanOrDual ? 1.4 : 1) * (b.liverRisk ? 1.5 : 1);
      if (rng.bernoulli(pSos)) {
        sosAt = { setting: '2', day: day + (rng.bernoulli(0.7) ? rng.int(6, 21) : rng.int(22, 40)), grade: sosGrade(rng) };
        if (sosAt.grade === 5) death = { day: Math.max(sosAt.day + rng.int(8, 35), engraft + 2), cause: '2' };
      }
      if (!death && rng.bernoulli(0.3)) {
        const cause = rng.weighted([['3', 0.45], ['4', 0.3], ['5', 0.25]]);
        death = { day: Math.max(engraft + 2, day + clamp(rng.lognormal(120, 0.7), 35, 900)), cause };
      }
      if (rng.bernoulli(0.38)) {
        const r = day + clamp(rng.lognormal(200, 0.6), 60, 1500);
        if (!death || r < death.day - 5) relapse = r;
      }
    }
  } else if (t.firstCrDay !== undefined) {
    relapse = t.relapseDay;
    if (relapse === undefined && rng.bernoulli(0.06)) {
      const cause = rng.weighted([['3', 0.5], ['10', 0.3], ['99', 0.2]]);
      death = { day: lastDose + clamp(rng.lognormal(200, 0.8), 30, 2000), cause, ...(cause === '10' ? { spec: rng.pick(['Pulmonary embolism', 'Cardiac arrest']) } : {}) };
    }
  } else {
    const last = lastAssessment();
    relapse = t.lastCat === '5' && last ? last.day : (last?.day ?? lastDose) + rng.int(3, 30);
  }
  if (d.stop === 'sos' && !hsct && t.earlyDeathDay === undefined) {
    sosAt = { setting: '1', day: lastDose + rng.int(3, 12), grade: sosGrade(rng) };
    if (sosAt.grade === 5) {
      death = { day: sosAt.day + rng.int(8, 30), cause: '2' };
      if (relapse !== undefined && relapse >= death.day) relapse = undefined;
    }
  }
  if (relapse !== undefined && !death && rng.bernoulli(0.9)) {
    const cause = rng.weighted([['1', 0.85], ['3', 0.1], ['99', 0.05]]);
    death = { day: relapse + clamp(rng.lognormal(t.firstCrDay === undefined ? 45 : 65, 0.75), 12, 1500), cause };
  }
  // A post-HSCT SOS/VOD cannot follow an earlier death.
  if (sosAt?.setting === '2' && sosAt.grade !== 5 && death && sosAt.day >= death.day - 2) sosAt = undefined;
  // Censoring at the data cut-off.
  if (death && death.day > cutoff) death = undefined;
  if (relapse !== undefined && (relapse > cutoff || (death && relapse >= death.day))) relapse = undefined;
  if (sosAt && sosAt.day > cutoff - 3) sosAt = undefined;
  let lost: Day | undefined;
  if (!death && rng.bernoulli(0.04)) {
    const lo = Math.max(lastDose + 90, (hsct?.start ?? 0) + 120, (relapse ?? 0) + 30, (sosAt?.day ?? 0) + 60);
    const hi = cutoff - 150;
    if (lo <= hi) lost = rng.int(lo, hi);
  }
  if (lost !== undefined && relapse !== undefined && relapse > lost) relapse = undefined;
  const horizon = death?.day ?? lost ?? cutoff;

  // Assessments after treatment: follow-up marrows in remission, then relapse (REL) or progression (PD).
  if (t.firstCrDay !== undefined && !hsct) {
    let next = lastAssessment()!.day + rng.int(75, 110);
    for (let i = 0; i < 2 && next < (relapse ?? horizon) - 20; i += 1) {
      assessments.push(remission(rng, { ...ctxBase, day: next, timepoint: '5' }, lastAssessment()!.cat === '1' ? '1' : '2', remissionMrd(rng, t.mrd, b.ph === 'pos')));
      next += rng.int(75, 110);
    }
  }
  if (relapse !== undefined && !(t.lastCat === '5' && !t.firstCrDay && relapse === lastAssessment()?.day)) {
    assessments.push(activeDisease(rng, { ...ctxBase, day: relapse, timepoint: '4' }, t.firstCrDay !== undefined ? '6' : '5'));
  }

  // Subsequent therapy after relapse or progression; TKI maintenance after HSCT for Ph+.
  const alive = (day: Day): boolean => day < horizon - 2;
  if (hsct && b.ph === 'pos' && rng.bernoulli(0.55)) {
    const start = hsct.start + rng.int(60, 120);
    if (alive(start) && (relapse === undefined || relapse > start)) {
      therapies.push({ type: '6', start, regimen: rng.pick(['Ponatinib maintenance', 'Dasatinib maintenance']), bestResp: '1' });
    }
  }
  if (relapse !== undefined && rng.bernoulli(0.72)) {
    const start = relapse + rng.int(5, 25);
    if (alive(start)) {
      const st = salvage(rng, { start, ph: b.ph === 'pos', afterHsct: hsct !== undefined, end: horizon });
      therapies.push(st);
      const hsctDay = (st.end ?? st.start) + rng.int(30, 60);
      if (st.bestResp === '1' && !hsct && b.age <= 65 && hsctDay <= horizon - 60 && hsctDay <= cutoff - 40 && rng.bernoulli(0.35)) {
        hsct = newTransplant(rng, { day: hsctDay, direct: false, status: String(Math.min(3, h.relapses + 2)), mrd: rng.pick(['1', '2', '8']), age: b.age, priorAllo: h.priorAllo });
        therapies.push(hsct);
      }
    }
  }
  therapies.sort((a, c) => a.start - c.start);
  for (const st of therapies) if (st.hsct) finishTransplant(rng, st, horizon, death?.cause === '4' && st === hsct);

  const sos = sosAt
    ? generateSos(
        rng,
        {
          setting: sosAt.setting,
          dxDay: sosAt.day,
          grade: sosAt.grade,
          weightKg: b.weightKg,
          ...(sosAt.setting === '2' && hsct ? { hsct } : {}),
          lastDose,
          ...(death ? { deathDay: death.day } : {}),
          horizon,
        },
        risk,
      )
    : undefined;

  const outcome: Outcome = {
    lost: lost !== undefined,
    ...(relapse !== undefined
      ? {
          relapseDay: relapse,
          relapseSite: rng.weighted([[['1'], 0.8], [['1', '2'], 0.08], [['4'], 0.07], [['1', '4'], 0.05]]),
          relapseCd22: rng.weighted([['1', 0.7], ['2', 0.15], ['8', 0.1], ['9', 0.05]]),
        }
      : {}),
    ...(death ? { deathDay: death.day, deathCause: death.cause, ...(death.spec ? { deathSpec: death.spec } : {}) } : {}),
  };
  if (outcome.relapseCd22 === '1' && rng.bernoulli(0.6)) outcome.relapseCd22Pct = Number(rng.uniform(40, 99).toFixed(1));
  return { therapies, ...(hsct ? { hsct } : {}), ...(sos ? { sos } : {}), assessments, outcome, horizon };
}
