// buildReport: the report document of a site or central store from one pass over its subjects (which also feeds
// the content digest) and its data queries — the generic sections every study gets, then its module's sections, then the methods.

import { listSites } from '../../db/repositories/central.repository';
import { countSubjects } from '../../db/repositories/subjects.repository';
import { parseIsoDate, todayDayNumber } from '../../shared/dates/partial-date';
import { AppError } from '../../shared/errors/app-error';
import { REPORT_FORMAT, REPORT_FORMAT_VERSION, type ReportDocument } from '../../shared/report/report-document';
import { analysisOf } from '../analysis';
import { centralDigest } from '../central/central-digest';
import { ContentDigest, countFormInstances } from '../../db/repositories/content-digest.repository';
import { evaluationEnv } from '../dataset/dataset';
import { readStoredOfSnapshot } from '../dataset/dataset-ranges';
import { calcsReadSummary } from './summary-reads';
import { inReadSnapshot } from '../../db/transaction';
import { moduleFor, type StudyModules } from '../modules/study-module';
import { requireRole } from '../store/permissions';
import type { Session } from '../store/session';
import { siteParams } from '../store/subject-data';
import { queryViews } from '../queries/list-queries';
import { completenessSection, EnrolmentCollector, enrolmentSection } from './enrolment';
import { FieldCollector } from './field-stats';
import { fieldsSection } from './field-sections';
import { methodsSection } from './methods';
import { missingSection } from './missing-reasons';
import type { CheckResults } from './evaluation-messages';
import { qualitySection, quarantineBySite } from './quality';
import { evaluatedSubjects, mainThreadEvaluator, threadedEvaluator } from './report-evaluator';
import { queriesData, queriesSection } from './queries-section';
import type { ReportLang } from './types';
import { versionUpgrade } from './version-upgrade';

export type ReportParams = Readonly<Record<string, string | number | null>>;

export interface BuildReportOptions {
  readonly lang: ReportLang;
  /** The registered study modules: the store's study adds its module's analysis and sections, if it has one. */
  readonly modules: StudyModules;
  /** Overrides of the definition's parameters for the analysis (e.g. data_cutoff). */
  readonly params?: ReportParams;
  /** Time of the report (header, "today" of the checks); the session clock by default. */
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
  /** Evaluate the subjects on a worker thread; by default only from WORKER_FROM_SUBJECTS subjects on (starting one costs more than a small store's evaluation). */
  readonly evaluateOnWorker?: boolean;
}

export const WORKER_FROM_SUBJECTS = 2000;

function checkParams(params: ReportParams): void {
  const cutoff = params.data_cutoff;
  if (cutoff !== undefined && cutoff !== null && (typeof cutoff !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(cutoff) || parseIsoDate(cutoff) === undefined)) {
    throw new AppError('input.invalid', { issues: 'data_cutoff: a date YYYY-MM-DD' });
  }
}

/** The registered sites and any other site a subject belongs to, sorted. */
function siteIdsOf(registry: readonly { site_id: string }[], seen: ReadonlySet<string>): string[] {
  return [...new Set([...registry.map((s) => s.site_id), ...seen])].sort();
}

export async function buildReport(session: Session, options: BuildReportOptions): Promise<ReportDocument> {
  requireRole(session.user.role, 'data.read');
  const { lang } = options;
  const db = session.store.db;
  const study = session.study.compiled;
  const definition = session.study.definition;
  const module = moduleFor(options.modules, definition.id);
  const analysis = analysisOf(module);
  const now = options.now ?? session.clock();
  const central = session.info.kind === 'central';
  const overrides = options.params ?? {};
  checkParams(overrides);
  // Everything the loop needs is read first: the connection is busy while the dataset streams.
  const registry = central ? (await listSites(db)).map((s) => ({ site_id: s.siteId, site_name: s.siteName })) : [{ site_id: session.info.siteId, site_name: session.info.siteName }];
  const stored = await siteParams(db);
  const params = { ...stored, ...overrides };
  const studyParams = Object.fromEntries(definition.parameters.filter((p) => p.scope === 'study').map((p) => [p.name, p.value]));
  const cutoff = { ...studyParams, ...params }.data_cutoff;
  const total = await countSubjects(db);
  const queries = await queryViews(db);
  const today = todayDayNumber(now);
  // Instances saved under an older definition version are read under the current one (version-upgrade.ts).
  const upgrade = await versionUpgrade(db, session.study, today);

  const derive = analysis.deriver(study, params);
  const population = analysis.population;
  const enrolment = new EnrolmentCollector(study, population !== undefined);
  const fields = new FieldCollector(study);
  const own = module?.report?.start({ lang, study, params });
  const siteSeen = new Set<string>();
  let subjects = 0;
  let inPopulation = 0;
  let digest = '';
  // The subjects are read from a snapshot of their own, range by range as raw rows (as the exports read them);
  // the digest hashes the same rows as they are read, instead of reading every instance a second time.
  const setup = { study, definition, lang, separate: calcsReadSummary(study) };
  const evaluator = (options.evaluateOnWorker ?? total >= WORKER_FROM_SUBJECTS) ? await threadedEvaluator(setup) : mainThreadEvaluator(setup);
  let checks: CheckResults;
  try {
    await inReadSnapshot(db, async (snapshot) => {
      const hashed = new ContentDigest();
      await hashed.start(snapshot);
      const env = await evaluationEnv(snapshot, now);
      const stored = readStoredOfSnapshot(snapshot, { useIdentityBirthDates: !central, digest: hashed, ...(upgrade ? { upgrade } : {}) });
      for await (const subject of evaluatedSubjects(stored, evaluator, env)) {
        const row = derive(subject);
        const member = population?.includes(row) ?? false;
        if (member) inPopulation += 1;
        subjects += 1;
        siteSeen.add(subject.siteId);
        enrolment.add(subject, member);
        fields.add(subject);
        own?.add(subject, row);
        options.onProgress?.(subjects, total);
      }
      // The ranges cover every subject's instances; an instance outside them (none while foreign keys hold) would
      // be missed, so then the digest is computed on its own pass, as the other callers compute it.
      digest = hashed.instanceCount === (await countFormInstances(snapshot)) ? await hashed.finish(snapshot) : await centralDigest(snapshot);
    });
    checks = await evaluator.checks(siteIdsOf(registry, siteSeen));
  } finally {
    await evaluator.close();
  }

  const siteIds = siteIdsOf(registry, siteSeen);
  const quarantine = central ? await quarantineBySite(db, siteIds) : null;
  const enrolmentData = enrolment.enrolment(siteIds);
  const sites = siteIds.map((site_id) => ({
    site_id,
    site_name: registry.find((s) => s.site_id === site_id)?.site_name ?? site_id,
    subjects: enrolmentData.by_site.find((s) => s.site_id === site_id)?.subjects ?? 0,
  }));
  const populationLabel = population ? population.label(lang) : null;
  return {
    format: REPORT_FORMAT,
    format_version: REPORT_FORMAT_VERSION,
    lang,
    header: {
      study_id: definition.id,
      study_version: definition.version,
      study_title: definition.title[lang],
      scope: central ? 'central' : 'site',
      site_id: central ? null : session.info.siteId,
      generated_at: now.toISOString(),
      data_cutoff: typeof cutoff === 'string' && cutoff !== '' ? cutoff : null,
      params: { ...studyParams, ...overrides },
      digest,
      subjects,
      analysis_population: population ? inPopulation : null,
      population_label: populationLabel,
      sites,
    },
    sections: [
      enrolmentSection(enrolmentData, { study, sites, population: populationLabel === null ? null : { label: populationLabel, n: inPopulation } }, lang),
      completenessSection(enrolment.completeness(siteIds, lang), lang),
      qualitySection({ quarantine, ...checks }, lang),
      queriesSection(queriesData(queries, siteIds), lang),
      missingSection(fields.missing(lang), lang),
      fieldsSection(fields.fieldStats(lang), study, lang),
      ...(own?.sections(siteIds) ?? []),
      methodsSection(module?.report?.methods(lang) ?? [], lang),
    ],
  };
}
