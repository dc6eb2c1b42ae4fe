// Response (CR/CRi, MRD negativity, HSCT with exact CIs) and Kaplan–Meier OS/EFS curves, overall and by Ph status.

import type { CompiledStudy } from '../../../shared/study/compile';
import { atRiskAt, clopperPearson, kaplanMeier, medianSurvival, survivalAt, type SurvivalObservation } from '../../../core/stats';
import { competingRiskSummary } from './competing-risks';
import { groupLabel, t } from './labels';
import { groupsOf, valueOf, type SubjectFacts } from './subject-facts';
import type { Lang as ReportLang } from '../../../shared/study/localized';
import type { CodeCount, Proportion, ResponseSection, SurvivalCurveReport, SurvivalSection } from './types';

export const AT_RISK_TIMES = [0, 90, 180, 365, 730] as const;
export const LANDMARK_TIMES = [180, 365, 730] as const;

export function proportion(x: number, n: number): Proportion {
  return { x, n, ...clopperPearson(x, n) };
}

export function responseSection(population: readonly SubjectFacts[], study: CompiledStudy, lang: ReportLang): ResponseSection {
  const respChoices = study.field('resp', 'resp_cat')?.choices ?? [];
  return {
    groups: groupsOf(population).map(({ group, members }) => {
      const is = (column: string): SubjectFacts[] => members.filter((f) => valueOf(f, column) === 1);
      const responders = is('crcri');
      const best = new Map<string, number>();
      for (const f of members) {
        const c = String(valueOf(f, 'best_resp_ino') ?? 7);
        best.set(c, (best.get(c) ?? 0) + 1);
      }
      const best_response: CodeCount[] = respChoices
        .filter((c) => best.has(c.code) || ['1', '2', '3', '4', '5', '7'].includes(c.code))
        .map((c) => ({ code: c.code, label: c.label[lang], n: best.get(c.code) ?? 0 }));
      return {
        group,
        n: members.length,
        crcri: proportion(responders.length, members.length),
        mrd_neg_among_crcri: proportion(responders.filter((f) => valueOf(f, 'mrd_neg_crcri') === 1).length, responders.length),
        hsct_after_ino: proportion(is('hsct_after_ino').length, members.length),
        best_response,
      };
    }),
  };
}

/** The (time, event) pairs of an endpoint; subjects without a derivable time are left out (and counted). */
export function observationsOf(members: readonly SubjectFacts[], endpoint: 'os' | 'efs'): { observations: SurvivalObservation[]; notEvaluable: number } {
  const observations: SurvivalObservation[] = [];
  for (const f of members) {
    const time = valueOf(f, `${endpoint}_days`);
    const event = valueOf(f, `${endpoint}_event`);
    if (time !== undefined && (event === 0 || event === 1)) observations.push({ time, event });
  }
  return { observations, notEvaluable: members.length - observations.length };
}

function curveReport(id: string, endpoint: 'os' | 'efs', members: readonly SubjectFacts[], label: string): Omit<SurvivalCurveReport, 'group'> {
  const { observations, notEvaluable } = observationsOf(members, endpoint);
  const curve = kaplanMeier(observations);
  const median = medianSurvival(curve);
  return {
    id,
    endpoint,
    label,
    n: curve.n,
    events: curve.events,
    censored: curve.n - curve.events,
    not_evaluable: notEvaluable,
    steps: curve.steps.map((s) => ({ time: s.time, at_risk: s.at_risk, events: s.events, censored: s.censored, survival: s.survival, lower: s.lower, upper: s.upper })),
    at_risk: atRiskAt(observations, AT_RISK_TIMES),
    median: { median: median.median, lower: median.lower, upper: median.upper },
    landmarks: LANDMARK_TIMES.map((time) => {
      const s = survivalAt(curve, time);
      return { time, survival: s?.survival ?? null, lower: s?.lower ?? null, upper: s?.upper ?? null };
    }),
  };
}

/** Days at which the non-relapse mortality is reported: day 100 and one year. */
export const NRM_TIMES = [100, 365] as const;

export function survivalSection(population: readonly SubjectFacts[], lang: ReportLang): SurvivalSection {
  const curves: SurvivalCurveReport[] = [];
  for (const endpoint of ['os', 'efs'] as const) {
    for (const { group, members } of groupsOf(population)) {
      const id = `${endpoint}_${group}`;
      const label = `${t(lang, endpoint === 'os' ? 'endpoint_os' : 'endpoint_efs')} — ${groupLabel(lang, group)}`;
      curves.push({ group, ...curveReport(id, endpoint, members, label) });
    }
  }
  const nrm = [
    competingRiskSummary('nrm_c1d1', population, 'nrm_days', 'nrm_status', NRM_TIMES),
    competingRiskSummary('nrm_hsct', population, 'nrm_hsct_days', 'nrm_hsct_status', NRM_TIMES),
  ];
  return { at_risk_times: [...AT_RISK_TIMES], landmark_times: [...LANDMARK_TIMES], curves, nrm };
}
