// Enrolment by site and month (the definition's enrolment date, else the record's creation) and completeness by
// site × form: the counts, and the two generic sections built from them.

import { formatMonth, formatPercent } from '../../shared/format';
import type { ReportSection } from '../../shared/report/report-document';
import type { CompiledStudy } from '../../shared/study/compile';
import { instancesOf } from '../analysis/subject-view';
import type { DatasetSubject } from '../dataset/dataset';
import { chart, note, row, section, table } from './blocks';
import { chartConfig } from './charts';
import { reportText } from './labels';
import type { CompletenessCell, CompletenessData, EnrolmentData, ReportLang } from './types';

const DONE = new Set(['complete', 'signed', 'locked']);
const GENERIC = 'generic';

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Counts only: subjects per site and month, complete forms per site. */
export class EnrolmentCollector {
  private readonly perMonth = new Map<string, Map<string, number>>();
  private readonly population = new Map<string, number>();
  private readonly source = { enrolment_date: 0, created_at: 0 };
  /** site → form → [denominator, complete] */
  private readonly forms = new Map<string, Map<string, [number, number]>>();

  constructor(
    private readonly study: CompiledStudy,
    /** Whether the study defines an analysis population (else the per-site column is null). */
    private readonly hasPopulation: boolean,
  ) {}

  private monthOf(subject: DatasetSubject): { month: string; fromField: boolean } {
    const named = this.study.definition.enrolmentDate;
    const value = named ? instancesOf(subject, named.form)[0]?.data[named.field] : undefined;
    if (typeof value === 'string' && /^\d{4}-\d{2}/.test(value)) return { month: value.slice(0, 7), fromField: true };
    return { month: subject.createdAt.slice(0, 7), fromField: false };
  }

  add(subject: DatasetSubject, inPopulation: boolean): void {
    const { month, fromField } = this.monthOf(subject);
    this.source[fromField ? 'enrolment_date' : 'created_at'] += 1;
    const months = this.perMonth.get(subject.siteId) ?? new Map<string, number>();
    months.set(month, (months.get(month) ?? 0) + 1);
    this.perMonth.set(subject.siteId, months);
    if (inPopulation) this.population.set(subject.siteId, (this.population.get(subject.siteId) ?? 0) + 1);
    const site = this.forms.get(subject.siteId) ?? new Map<string, [number, number]>();
    this.forms.set(subject.siteId, site);
    for (const form of this.study.definition.forms) {
      const cell = site.get(form.key) ?? [0, 0];
      const instances = instancesOf(subject, form.key);
      if (form.repeating) {
        cell[0] += instances.length;
        cell[1] += instances.filter((i) => DONE.has(i.status)).length;
      } else {
        cell[0] += 1;
        cell[1] += instances.some((i) => DONE.has(i.status)) ? 1 : 0;
      }
      site.set(form.key, cell);
    }
  }

  enrolment(siteIds: readonly string[]): EnrolmentData {
    const all = [...this.perMonth.values()].flatMap((m) => [...m.keys()]).sort();
    const months: string[] = [];
    if (all.length > 0) for (let m = all[0]!; m <= all.at(-1)!; m = nextMonth(m)) months.push(m);
    const byMonth: EnrolmentData['by_month'][number][] = [];
    const bySite = siteIds.map((site) => {
      const counts = this.perMonth.get(site) ?? new Map<string, number>();
      let cumulative = 0;
      for (const month of months) {
        const subjects = counts.get(month) ?? 0;
        cumulative += subjects;
        byMonth.push({ month, site_id: site, subjects, cumulative });
      }
      const own = [...counts.keys()].sort();
      return { site_id: site, subjects: cumulative, analysis_population: this.hasPopulation ? (this.population.get(site) ?? 0) : null, first_month: own[0] ?? null, last_month: own.at(-1) ?? null };
    });
    const named = this.study.definition.enrolmentDate;
    return { by_site: bySite, by_month: byMonth, months, date_field: named ? `${named.form}.${named.field}` : null, date_source: { ...this.source } };
  }

  completeness(siteIds: readonly string[], lang: ReportLang): CompletenessData {
    const forms = this.study.definition.forms.map((f) => ({ form: f.key, spec_id: f.specId, title: f.title[lang], repeating: f.repeating }));
    const cell = (site_id: string, form: string, denominator: number, complete: number): CompletenessCell => ({ site_id, form, denominator, complete, share: denominator === 0 ? null : complete / denominator });
    const cells = siteIds.flatMap((site) =>
      forms.map((f) => {
        const [d, c] = this.forms.get(site)?.get(f.form) ?? [0, 0];
        return cell(site, f.form, d, c);
      }),
    );
    const overall = forms.map((f) => {
      const mine = cells.filter((c) => c.form === f.form);
      return cell('*', f.form, mine.reduce((n, c) => n + c.denominator, 0), mine.reduce((n, c) => n + c.complete, 0));
    });
    return { forms, cells, overall };
  }
}

export interface SiteName {
  readonly site_id: string;
  readonly site_name: string;
}

function enrolmentChart(data: EnrolmentData, lang: ReportLang): ReturnType<typeof chart> {
  const months = data.months.map((m) => formatMonth(m, lang));
  const perMonth = data.months.map((m) => data.by_month.filter((r) => r.month === m).reduce((n, r) => n + r.subjects, 0));
  const tallest = Math.max(1, ...perMonth);
  return chart('enrolment_by_month', reportText(lang, 'enrolment.chart'), {
    width: 560,
    height: 220,
    config: chartConfig(lang),
    data: { values: data.by_month.filter((r) => r.subjects > 0).map((r) => ({ m: formatMonth(r.month, lang), site: r.site_id, n: r.subjects })) },
    mark: 'bar',
    encoding: {
      x: { field: 'm', type: 'ordinal', sort: months, scale: { domain: months }, title: reportText(lang, 'enrolment.month'), axis: { labelAngle: months.length > 12 ? -45 : 0 } },
      y: { field: 'n', type: 'quantitative', title: reportText(lang, 'enrolment.registered'), axis: { tickCount: Math.min(tallest, 6), format: 'd' } },
      color: { field: 'site', type: 'nominal', title: reportText(lang, 'site') },
    },
  });
}

export interface EnrolmentContext {
  readonly study: CompiledStudy;
  readonly sites: readonly SiteName[];
  /** The study's analysis population (label, size), when its module defines one. */
  readonly population: { readonly label: string; readonly n: number } | null;
}

export function enrolmentSection(data: EnrolmentData, { study, sites, population }: EnrolmentContext, lang: ReportLang): ReportSection {
  const t = (key: string, params = {}): string => reportText(lang, key, params);
  const names = new Map(sites.map((s) => [s.site_id, s.site_name]));
  const withPopulation = population !== null;
  const rows = data.by_site.map((s) => [
    { text: s.site_id, code: true },
    names.get(s.site_id) ?? '',
    String(s.subjects),
    ...(withPopulation ? [String(s.analysis_population ?? 0)] : []),
    formatMonth(s.first_month, lang),
    formatMonth(s.last_month, lang),
  ]);
  const total = row([t('total'), '', String(data.by_site.reduce((n, s) => n + s.subjects, 0)), ...(withPopulation ? [String(population.n)] : []), '', ''], 'total');
  const numeric = (label: string): { label: string; numeric: true } => ({ label, numeric: true });
  const siteIds = data.by_site.map((s) => s.site_id);
  const at = (m: string, s: string): EnrolmentData['by_month'][number] | undefined => data.by_month.find((r) => r.month === m && r.site_id === s);
  const named = study.definition.enrolmentDate;
  const field = named ? (study.field(named.form, named.field)?.field.label[lang] ?? data.date_field) : null;
  return section('enrolment', t('sections.enrolment'), GENERIC, [
    table([t('site'), '', numeric(t('subjects')), ...(withPopulation ? [numeric(population.label)] : []), t('enrolment.first_month'), t('enrolment.last_month')], [...rows, total]),
    enrolmentChart(data, lang),
    table(
      [t('enrolment.month'), ...siteIds.map((s) => numeric(`${s} ${t('enrolment.registered').toLowerCase()}`)), ...siteIds.map((s) => numeric(`${s} ${t('enrolment.cumulative').toLowerCase()}`))],
      data.months.map((m) => [formatMonth(m, lang), ...siteIds.map((s) => String(at(m, s)?.subjects ?? 0)), ...siteIds.map((s) => String(at(m, s)?.cumulative ?? 0))]),
      { folded: t('enrolment.by_month') },
    ),
    note(field === null ? t('enrolment.source_created', { b: data.date_source.created_at }) : t('enrolment.source', { field, a: data.date_source.enrolment_date, b: data.date_source.created_at })),
  ], data);
}

export function completenessSection(data: CompletenessData, lang: ReportLang): ReportSection {
  const t = (key: string): string => reportText(lang, key);
  const sites = [...new Set(data.cells.map((x) => x.site_id))];
  const cell = (x: CompletenessCell | undefined): { text: string; sub?: string } => (!x || x.share === null ? { text: '—' } : { text: formatPercent(x.share, lang, 0), sub: `(${x.complete}/${x.denominator})` });
  const rows = data.forms.map((f) => [
    { text: `${f.spec_id} ${f.title}`, ...(f.repeating ? { sub: `(${t('completeness.repeating')})` } : {}) },
    ...sites.map((s) => cell(data.cells.find((x) => x.site_id === s && x.form === f.form))),
    cell(data.overall.find((x) => x.form === f.form)),
  ]);
  return section('completeness', t('sections.completeness'), GENERIC, [table([t('completeness.form'), ...sites, t('total')], rows, { numericFrom: 1 }), note(t('completeness.note'))], data);
}

