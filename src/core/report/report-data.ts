// buildReport: every number of the study report from one pass over a site or central store (plus a digest pass).

import { listSites } from '../../db/repositories/central.repository';
import { getMeta } from '../../db/repositories/meta.repository';
import { countSubjects, listIdentities } from '../../db/repositories/subjects.repository';
import { parseIsoDate, todayDayNumber } from '../../shared/dates/partial-date';
import { AppError } from '../../shared/errors/app-error';
import { analysisContext, deriveSubject } from '../analysis';
import { requireRole } from '../store/permissions';
import { centralDigest } from '../central/central-digest';
import { readDataset } from '../dataset/dataset';
import type { Session } from '../store/session';
import { siteParams } from '../store/subject-data';
import { AdverseEventCollector } from './adverse-events';
import { baselineSection } from './baseline';
import { EnrolmentCollector } from './enrolment';
import { responseSection, survivalSection } from './outcomes';
import { OpenCheckCollector, quarantineBySite } from './quality';
import { costSection, sosSection } from './sos-costs';
import { subjectFacts, type SubjectFacts } from './subject-facts';
import type { ReportData, ReportLang } from './types';

export type ReportParams = Readonly<Record<string, string | number | null>>;

export interface BuildReportOptions {
  readonly lang: ReportLang;
  /** Overrides of the definition's parameters for the analysis (e.g. data_cutoff). */
  readonly params?: ReportParams;
  /** Time of the report (header, "today" of the checks); the session clock by default. */
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

function checkParams(params: ReportParams): void {
  const cutoff = params.data_cutoff;
  if (cutoff !== undefined && cutoff !== null && (typeof cutoff !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(cutoff) || parseIsoDate(cutoff) === undefined)) {
    throw new AppError('input.invalid', { issues: 'data_cutoff: a date YYYY-MM-DD' });
  }
}

/** The identification log's birth dates (site stores only), for the exact-age calc that the checks also read. */
async function birthDatesOf(session: Session): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (session.info.kind !== 'site' || (await getMeta(session.store.db, 'store_kind')) !== 'site') return out;
  for (const entry of await listIdentities(session.store.db)) {
    const value = entry.data.sil_birth_date;
    if (typeof value === 'string') out.set(entry.subjectId, value);
  }
  return out;
}

export async function buildReport(session: Session, options: BuildReportOptions): Promise<ReportData> {
  requireRole(session.user.role, 'data.read');
  const { lang } = options;
  const db = session.store.db;
  const study = session.study.compiled;
  const definition = session.study.definition;
  const now = options.now ?? session.clock();
  const central = session.info.kind === 'central';
  const overrides = options.params ?? {};
  checkParams(overrides);
  // Everything the loop needs is read first: the connection is busy while the dataset streams.
  const registry = central ? (await listSites(db)).map((s) => ({ site_id: s.siteId, site_name: s.siteName })) : [{ site_id: session.info.siteId, site_name: session.info.siteName }];
  const stored = await siteParams(db);
  const ctx = analysisContext(definition, { ...stored, ...overrides });
  const birthDates = await birthDatesOf(session);
  const total = await countSubjects(db);
  const today = todayDayNumber(now);

  const enrolment = new EnrolmentCollector(study);
  const checks = new OpenCheckCollector(study, lang);
  const aes = new AdverseEventCollector(ctx.ctcaeSoc);
  const facts: SubjectFacts[] = [];
  for await (const subject of readDataset(db, study, { now, useIdentityBirthDates: !central })) {
    const row = deriveSubject(subject, ctx);
    const f = subjectFacts(subject, row);
    facts.push(f);
    enrolment.add(subject, f.inPopulation);
    checks.add(subject, { today, params: stored, identityBirthDate: birthDates.get(subject.id) ?? null });
    if (f.inPopulation) aes.add(subject, typeof row.c1d1_date === 'string' ? parseIsoDate(row.c1d1_date) : undefined);
    options.onProgress?.(facts.length, total);
  }

  const siteIds = [...new Set([...registry.map((s) => s.site_id), ...facts.map((f) => f.siteId)])].sort();
  const quarantine = central ? await quarantineBySite(db, siteIds) : null;
  const digest = await centralDigest(db);
  const population = facts.filter((f) => f.inPopulation);
  const termLabels = new Map((definition.references.ctcae?.entries ?? []).map((e) => [e.key, e.attributes.term ?? e.key]));
  const enrolmentSection = enrolment.enrolment(siteIds);
  return {
    format: 'edc-study-report',
    format_version: 1,
    lang,
    header: {
      study_id: definition.id,
      study_version: definition.version,
      study_title: definition.title[lang],
      scope: central ? 'central' : 'site',
      site_id: central ? null : session.info.siteId,
      generated_at: now.toISOString(),
      data_cutoff: ctx.params.data_cutoff,
      params: { ...Object.fromEntries(definition.parameters.filter((p) => p.scope === 'study').map((p) => [p.name, p.value])), ...overrides },
      digest,
      subjects: facts.length,
      analysis_population: population.length,
      sites: siteIds.map((site_id) => ({
        site_id,
        site_name: registry.find((s) => s.site_id === site_id)?.site_name ?? site_id,
        subjects: enrolmentSection.by_site.find((s) => s.site_id === site_id)?.subjects ?? 0,
      })),
    },
    enrolment: enrolmentSection,
    completeness: enrolment.completeness(siteIds, lang),
    quality: { quarantine, ...checks.result(siteIds) },
    baseline: baselineSection(population, study, lang),
    response: responseSection(population, study, lang),
    survival: survivalSection(population, lang),
    adverse_events: aes.result(lang, (code) => termLabels.get(code) ?? code),
    sos_vod: sosSection(population, study, lang),
    costs: costSection(population, definition, siteIds, lang),
  };
}
