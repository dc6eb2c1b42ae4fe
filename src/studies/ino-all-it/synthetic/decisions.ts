// Patient-level random choices: early death, response by salvage line, HSCT, cycles, SOS without HSCT, relapse timing, stop, soft case.

import type { Baseline, History } from './course';
import type { Rng } from '../../../core/stats/random';
import type { TreatmentDecisions } from './treatment';

export type SoftCase = 'EC10' | 'EC08' | 'EC22' | 'EC24b' | 'EC66';

export function decide(rng: Rng, b: Baseline, h: History, softCase: SoftCase | undefined): TreatmentDecisions {
  const earlyDeath = rng.bernoulli(0.035);
  const pResp = [0.8, 0.69, 0.62][h.salvageLine - 1] ?? 0.6;
  const responder = !earlyDeath && rng.bernoulli(pResp);
  const crCycle = responder ? rng.weighted([[1, 0.6], [2, 0.32], [3, 0.08]]) : 1;
  const pHsct = 0.55 * (b.age > 60 ? 0.45 : 1) * (h.priorAllo ? 0.35 : 1);
  const hsct = responder && b.age <= 70 && rng.bernoulli(crCycle === 3 ? pHsct / 2 : pHsct);
  const pSos = 0.045 * (h.priorAllo ? 2 : 1) * (b.liverRisk ? 1.8 : 1) * (b.age >= 55 ? 1.3 : 1);
  const sos = !earlyDeath && !hsct && rng.bernoulli(pSos);
  let cycles: number;
  if (earlyDeath) cycles = 1;
  else if (hsct) cycles = Math.max(crCycle, rng.weighted([[2, 0.88], [3, 0.07], [1, 0.05]]));
  else if (responder) cycles = Math.min(6, Math.max(crCycle + 1, rng.weighted([[3, 0.3], [4, 0.25], [5, 0.15], [6, 0.3]])));
  else cycles = rng.weighted([[1, 0.12], [2, 0.4], [3, 0.48]]);
  const nonResponse = rng.weighted([['3', 0.28], ['4', 0.55], ['5', 0.17]] as const);
  const relapseAfter = responder && !hsct && rng.bernoulli(0.85) ? Math.round(Math.min(2500, Math.max(35, rng.lognormal(105, 0.65)))) : undefined;
  let stop: TreatmentDecisions['stop'];
  if (sos) stop = 'sos';
  else if (responder && !hsct) stop = rng.weighted([[undefined, 0.9], ['toxicity', 0.07], ['decision', 0.03]] as const);
  else if (!responder && !earlyDeath && rng.bernoulli(0.04)) stop = 'toxicity';
  return {
    earlyDeath,
    responder,
    crCycle,
    hsct,
    cycles,
    nonResponse,
    ...(relapseAfter !== undefined ? { relapseAfter } : {}),
    ...(stop ? { stop } : {}),
    ...(softCase === 'EC22' && cycles >= 2 ? { longDelayCycle: rng.int(2, cycles) } : {}),
    ...(softCase === 'EC24b' && !earlyDeath ? { lateDay8Cycle: rng.int(1, cycles) } : {}),
  };
}
