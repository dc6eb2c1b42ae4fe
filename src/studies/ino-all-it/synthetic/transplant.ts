// Allogeneic HSCT after inotuzumab: donor, source, conditioning, GVHD and SOS prophylaxis, engraftment, acute and chronic GVHD.

import type { Hsct, Therapy } from './course';
import type { Day } from './days';
import { transplantDetails } from './history';
import type { Rng } from '../../../core/stats/random';

export interface HsctInput {
  readonly day: Day;
  readonly direct: boolean;
  readonly status: string;
  readonly mrd: string;
  readonly age: number;
  readonly priorAllo: boolean;
}

export function newTransplant(rng: Rng, input: HsctInput): Therapy {
  const base = transplantDetails(rng, input.age);
  const donor = base.donor;
  const graftFail = rng.bernoulli(0.03);
  const tbi = base.cond.includes('1') ? (base.intensity === '1' ? 12 : 2) : undefined;
  const hsct: Hsct = {
    direct: input.direct,
    status: input.status,
    mrd: input.mrd,
    donor,
    source: donor === '5' ? '3' : donor === '4' ? (rng.bernoulli(0.6) ? '2' : '1') : rng.bernoulli(0.8) ? '2' : '1',
    number: input.priorAllo ? 2 : 1,
    intensity: base.intensity,
    cond: base.cond,
    ...(tbi !== undefined ? { tbiGy: tbi } : {}),
    gvhdProph: donor === '1' ? ['1', '3'] : donor === '4' ? ['5', rng.pick(['1', '2']), '4'] : donor === '5' ? ['1', '4'] : ['1', '3', '6'],
    vodProph: rng.weighted([[['1'], 0.75], [['1', '2'], 0.08], [['1', '3'], 0.07], [['0'], 0.1]]),
    ...(graftFail ? {} : { engraftDay: input.day + (donor === '5' ? rng.int(20, 32) : rng.int(14, 24)) }),
    graftFail,
    agvhd: '0',
    cgvhd: '0',
  };
  return { type: '1', start: input.day, hsct };
}

/** GVHD once the end of follow-up (death, loss or cut-off) is known; a GVHD death gets grade III–IV aGVHD. */
export function finishTransplant(rng: Rng, therapy: Therapy, end: Day, gvhdDeath: boolean): void {
  const h = therapy.hsct!;
  const day0 = therapy.start;
  if (h.engraftDay !== undefined && h.engraftDay >= end) delete h.engraftDay;
  const grade = gvhdDeath ? rng.pick(['3', '4']) : rng.weighted([['0', 0.5], ['1', 0.17], ['2', 0.18], ['3', 0.1], ['4', 0.05]]);
  if (grade !== '0' && end - day0 > 20) {
    h.agvhd = grade;
    h.agvhdDay = day0 + rng.int(15, Math.min(60, end - day0 - 2));
  }
  if (end - day0 > 110 && !gvhdDeath) {
    const c = rng.weighted([['0', 0.55], ['1', 0.2], ['2', 0.15], ['3', 0.1]]);
    if (c !== '0') {
      h.cgvhd = c;
      h.cgvhdDay = day0 + rng.int(100, Math.min(250, end - day0 - 2));
    }
  }
}
