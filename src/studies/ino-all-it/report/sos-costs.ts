// SOS/VOD (crude proportion, Aalen–Johansen cumulative incidence with death as competing risk, severity) and costs per patient.

import type { StudyDefinition } from '../../../shared/study/definition.schema';
import type { CompiledStudy } from '../../../shared/study/compile';
import { cifAt, cumulativeIncidence, summarize, type CompetingRisksObservation } from '../../../core/stats';
import { competingRiskSummary, grayByPh } from './competing-risks';
import { proportion } from './outcomes';
import { COST_CATEGORY_CODES, valueOf, type SubjectFacts } from './subject-facts';
import { t } from './labels';
import type { Lang as ReportLang } from '../../../shared/study/localized';
import type { CodeCount, CostSection, CostSummary, SosSection } from './types';

export const SOS_HORIZON_DAYS = 100;

function tally(values: readonly (number | undefined)[], levels: readonly { code: string; label: string }[], lang: ReportLang): CodeCount[] {
  const keys = values.map((v) => (v === undefined ? '' : String(v)));
  const known = new Set(levels.map((l) => l.code));
  const rows = levels.map((l) => ({ code: l.code, label: l.label, n: keys.filter((k) => k === l.code).length }));
  const other = keys.filter((k) => !known.has(k)).length;
  return other > 0 ? [...rows, { code: 'missing', label: t(lang, 'missing'), n: other }] : rows;
}

export function sosSection(population: readonly SubjectFacts[], study: CompiledStudy, lang: ReportLang): SosSection {
  const observations: CompetingRisksObservation[] = [];
  for (const f of population) {
    const time = valueOf(f, 'vod_days');
    const status = valueOf(f, 'vod_ci_status');
    if (time !== undefined && (status === 0 || status === 1 || status === 2)) observations.push({ time, status });
  }
  const curve = cumulativeIncidence(observations, 1);
  const at = cifAt(curve, SOS_HORIZON_DAYS);
  const withSos = population.filter((f) => valueOf(f, 'vod_flag') === 1);
  const choices = (form: string, field: string): { code: string; label: string }[] => (study.field(form, field)?.choices ?? []).map((c) => ({ code: c.code, label: c.label[lang] }));
  return {
    treated: population.length,
    crude: proportion(withSos.length, population.length),
    n: curve.n,
    events: curve.events,
    competing: curve.competing,
    horizon_days: SOS_HORIZON_DAYS,
    cif_at_horizon: { cif: at?.cif ?? null, std_err: at?.std_err ?? null, lower: at?.lower ?? null, upper: at?.upper ?? null },
    steps: curve.steps.map((s) => ({ ...s })),
    ebmt_grade: tally(withSos.map((f) => valueOf(f, 'vod_ebmt_grade_max')), choices('vod', 'vod_ebmt_grade'), lang),
    ctcae_grade: tally(withSos.map((f) => valueOf(f, 'vod_ctcae_grade_max')), choices('ae', 'ae_grade'), lang),
    from_hsct: competingRiskSummary('sos_hsct', population, 'vod_hsct_days', 'vod_hsct_status', [SOS_HORIZON_DAYS]),
    gray_ph: grayByPh(population),
  };
}

function costSummary(values: readonly number[]): CostSummary {
  const s = summarize(values);
  return { n: s.n, mean: s.mean, sd: s.sd, median: s.median, q1: s.q1, q3: s.q3, min: s.min, max: s.max, total: values.reduce((a, b) => a + b, 0), nonzero: values.filter((v) => v > 0).length };
}

/** Costs per patient among analysis-population patients with ≥ 1 F11 record (crf-spec §4 cost_by_category, cost_total). */
export function costSection(population: readonly SubjectFacts[], definition: StudyDefinition, siteIds: readonly string[], lang: ReportLang): CostSection {
  const patients = population.filter((f) => f.resourceRecords > 0);
  const labels = definition.codeLists.CL_COSTCAT ?? [];
  const column = (f: SubjectFacts, name: string): number => valueOf(f, name) ?? 0;
  return {
    patients: patients.length,
    by_category: COST_CATEGORY_CODES.map((category) => ({
      category,
      label: labels.find((l) => l.code === category)?.label[lang] ?? category,
      ...costSummary(patients.map((f) => column(f, `cost_cat_${category}`))),
    })),
    total: costSummary(patients.map((f) => column(f, 'cost_total'))),
    by_site: siteIds.map((site_id) => ({ site_id, ...costSummary(patients.filter((f) => f.siteId === site_id).map((f) => column(f, 'cost_total'))) })),
    unvalued_items: patients.reduce((n, f) => n + column(f, 'cost_n_unvalued'), 0),
  };
}
