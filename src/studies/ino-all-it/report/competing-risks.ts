// Cumulative incidences under competing risks read from analysis columns (NRM from C1D1 and from HSCT, SOS/VOD from
// HSCT) at fixed days, and Gray's test of SOS/VOD between Ph+ and Ph− patients (crf-spec §4).

import { cifAt, cumulativeIncidence, grayTest, type CompetingRisksObservation } from '../../../core/stats';
import { valueOf, type SubjectFacts } from './subject-facts';
import type { CompetingRiskSummary, GrayTestReport } from './types';

function observations(population: readonly SubjectFacts[], daysColumn: string, statusColumn: string): CompetingRisksObservation[] {
  const out: CompetingRisksObservation[] = [];
  for (const f of population) {
    const time = valueOf(f, daysColumn);
    const status = valueOf(f, statusColumn);
    if (time !== undefined && (status === 0 || status === 1 || status === 2)) out.push({ time, status });
  }
  return out;
}

/** Aalen–Johansen estimate of cause 1 of `statusColumn` (2 competing), with its value at each of `horizons` days. */
export function competingRiskSummary(id: string, population: readonly SubjectFacts[], daysColumn: string, statusColumn: string, horizons: readonly number[]): CompetingRiskSummary {
  const curve = cumulativeIncidence(observations(population, daysColumn, statusColumn), 1);
  return {
    id,
    n: curve.n,
    events: curve.events,
    competing: curve.competing,
    at: horizons.map((time) => {
      const e = cifAt(curve, time);
      return { time, cif: e?.cif ?? null, std_err: e?.std_err ?? null, lower: e?.lower ?? null, upper: e?.upper ?? null };
    }),
    steps: curve.steps.map((s) => ({ ...s })),
  };
}

/** Gray's test of SOS/VOD from C1D1 (death without SOS/VOD competing), Ph+ against Ph−; null without both groups. */
export function grayByPh(population: readonly SubjectFacts[]): GrayTestReport | null {
  const groups = [population.filter((f) => f.phGroup === 'ph_pos'), population.filter((f) => f.phGroup === 'ph_neg')];
  const data = groups.flatMap((members, group) => observations(members, 'vod_days', 'vod_ci_status').map((o) => ({ ...o, group })));
  const sizes = groups.map((members) => observations(members, 'vod_days', 'vod_ci_status').length);
  if (sizes.some((n) => n === 0) || !data.some((o) => o.status === 1)) return null;
  const r = grayTest(data, 2, 1);
  return { statistic: r.statistic, df: r.df, p_value: r.p_value, n_ph_pos: sizes[0]!, n_ph_neg: sizes[1]! };
}
