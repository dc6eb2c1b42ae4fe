// Failed checks (hard, soft without an override reason, and soft overridden with a reason) by site and by check
// id, quarantine by site, and the generic section that shows them.

import { quarantineCountsBySite } from '../../db/repositories/central.repository';
import type { Db } from '../../db/transaction';
import type { ReportSection } from '../../shared/report/report-document';
import type { CompiledStudy } from '../../shared/study/compile';
import { evaluateSubject, type EvaluationEnv, type SubjectEvaluation, type SubjectInstance } from '../../shared/study/evaluate-subject';
import { heading, note, paragraph, row, section, table } from './blocks';
import { reportText } from './labels';
import type { CheckTally, QualityData, ReportLang } from './types';

const TOP = 20;

interface Tally {
  severity: 'hard' | 'soft';
  failures: number;
  subjects: number;
  message: string;
}

interface SiteTally {
  hard: number;
  soft: number;
  overridden: number;
  subjects: number;
}

export class CheckCollector {
  private readonly bySite = new Map<string, SiteTally>();
  private readonly open = new Map<string, Tally>();
  private readonly overridden = new Map<string, Tally>();

  constructor(
    private readonly study: CompiledStudy,
    private readonly lang: ReportLang,
  ) {}

  /** Evaluation of the checks of a subject of `siteId` (calculations only as far as the checks read them). */
  add(siteId: string, instances: readonly SubjectInstance[], env: EvaluationEnv): void {
    this.tally(siteId, evaluateSubject(this.study, instances, env, { checksOnly: true }));
  }

  /** The failures of an evaluation of a subject of `siteId` already made (the report's shared one). */
  tally(siteId: string, evaluation: SubjectEvaluation): void {
    const site = this.bySite.get(siteId) ?? { hard: 0, soft: 0, overridden: 0, subjects: 0 };
    this.bySite.set(siteId, site);
    const seenOpen = new Set<string>();
    const seenOverridden = new Set<string>();
    for (const instance of evaluation.instances) {
      for (const failure of instance.failures) {
        const isOverridden = failure.overriddenBy !== null;
        if (isOverridden) site.overridden += 1;
        else site[failure.severity] += 1;
        const tallies = isOverridden ? this.overridden : this.open;
        const seen = isOverridden ? seenOverridden : seenOpen;
        const tally = tallies.get(failure.id) ?? { severity: failure.severity, failures: 0, subjects: 0, message: this.messageOf(failure.id, failure.message[this.lang]) };
        tally.failures += 1;
        if (!seen.has(failure.id)) tally.subjects += 1;
        seen.add(failure.id);
        tallies.set(failure.id, tally);
      }
    }
    if (seenOpen.size > 0) site.subjects += 1;
  }

  /** A range check's own message names the value of one record: the report names the field instead. */
  private messageOf(id: string, message: string): string {
    const range = this.study.rangeChecks.find((r) => r.id === id);
    if (!range) return message;
    const field = this.study.field(range.form, range.field)?.field.label[this.lang] ?? range.field;
    const bounds = `${range.softMin ?? '…'}–${range.softMax ?? '…'}`;
    return `${reportText(this.lang, 'quality.range_message', { field })} ${bounds}`;
  }

  result(siteIds: readonly string[]): Omit<QualityData, 'quarantine'> {
    const ranked = (tallies: Map<string, Tally>): CheckTally[] =>
      [...tallies.entries()]
        .map(([check_id, x]) => ({ check_id, ...x }))
        .sort((a, b) => b.failures - a.failures || (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1) || a.check_id.localeCompare(b.check_id));
    const open = ranked(this.open);
    const overridden = ranked(this.overridden);
    const bySite = siteIds.map((site_id) => ({ site_id, ...(this.bySite.get(site_id) ?? { hard: 0, soft: 0, overridden: 0, subjects: 0 }) }));
    return {
      open_checks_by_site: bySite,
      open_checks_top: open.slice(0, TOP),
      open_checks_total: { hard: bySite.reduce((n, s) => n + s.hard, 0), soft: bySite.reduce((n, s) => n + s.soft, 0), distinct_checks: open.length },
      overridden_top: overridden.slice(0, TOP),
      overridden_total: bySite.reduce((n, s) => n + s.overridden, 0),
    };
  }
}

function checkTable(checks: readonly CheckTally[], lang: ReportLang): ReturnType<typeof table> {
  const t = (key: string): string => reportText(lang, key);
  return table(
    [t('quality.check'), t('quality.severity'), { label: t('quality.failures'), numeric: true }, { label: t('quality.subjects_affected'), numeric: true }, t('quality.message')],
    checks.map((c) => [{ text: c.check_id, code: true }, t(c.severity === 'hard' ? 'quality.severity_hard' : 'quality.severity_soft'), String(c.failures), String(c.subjects), c.message]),
  );
}

export function qualitySection(data: QualityData, lang: ReportLang): ReportSection {
  const t = (key: string): string => reportText(lang, key);
  const numeric = (label: string): { label: string; numeric: true } => ({ label, numeric: true });
  const bySite = data.open_checks_by_site.map((s) => [{ text: s.site_id, code: true }, String(s.hard), String(s.soft), String(s.overridden), String(s.subjects)]);
  return section('quality', t('sections.quality'), 'generic', [
    heading(t('quality.quarantine')),
    data.quarantine === null
      ? note(t('quality.quarantine_site_na'))
      : table([t('site'), numeric(t('quality.records')), t('quality.kind')], data.quarantine.map((s) => [{ text: s.site_id, code: true }, String(s.records), s.by_kind.map((k) => `${k.kind}: ${k.records}`).join('; ') || '—'])),
    heading(t('quality.open_checks')),
    table(
      [t('site'), numeric(t('quality.hard')), numeric(t('quality.soft')), numeric(t('quality.overridden')), numeric(t('quality.subjects_affected'))],
      [...bySite, row([t('total'), String(data.open_checks_total.hard), String(data.open_checks_total.soft), String(data.overridden_total), ''], 'total')],
    ),
    heading(t('quality.top_checks')),
    data.open_checks_top.length === 0 ? paragraph(t('none')) : checkTable(data.open_checks_top, lang),
    heading(t('quality.top_overridden')),
    data.overridden_top.length === 0 ? paragraph(t('none')) : checkTable(data.overridden_top, lang),
  ], data);
}

/** Quarantined records per site and kind (central store); counts only, never the records. */
export async function quarantineBySite(db: Db, siteIds: readonly string[]): Promise<NonNullable<QualityData['quarantine']>> {
  const rows = await quarantineCountsBySite(db);
  const sites = [...new Set([...siteIds, ...rows.map((r) => r.siteId)])].sort();
  return sites.map((site_id) => {
    const by_kind = rows.filter((r) => r.siteId === site_id).map((r) => ({ kind: r.kind, records: r.records }));
    return { site_id, records: by_kind.reduce((n, k) => n + k.records, 0), by_kind };
  });
}
