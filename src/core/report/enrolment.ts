// Enrolment by site and month (F01 registration_date, else the record's creation) and completeness by site × form.

import type { CompiledStudy } from '../../shared/study/compile';
import type { DatasetSubject } from '../dataset/dataset';
import type { ReportLang, CompletenessCell, CompletenessSection, EnrolmentSection } from './types';

const DONE = new Set(['complete', 'signed', 'locked']);

function monthOf(subject: DatasetSubject): { month: string; fromRegistration: boolean } {
  const elig = subject.instances.find((i) => i.form === 'elig');
  const reg = elig?.data.registration_date;
  if (typeof reg === 'string' && /^\d{4}-\d{2}/.test(reg)) return { month: reg.slice(0, 7), fromRegistration: true };
  return { month: subject.createdAt.slice(0, 7), fromRegistration: false };
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Counts only: subjects per site and month, complete forms per site. */
export class EnrolmentCollector {
  private readonly perMonth = new Map<string, Map<string, number>>();
  private readonly population = new Map<string, number>();
  private readonly source = { registration_date: 0, created_at: 0 };
  /** site → form → [denominator, complete] */
  private readonly forms = new Map<string, Map<string, [number, number]>>();

  constructor(private readonly study: CompiledStudy) {}

  add(subject: DatasetSubject, inPopulation: boolean): void {
    const { month, fromRegistration } = monthOf(subject);
    this.source[fromRegistration ? 'registration_date' : 'created_at'] += 1;
    const months = this.perMonth.get(subject.siteId) ?? new Map<string, number>();
    months.set(month, (months.get(month) ?? 0) + 1);
    this.perMonth.set(subject.siteId, months);
    if (inPopulation) this.population.set(subject.siteId, (this.population.get(subject.siteId) ?? 0) + 1);
    const site = this.forms.get(subject.siteId) ?? new Map<string, [number, number]>();
    this.forms.set(subject.siteId, site);
    for (const form of this.study.definition.forms) {
      const cell = site.get(form.key) ?? [0, 0];
      const instances = subject.instances.filter((i) => i.form === form.key);
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

  enrolment(siteIds: readonly string[]): EnrolmentSection {
    const all = [...this.perMonth.values()].flatMap((m) => [...m.keys()]).sort();
    const months: string[] = [];
    if (all.length > 0) for (let m = all[0]!; m <= all.at(-1)!; m = nextMonth(m)) months.push(m);
    const byMonth: EnrolmentSection['by_month'][number][] = [];
    const bySite = siteIds.map((site) => {
      const counts = this.perMonth.get(site) ?? new Map<string, number>();
      let cumulative = 0;
      for (const month of months) {
        const subjects = counts.get(month) ?? 0;
        cumulative += subjects;
        byMonth.push({ month, site_id: site, subjects, cumulative });
      }
      const own = [...counts.keys()].sort();
      return { site_id: site, subjects: cumulative, analysis_population: this.population.get(site) ?? 0, first_month: own[0] ?? null, last_month: own.at(-1) ?? null };
    });
    return { by_site: bySite, by_month: byMonth, months, date_source: { ...this.source } };
  }

  completeness(siteIds: readonly string[], lang: ReportLang): CompletenessSection {
    const forms = this.study.definition.forms.map((f) => ({ form: f.key, spec_id: f.specId, title: f.title[lang], repeating: f.repeating }));
    const cell = (site_id: string, form: string, denominator: number, complete: number): CompletenessCell => ({
      site_id,
      form,
      denominator,
      complete,
      share: denominator === 0 ? null : complete / denominator,
    });
    const cells = siteIds.flatMap((site) => forms.map((f) => {
      const [d, c] = this.forms.get(site)?.get(f.form) ?? [0, 0];
      return cell(site, f.form, d, c);
    }));
    const overall = forms.map((f) => {
      const mine = cells.filter((c) => c.form === f.form);
      return cell('*', f.form, mine.reduce((n, c) => n + c.denominator, 0), mine.reduce((n, c) => n + c.complete, 0));
    });
    return { forms, cells, overall };
  }
}
