// Demographics, first-dose date and baseline at C1D1: age ~N(46, 15) in 18.6–81, sex, BSA as the app computes it, Ph, ECOG, comorbidities, labs.

import type { Baseline } from './course';
import { fromYmd, yearOf, YEAR_DAYS, type Day } from './days';
import type { Rng } from '../../../core/stats/random';

export interface Demographics {
  readonly female: boolean;
  readonly age: number;
  readonly birthDay: Day;
  readonly c1d1: Day;
  readonly ph: 'pos' | 'neg' | 'unknown';
}

const round = (x: number, places: number): number => Number(x.toFixed(places));

/** Mosteller BSA rounded as the definition's calc does. */
export function mosteller(heightCm: number, weightKg: number): number {
  return Math.round(Number((Math.sqrt((heightCm * weightKg) / 3600) * 100).toPrecision(12))) / 100;
}

/** First dose: years weighted towards the later, more active years of the programme. */
function firstDoseDay(rng: Rng, from: Day, to: Day): Day {
  const years: [number, number][] = [];
  for (let y = yearOf(from); y <= yearOf(to); y += 1) years.push([y, y <= 2015 ? 3 : y <= 2017 ? 6 : 10]);
  const year = rng.weighted(years);
  const lo = Math.max(from, fromYmd(year, 1, 1));
  const hi = Math.min(to, fromYmd(year, 12, 31));
  return rng.int(lo, hi);
}

export function generateDemographics(rng: Rng, window: { from: Day; to: Day }): Demographics {
  const female = rng.bernoulli(0.44);
  const age = rng.truncNormal(46, 15, 18.6, 81);
  const c1d1 = firstDoseDay(rng, window.from, window.to);
  const birthDay = c1d1 - Math.round(age * YEAR_DAYS);
  const ph = rng.weighted([['pos', 0.27], ['neg', 0.71], ['unknown', 0.02]] as const);
  return { female, age, birthDay, c1d1, ph };
}

function comorbidities(rng: Rng, priorAllo: boolean, age: number): string[] {
  if (!rng.bernoulli(age > 60 ? 0.55 : 0.3)) return [];
  const pool: [string, number][] = [['1', 0.07], ['3', 0.05], ['4', 0.12], ['5', 0.03], ['6', 0.13], ['7', 0.05], ['8', 0.07], ['9', 0.06], ['10', 0.1], ['99', 0.12]];
  if (priorAllo) pool.push(['2', 0.25]);
  const n = rng.weighted([[1, 0.7], [2, 0.25], [3, 0.05]]);
  const chosen = new Set<string>();
  while (chosen.size < n) chosen.add(rng.weighted(pool));
  return [...chosen].sort((a, b) => Number(a) - Number(b));
}

export function generateBaseline(rng: Rng, demo: Demographics, priorAllo: boolean): Baseline {
  const heightCm = Math.round(demo.female ? rng.truncNormal(162, 6.5, 146, 184) : rng.truncNormal(175, 7, 156, 198));
  let weightKg = round(Math.min(40, Math.max(17, rng.lognormal(24.5, 0.16))) * (heightCm / 100) ** 2, 1);
  weightKg = Math.min(Math.max(weightKg, 40), 150);
  while (mosteller(heightCm, weightKg) > 2.55) weightKg = round(weightKg - 2, 1);
  const comorbs = comorbidities(rng, priorAllo, demo.age);
  const bmBlastsPct = round(100 * Math.min(0.97, Math.max(0.08, rng.normal(0.62, 0.24))), 1);
  const wbc = round(Math.min(150, Math.max(0.4, rng.lognormal(bmBlastsPct > 70 ? 7 : 3.8, 0.8))), 2);
  const liverRisk = comorbs.includes('1') || comorbs.includes('2') || comorbs.includes('3');
  const biliUln = rng.pick([1.0, 1.1, 1.2]);
  const emdSites = rng.bernoulli(0.12) ? rng.sample(demo.female ? ['1', '2', '3', '5', '6', '7'] : ['1', '2', '3', '4', '5', '6', '7'], rng.int(1, 2)) : [];
  return {
    female: demo.female,
    birthDay: demo.birthDay,
    age: demo.age,
    c1d1: demo.c1d1,
    heightCm,
    weightKg,
    bsa: mosteller(heightCm, weightKg),
    ph: demo.ph,
    ecog: rng.weighted([['0', 0.3], ['1', 0.48], ['2', 0.18], ['3', 0.04]]),
    comorbidities: comorbs,
    ...(comorbs.includes('99') ? { comorbOther: rng.pick(['Arterial hypertension', 'Hypothyroidism', 'Obesity', 'Depression', 'Gout']) } : {}),
    liverRisk,
    bmBlastsPct,
    pbBlastsPct: rng.bernoulli(0.25) ? 0 : round(Math.min(95, rng.lognormal(bmBlastsPct > 50 ? 25 : 8, 0.9)), 1),
    anc: round(Math.min(wbc, Math.max(0.02, rng.lognormal(1.0, 0.8))), 2),
    plt: round(Math.min(420, Math.max(4, rng.lognormal(52, 0.75))), 1),
    wbc,
    hb: round(rng.truncNormal(9.6, 1.4, 6, 15), 1),
    biliTotal: round(Math.min(4, Math.max(0.2, rng.lognormal(liverRisk ? 1.1 : 0.6, 0.45))), 2),
    biliUln,
    ast: round(Math.min(400, rng.lognormal(liverRisk ? 45 : 25, 0.5)), 1),
    alt: round(Math.min(400, rng.lognormal(liverRisk ? 50 : 28, 0.6)), 1),
    astUln: rng.pick([35, 40, 45, 50]),
    altUln: rng.pick([35, 40, 45, 50]),
    creatinine: round(rng.truncNormal(demo.female ? 0.75 : 0.9, 0.15, 0.4, 2.2), 2),
    hbv: rng.weighted([['3', 0.82], ['2', 0.12], ['1', 0.01], ['9', 0.05]]),
    cnsPreIno: rng.bernoulli(0.06),
    emdPreIno: emdSites,
  };
}
