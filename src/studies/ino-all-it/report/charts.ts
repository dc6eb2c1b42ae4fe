// The ino-all-it report's charts as Vega-Lite specs: Kaplan–Meier OS/EFS (overall, by Ph status), the SOS/VOD
// cumulative incidence, grade ≥ 3 AEs by organ class and mean cost per patient by category.

import { chart } from '../../../core/report/blocks';
import { chartConfig, stepLayers, stepRows } from '../../../core/report/charts';
import type { ChartBlock } from '../../../shared/report/report-document';
import type { Lang } from '../../../shared/study/localized';
import { groupLabel, t } from './labels';
import type { AdverseEventSection, CostSection, SosSection, SurvivalCurveReport } from './types';

function axes(lang: Lang, y: string): { x: string; y: string; group: string } {
  return { x: t(lang, 'days_from_c1d1'), y, group: t(lang, 'group') };
}

export function kmChart(id: string, title: string, curves: readonly SurvivalCurveReport[], lang: Lang): ChartBlock {
  const groupNames = (c: SurvivalCurveReport): string => groupLabel(lang, c.group);
  const values = curves.flatMap((c) => stepRows(groupNames(c), 1, c.steps.map((s) => ({ time: s.time, value: s.survival, lower: s.lower, upper: s.upper, censored: s.censored }))));
  const layer = stepLayers(axes(lang, t(lang, 'survival_prob')), curves.map(groupNames), [0, 1]);
  return chart(id, title, { width: 560, height: 300, data: { values }, config: chartConfig(lang, true), layer });
}

export function sosChart(sos: SosSection, lang: Lang): ChartBlock {
  const values = stepRows('SOS/VOD', 0, sos.steps.map((s) => ({ time: s.time, value: s.cif, lower: s.lower, upper: s.upper, censored: s.censored })));
  const layers = stepLayers(axes(lang, t(lang, 'cum_incidence')), ['SOS/VOD']);
  return chart('sos_vod_cif', t(lang, 'sos_chart'), {
    width: 560,
    height: 260,
    config: chartConfig(lang),
    data: { values },
    layer: [...layers, { mark: { type: 'rule', strokeDash: [4, 4], color: '#888' }, encoding: { x: { datum: sos.horizon_days } } }],
  });
}

export function aeChart(ae: AdverseEventSection, lang: Lang): ChartBlock {
  const socs = ae.by_soc.filter((s) => s.grade3plus > 0).map((s) => ({ soc: s.soc_label, n: s.grade3plus }));
  return chart('ae_grade3_by_soc', t(lang, 'ae_chart'), {
    width: 360,
    height: { step: 18 },
    config: chartConfig(lang),
    data: { values: socs },
    mark: 'bar',
    encoding: {
      y: { field: 'soc', type: 'nominal', sort: '-x', title: null, axis: { labelLimit: 320 } },
      x: { field: 'n', type: 'quantitative', title: t(lang, 'patients'), axis: { tickCount: Math.min(Math.max(1, ...socs.map((x) => x.n)), 6), format: 'd' } },
    },
  });
}

export function costChart(costs: CostSection, lang: Lang): ChartBlock {
  const values = costs.by_category
    .filter((c) => c.total > 0)
    .map((c) => ({ cat: c.label, mean: c.mean ?? 0 }))
    .sort((a, b) => b.mean - a.mean);
  return chart('costs_by_category', t(lang, 'costs_chart'), {
    width: 360,
    height: { step: 18 },
    config: chartConfig(lang),
    data: { values },
    mark: 'bar',
    encoding: {
      y: { field: 'cat', type: 'nominal', sort: values.map((c) => c.cat), title: null, axis: { labelLimit: 320 } },
      x: { field: 'mean', type: 'quantitative', title: t(lang, 'eur'), axis: { format: ',.0f' } },
    },
  });
}
