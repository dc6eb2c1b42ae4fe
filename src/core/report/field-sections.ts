// The generic section of descriptive statistics by field: per form, a table of its numbers (n, mean (SD), median
// [IQR], range) with a histogram of each, its choices (counts and % of the records answered) with a bar chart,
// its dates (first, last) and its free texts (answered).

import { DASH, formatDate } from '../../shared/format';
import type { ReportBlock, ReportSection } from '../../shared/report/report-document';
import type { CompiledStudy } from '../../shared/study/compile';
import { chart, heading, indented, note, row, section, table } from './blocks';
import { countWithShare, formatRange, formatStat } from './cells';
import { chartConfig } from './charts';
import { reportText } from './labels';
import type { ChoiceStats, DateStats, FieldStatsData, NumberStats, ReportLang, TextStats } from './types';

type FormStats = FieldStatsData['forms'][number];
type Of<K> = FormStats['fields'][number] & K;

/** Decimals shown for a field: its precision, 0 for integers, 2 for calculated numbers without one. */
function digitsOf(study: CompiledStudy, form: string, field: string): number {
  const f = study.field(form, field)?.field;
  if (!f) return 2;
  if (f.type === 'integer') return 0;
  if (f.type === 'decimal') return f.precision;
  if (f.type === 'calc') return f.precision ?? 2;
  return 2;
}

function label(f: { label: string; unit: string | null }): string {
  return f.unit ? `${f.label} (${f.unit})` : f.label;
}

function numberBlocks(form: FormStats, fields: readonly Of<NumberStats>[], study: CompiledStudy, lang: ReportLang): ReportBlock[] {
  const t = (key: string, params = {}): string => reportText(lang, key, params);
  const num = (label: string): { label: string; numeric: true } => ({ label, numeric: true });
  const rows = fields.map((f) => {
    const d = digitsOf(study, form.form, f.field);
    const fmt = (x: number | null, extra = 0): string => formatStat(x, d + extra, lang);
    const has = f.n > 0;
    return [
      { text: label(f), sub: f.field },
      String(f.n),
      String(f.blank + f.missing_reason),
      has ? `${fmt(f.mean, 1)} (${fmt(f.sd, 1)})` : DASH,
      has ? `${fmt(f.median)} [${formatRange(fmt(f.q1), fmt(f.q3))}]` : DASH,
      has ? formatRange(fmt(f.min), fmt(f.max)) : DASH,
    ];
  });
  const values = fields.flatMap((f) => f.bins.map((b) => ({ f: label(f), x0: b.from, x1: b.to, n: b.n })));
  const blocks: ReportBlock[] = [table([t('fields.field'), num('n'), num(t('fields.blank')), num(t('fields.mean_sd')), num(t('fields.median_iqr')), num(t('fields.range'))], rows, { caption: t('fields.numbers', { form: form.title }) })];
  if (values.length > 0) {
    blocks.push(
      chart(`fields_${form.form}_numbers`, t('fields.chart_numbers', { form: form.title }), {
          config: chartConfig(lang),
          data: { values },
          columns: 3,
          facet: { field: 'f', type: 'nominal', title: null, sort: fields.map(label), header: { labelLimit: 180, labelFontSize: 11 } },
          spec: {
            width: 170,
            height: 70,
            mark: { type: 'bar', color: '#1f5f8b' },
            encoding: {
              // Lean axes (the range ends only, no count axis: the table has the numbers): most of a small multiple's drawing time is its axes.
              x: { field: 'x0', type: 'quantitative', title: null, bin: { binned: true }, axis: { tickCount: 2, labelFlush: true, grid: false, domain: false, ticks: false } },
              x2: { field: 'x1' },
              y: { field: 'n', type: 'quantitative', title: null, axis: null },
            },
          },
          resolve: { scale: { x: 'independent', y: 'independent' } },
        }),
    );
  }
  return blocks;
}

function choiceBlocks(form: FormStats, fields: readonly Of<ChoiceStats>[], lang: ReportLang): ReportBlock[] {
  const t = (key: string, params = {}): string => reportText(lang, key, params);
  const rows = fields.flatMap((f) => [
    row([{ text: label(f), sub: f.field }, `n = ${f.n}`], 'group'),
    ...f.counts.map((c) => [indented(c.label), countWithShare(c.n, f.n, lang)]),
    ...(f.blank + f.missing_reason > 0 ? [[indented(t('fields.blank')), String(f.blank + f.missing_reason)]] : []),
  ]);
  const shown = fields.filter((f) => f.n > 0);
  // The chart shows at most the 12 most frequent answers of a field (a reference list can have hundreds).
  const values = shown.flatMap((f) => [...f.counts].filter((c) => c.n > 0).sort((a, b) => b.n - a.n).slice(0, 12).map((c) => ({ f: label(f), level: c.label, n: c.n })));
  const blocks: ReportBlock[] = [table([t('fields.level'), { label: 'n (%)', numeric: true }], rows, { caption: t('fields.choices', { form: form.title }) })];
  if (values.length > 0) {
    blocks.push(
      chart(`fields_${form.form}_choices`, t('fields.chart_choices', { form: form.title }), {
          config: chartConfig(lang),
          data: { values },
          columns: 2,
          facet: { field: 'f', type: 'nominal', title: null, sort: shown.map(label), header: { labelLimit: 260, labelFontSize: 11 } },
          spec: {
            width: 200,
            height: { step: 14 },
            mark: { type: 'bar', color: '#1f5f8b' },
            encoding: {
              y: { field: 'level', type: 'nominal', title: null, sort: '-x', axis: { labelLimit: 140, grid: false, domain: false, ticks: false } },
              x: { field: 'n', type: 'quantitative', title: null, axis: null },
            },
          },
          resolve: { scale: { y: 'independent', x: 'independent' } },
        }),
    );
  }
  return blocks;
}

function dateBlock(form: FormStats, fields: readonly Of<DateStats>[], lang: ReportLang): ReportBlock {
  const t = (key: string, params = {}): string => reportText(lang, key, params);
  const num = (label: string): { label: string; numeric: true } => ({ label, numeric: true });
  return table(
    [t('fields.field'), num('n'), num(t('fields.blank')), num(t('fields.first')), num(t('fields.last'))],
    fields.map((f) => [{ text: label(f), sub: f.field }, String(f.n), String(f.blank + f.missing_reason), formatDate(f.first, lang), formatDate(f.last, lang)]),
    { caption: t('fields.dates', { form: form.title }) },
  );
}

function textBlock(form: FormStats, fields: readonly Of<TextStats>[], lang: ReportLang): ReportBlock {
  const t = (key: string, params = {}): string => reportText(lang, key, params);
  return table(
    [t('fields.field'), { label: t('fields.answered'), numeric: true }, { label: t('fields.blank'), numeric: true }],
    fields.map((f) => [{ text: label(f), sub: f.field }, String(f.n), String(f.blank + f.missing_reason)]),
    { caption: t('fields.texts', { form: form.title }) },
  );
}

export function fieldsSection(data: FieldStatsData, study: CompiledStudy, lang: ReportLang): ReportSection {
  const t = (key: string): string => reportText(lang, key);
  const blocks: ReportBlock[] = [note(t('fields.note'))];
  for (const form of data.forms) {
    blocks.push(heading(`${form.title} (n = ${form.records})`));
    if (form.records === 0) {
      blocks.push(note(t('fields.no_data')));
      continue;
    }
    const of = <K extends FormStats['fields'][number]['kind']>(kind: K): Of<Extract<FormStats['fields'][number], { kind: K }>>[] =>
      form.fields.filter((f): f is Of<Extract<FormStats['fields'][number], { kind: K }>> => f.kind === kind);
    const numbers = of('number');
    const choices = of('choice');
    const dates = of('date');
    const texts = of('text');
    if (numbers.length > 0) blocks.push(...numberBlocks(form, numbers, study, lang));
    if (choices.length > 0) blocks.push(...choiceBlocks(form, choices, lang));
    if (dates.length > 0) blocks.push(dateBlock(form, dates, lang));
    if (texts.length > 0) blocks.push(textBlock(form, texts, lang));
  }
  return section('fields', t('sections.fields'), 'generic', blocks, data);
}
