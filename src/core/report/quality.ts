// Open failed checks (hard, and soft without an override reason) by site and by check id, and quarantine by site.

import { quarantineCountsBySite } from '../../db/repositories/central.repository';
import type { Db } from '../../db/transaction';
import type { CompiledStudy } from '../../shared/study/compile';
import { evaluateSubject, type EvaluationEnv } from '../../shared/study/evaluate-subject';
import type { DatasetSubject } from '../dataset/dataset';
import { t } from './i18n';
import type { QualitySection, ReportLang } from './types';

const TOP = 20;

interface CheckTally {
  severity: 'hard' | 'soft';
  failures: number;
  subjects: number;
  message: string;
}

export class OpenCheckCollector {
  private readonly bySite = new Map<string, { hard: number; soft: number; subjects: number }>();
  private readonly byCheck = new Map<string, CheckTally>();

  constructor(
    private readonly study: CompiledStudy,
    private readonly lang: ReportLang,
  ) {}

  /** Full evaluation of the subject (the dataset reader only recomputes calculated values). */
  add(subject: DatasetSubject, env: EvaluationEnv): void {
    const evaluation = evaluateSubject(
      this.study,
      subject.instances.map((i) => ({ form: i.form, instanceNo: i.instanceNo, data: i.data, status: i.status, overrides: i.overrides, signedAt: i.signedAt })),
      env,
    );
    const site = this.bySite.get(subject.siteId) ?? { hard: 0, soft: 0, subjects: 0 };
    this.bySite.set(subject.siteId, site);
    const seen = new Set<string>();
    for (const instance of evaluation.instances) {
      for (const failure of instance.failures) {
        if (failure.overriddenBy) continue;
        site[failure.severity] += 1;
        const tally = this.byCheck.get(failure.id) ?? { severity: failure.severity, failures: 0, subjects: 0, message: this.messageOf(failure.id, failure.message[this.lang]) };
        tally.failures += 1;
        if (!seen.has(failure.id)) tally.subjects += 1;
        seen.add(failure.id);
        this.byCheck.set(failure.id, tally);
      }
    }
    if (seen.size > 0) site.subjects += 1;
  }

  /** A range check's own message names the value of one record: the report names the field instead. */
  private messageOf(id: string, message: string): string {
    const range = this.study.rangeChecks.find((r) => r.id === id);
    if (!range) return message;
    const field = this.study.field(range.form, range.field)?.field.label[this.lang] ?? range.field;
    const bounds = `${range.softMin ?? '…'}–${range.softMax ?? '…'}`;
    return `${t(this.lang, 'range_message', { field })} ${bounds}`;
  }

  result(siteIds: readonly string[]): Omit<QualitySection, 'quarantine'> {
    const tallies = [...this.byCheck.entries()].map(([check_id, x]) => ({ check_id, ...x }));
    tallies.sort((a, b) => b.failures - a.failures || (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1) || a.check_id.localeCompare(b.check_id));
    const bySite = siteIds.map((site_id) => ({ site_id, ...(this.bySite.get(site_id) ?? { hard: 0, soft: 0, subjects: 0 }) }));
    return {
      open_checks_by_site: bySite,
      open_checks_top: tallies.slice(0, TOP),
      open_checks_total: { hard: bySite.reduce((n, s) => n + s.hard, 0), soft: bySite.reduce((n, s) => n + s.soft, 0), distinct_checks: tallies.length },
    };
  }
}

/** Quarantined records per site and kind (central store); counts only, never the records. */
export async function quarantineBySite(db: Db, siteIds: readonly string[]): Promise<NonNullable<QualitySection['quarantine']>> {
  const rows = await quarantineCountsBySite(db);
  const sites = [...new Set([...siteIds, ...rows.map((r) => r.siteId)])].sort();
  return sites.map((site_id) => {
    const by_kind = rows.filter((r) => r.siteId === site_id).map((r) => ({ kind: r.kind, records: r.records }));
    return { site_id, records: by_kind.reduce((n, k) => n + k.records, 0), by_kind };
  });
}
