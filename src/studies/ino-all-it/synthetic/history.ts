// Disease history before inotuzumab: front-line and salvage lines (salvage line 1–3), remissions, relapses, prior allo-HSCT, status at first dose.

import type { Demographics } from './baseline';
import type { History, Line, TransplantDetails } from './course';
import { YEAR_DAYS, yearOf, type Day } from './days';
import type { Rng } from '../../../core/stats/random';

interface Draft {
  intent: '1' | '3';
  regimenCat: string;
  regimenName: string;
  start: number;
  end: number;
  bestResp: string;
  bestMrd?: string;
  crDay?: number;
  relapseDay?: number;
  endReason: string;
  tkiAgents?: string[];
  blinaCycles?: number;
  cart?: { product: string; day: number };
  hsct?: TransplantDetails & { day: number };
}

export function transplantDetails(rng: Rng, age: number): TransplantDetails {
  const mac = rng.bernoulli(age < 45 ? 0.8 : age < 60 ? 0.5 : 0.15);
  return {
    donor: rng.weighted([['1', 0.22], ['2', 0.38], ['3', 0.08], ['4', 0.3], ['5', 0.02]]),
    intensity: mac ? '1' : rng.bernoulli(0.95) ? '2' : '3',
    cond: mac
      ? rng.weighted([[['1', '6'], 0.4], [['2', '4', '7'], 0.45], [['2', '6'], 0.1], [['1', '8'], 0.05]])
      : rng.weighted([[['5', '7'], 0.35], [['2', '7'], 0.3], [['2', '4', '7'], 0.25], [['1', '7'], 0.1]]),
  };
}

function tkis(rng: Rng, year: number, salvage: boolean): string[] {
  if (salvage) return [rng.weighted([['5', 0.7], ['2', 0.2], ['4', 0.1]])];
  return [year < 2016 ? rng.weighted([['1', 0.6], ['2', 0.4]]) : rng.weighted([['2', 0.6], ['1', 0.2], ['5', 0.2]])];
}

function frontRegimen(rng: Rng, ph: boolean, age: number, year: number): Pick<Draft, 'regimenCat' | 'regimenName' | 'blinaCycles'> {
  if (ph) {
    if (year >= 2019 && rng.bernoulli(0.35)) return { regimenCat: '7', regimenName: 'GIMEMA LAL2116 D-ALBA', blinaCycles: rng.int(2, 5) };
    return rng.bernoulli(0.45)
      ? { regimenCat: '3', regimenName: rng.pick(['GIMEMA LAL1205', 'GIMEMA LAL1509']) }
      : { regimenCat: '4', regimenName: rng.pick(['GIMEMA LAL0904', 'EsPhALL-like', 'Hyper-CVAD + TKI']) };
  }
  if (age > 65 && rng.bernoulli(0.5)) return { regimenCat: '10', regimenName: 'Vincristine + prednisone' };
  return rng.bernoulli(0.82)
    ? { regimenCat: '1', regimenName: rng.pick(['GIMEMA LAL1913', 'NILG 10/07', 'GRAALL-2005', 'PETHEMA LAL-AR-2011', 'GIMEMA LAL1308']) }
    : { regimenCat: '2', regimenName: 'Hyper-CVAD' };
}

function salvageRegimen(rng: Rng, ph: boolean, year: number): Pick<Draft, 'regimenCat' | 'regimenName' | 'blinaCycles'> & { cart?: boolean } {
  if (year >= 2022 && rng.bernoulli(0.08)) return { regimenCat: '8', regimenName: 'Brexucabtagene autoleucel', cart: true };
  if (year >= 2016 && rng.bernoulli(ph ? 0.4 : 0.35)) return { regimenCat: '7', regimenName: ph ? 'Blinatumomab + ponatinib' : 'Blinatumomab', blinaCycles: rng.int(1, 4) };
  if (ph) return { regimenCat: '4', regimenName: 'Ponatinib + chemotherapy' };
  return rng.weighted([
    [{ regimenCat: '5', regimenName: 'FLAG-Ida' }, 0.62],
    [{ regimenCat: '6', regimenName: 'Clofarabine + cytarabine' }, 0.13],
    [{ regimenCat: '2', regimenName: 'Hyper-CVAD' }, 0.25],
  ]);
}

/** One line starting at `start` (days from diagnosis); returns it and the day of the event that ended it. */
function line(rng: Rng, args: { salvage: boolean; start: number; cr: boolean; hsct: boolean; ph: boolean; age: number; year: number }): { line: Draft; event: number } {
  const { start, salvage } = args;
  const regimen = salvage ? salvageRegimen(rng, args.ph, args.year) : frontRegimen(rng, args.ph, args.age, args.year);
  const draft: Draft = { intent: salvage ? '3' : '1', ...regimen, start, end: start, bestResp: '4', endReason: '2' };
  if (regimen.blinaCycles === undefined) delete draft.blinaCycles;
  delete (draft as { cart?: unknown }).cart;
  if (args.ph) draft.tkiAgents = tkis(rng, args.year, salvage);
  const cartDay = 'cart' in regimen && regimen.cart ? start + rng.int(25, 40) : undefined;
  if (cartDay !== undefined) draft.cart = { product: '2', day: cartDay };
  const firstResponse = (cartDay ?? start) + rng.int(26, 45);
  if (!args.cr) {
    draft.end = Math.max(firstResponse, (cartDay ?? start) + 30) + rng.int(0, 20);
    draft.bestResp = rng.weighted([['4', 0.7], ['3', 0.2], ['5', 0.1]]);
    return { line: draft, event: draft.end };
  }
  draft.crDay = firstResponse;
  draft.bestResp = rng.bernoulli(0.85) ? '1' : '2';
  draft.bestMrd = rng.weighted([['1', 0.4], ['2', 0.35], ['8', 0.15], ['9', 0.1]]);
  if (args.hsct) {
    const day = firstResponse + rng.int(salvage ? 40 : 80, salvage ? 100 : 160);
    draft.hsct = { day, ...transplantDetails(rng, args.age) };
    draft.end = day + rng.int(30, 100);
    draft.relapseDay = Math.max(draft.end + 20, day + Math.round(Math.min(1800, Math.max(90, rng.lognormal(salvage ? 240 : 320, 0.7)))));
    draft.endReason = '1';
    return { line: draft, event: draft.relapseDay };
  }
  const planned = start + (salvage ? rng.int(50, 160) : rng.int(240, 900));
  const remission = Math.round(Math.min(salvage ? 900 : 3000, Math.max(salvage ? 30 : 60, rng.lognormal(salvage ? 150 : 400, 0.7))));
  draft.relapseDay = firstResponse + remission;
  if (draft.relapseDay <= planned) {
    draft.end = draft.relapseDay;
    draft.endReason = '3';
  } else {
    draft.end = Math.max(planned, (cartDay ?? firstResponse) + 1);
    draft.endReason = '1';
  }
  return { line: draft, event: draft.relapseDay };
}

export function generateHistory(rng: Rng, demo: Demographics): History {
  const salvageLine = rng.weighted([[1, 0.58], [2, 0.3], [3, 0.12]]);
  const ph = demo.ph === 'pos';
  const approxYear = (rel: number, total: number): number => yearOf(demo.c1d1 - (total - rel));
  const drafts: Draft[] = [];
  let t = rng.int(3, 14);
  let hsctDone = false;
  let relapses = 0;
  let lastCr = false;
  const horizon = Math.round(rng.uniform(1.5, 3) * YEAR_DAYS);
  for (let i = 0; i < salvageLine; i += 1) {
    const salvage = i > 0;
    const cr = salvage ? rng.bernoulli(0.5) : rng.bernoulli(0.88);
    const hsct: boolean = cr && !hsctDone && demo.age < 66 && rng.bernoulli(salvage ? 0.33 : ph ? 0.22 : 0.1);
    const { line: l, event } = line(rng, { salvage, start: t, cr, hsct, ph, age: demo.age, year: approxYear(t, horizon) });
    drafts.push(l);
    hsctDone ||= hsct;
    if (cr) relapses += 1;
    lastCr = cr;
    t = event + rng.int(6, 25);
  }
  const c1d1Rel = t + rng.int(4, 20);
  // Keep the diagnosis after the 16th birthday: compress the history if needed.
  const allowed = demo.c1d1 - demo.birthDay - Math.round(16 * YEAR_DAYS);
  const scale = c1d1Rel > allowed ? allowed / c1d1Rel : 1;
  const at = (rel: number): Day => demo.c1d1 - Math.round((c1d1Rel - rel) * scale);
  const lines: Line[] = drafts.map((d) => ({
    ...d,
    start: at(d.start),
    end: at(d.end),
    ...(d.crDay !== undefined ? { crDay: at(d.crDay) } : {}),
    ...(d.relapseDay !== undefined ? { relapseDay: at(d.relapseDay) } : {}),
    ...(d.cart ? { cart: { product: d.cart.product, day: at(d.cart.day) } } : {}),
    ...(d.hsct ? { hsct: { ...d.hsct, day: at(d.hsct.day) } } : {}),
  }));
  const firstCr = lines.find((l) => l.crDay !== undefined);
  const last = lines[lines.length - 1]!;
  const status = !lastCr ? (relapses === 0 && salvageLine === 1 ? '1' : '5') : relapses === 1 ? '2' : relapses === 2 ? '3' : '4';
  return {
    dxDay: at(0),
    lines,
    ...(firstCr ? { cr1Day: firstCr.crDay!, relapse1Day: firstCr.relapseDay! } : {}),
    status,
    salvageLine,
    eventDay: last.relapseDay ?? last.end,
    priorAllo: lines.some((l) => l.hsct),
    relapses,
  };
}
