// The generic section on missing-data reasons: ND / NK / NA by field (share of the form's records) and by form.

import { formatPercent } from '../../shared/format';
import type { ReportSection } from '../../shared/report/report-document';
import { chart, note, section, table } from './blocks';
import { chartConfig } from './charts';
import { reportText } from './labels';
import type { MissingData, ReportLang } from './types';

const REASONS = ['ND', 'NK', 'NA'] as const;

export function missingSection(data: MissingData, lang: ReportLang): ReportSection {
  const t = (key: string, params = {}): string => reportText(lang, key, params);
  const total = data.totals.ND + data.totals.NK + data.totals.NA;
  const numeric = (label: string): { label: string; numeric: true } => ({ label, numeric: true });
  const rows = data.fields.map((f) => {
    const sum = f.ND + f.NK + f.NA;
    return [{ text: f.label, sub: `${f.form}.${f.field}` }, String(f.ND), String(f.NK), String(f.NA), String(f.records), formatPercent(f.records === 0 ? null : sum / f.records, lang)];
  });
  const values = data.by_form.flatMap((f) => REASONS.filter((r) => f[r] > 0).map((r) => ({ form: f.title, reason: r, n: f[r] })));
  return section('missing', t('sections.missing'), 'generic', [
    note(t('missing_data.totals', { total, nd: data.totals.ND, nk: data.totals.NK, na: data.totals.NA, fields: data.fields.length })),
    total === 0
      ? undefined
      : table([t('missing_data.field'), numeric(t('missing_data.ND')), numeric(t('missing_data.NK')), numeric(t('missing_data.NA')), numeric(t('missing_data.records')), numeric(t('missing_data.share'))], rows),
    total === 0
      ? undefined
      : chart('missing_by_form', t('missing_data.chart'), {
          width: 360,
          height: { step: 18 },
          config: chartConfig(lang),
          data: { values },
          mark: 'bar',
          encoding: {
            y: { field: 'form', type: 'nominal', title: null, sort: data.by_form.map((f) => f.title), axis: { labelLimit: 320 } },
            x: { field: 'n', type: 'quantitative', title: t('missing_data.reasons'), axis: { format: 'd' } },
            color: { field: 'reason', type: 'nominal', title: null, sort: [...REASONS] },
          },
        }),
  ], data);
}
