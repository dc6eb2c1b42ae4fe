// `edc demo`: the whole loop with no input for any built-in study — coordinator set-up, site kits, site stores
// filled with synthetic patients (the study module's generator, else the generic one) through the core
// use-cases, bundles, merge, data queries (generated and raised, returned, answered at the sites, second
// bundles merged, closed), return bundles with the receipts, CSV/ODM/dictionary exports and the study report —
// leaving a coordinator directory and site stores a person can explore.

import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../core/auth/open-session';
import { exportBundle } from '../../core/bundles/export-bundle';
import { importReturn, readReturnFile } from '../../core/bundles/import-return';
import { initSiteFromKit } from '../../core/bundles/init-site-from-kit';
import { writeFileAtomic } from '../../core/files/write-file-atomic';
import { centralDbFile, COORDINATOR_USER } from '../../core/central/coordinator-files';
import { initCoordinator } from '../../core/central/coordinator-init';
import { centralSummary, type CentralSummary } from '../../core/central/central-summary';
import { exportReturn } from '../../core/central/export-return';
import { mergeRun } from '../../core/central/merge-run';
import { issueSiteKit } from '../../core/central/issue-site-kit';
import { exportCsv } from '../../core/exports/csv/export-csv';
import { writeReport } from '../../core/report';
import { studyToRedcapDictionary } from '../../core/exports/dictionary/redcap-dictionary';
import { exportOdm } from '../../core/exports/odm/export-odm';
import type { Session } from '../../core/store/session';
import { loadBuiltInStudy } from '../../core/study/built-in';
import { loadDefinitionObject, type LoadedStudy } from '../../core/study/load-definition';
import { moduleFor } from '../../core/modules/study-module';
import { studyModules } from '../../studies';
import { generatorOf, seedSite, type SeededUser } from '../synthetic';
import { AppError } from '../../shared/errors/app-error';
import type { MergeReport } from '../../shared/contract/bundles';
import { keyringPathFor } from '../../core/keys/keyring';
import { listQueryViews } from '../../core/queries/list-queries';
import { QUERY_STATUSES, type QueryStatus } from '../../shared/contract/queries';
import { answerDemoQueries, raiseDemoQueries, reviewDemoAnswers, type CentreReview, type RaisedQueries, type SiteAnswers } from './demo-queries';

export const DEMO_PASSPHRASE = 'demo coordinator passphrase';

export interface DemoOptions {
  readonly outDir: string;
  /** A built-in study (resources/studies/<id>); ino-all-it by default. */
  readonly studyId?: string;
  readonly sites: number;
  readonly patients: number;
  readonly seed: number;
  readonly lang: 'it' | 'en';
  /** Milestones, for the caller to word in the user's language. */
  readonly onEvent?: (event: DemoEvent) => void;
  readonly onProgress?: (phase: DemoPhase, done: number, total: number) => void;
}

export type DemoPhase = { readonly kind: 'site'; readonly siteId: string } | { readonly kind: 'merge'; readonly round: 1 | 2 };

export type DemoEvent =
  | { readonly kind: 'coordinator'; readonly fingerprint: string }
  | { readonly kind: 'site'; readonly siteId: string; readonly subjects: number; readonly seconds: number }
  | { readonly kind: 'merged'; readonly round: 1 | 2; readonly merged: number }
  | { readonly kind: 'queries'; readonly generated: number; readonly byHand: number }
  | { readonly kind: 'returned'; readonly siteId: string; readonly sequence: number; readonly queries: number; readonly receipts: number }
  | ({ readonly kind: 'answered'; readonly siteId: string } & SiteAnswers)
  | ({ readonly kind: 'reviewed' } & CentreReview)
  | { readonly kind: 'exported' };

export interface DemoSite {
  readonly siteId: string;
  readonly dbFile: string;
  readonly users: readonly SeededUser[];
  readonly fingerprint: string;
  readonly bundle: string;
  /** The bundle exported after answering queries. */
  readonly secondBundle: string;
  readonly subjects: number;
  readonly seconds: number;
}

export interface DemoResult {
  readonly studyId: string;
  /** The report's subjects and analysis population, and the study module's key results (none without a module). */
  readonly highlights: { readonly subjects: number; readonly population: { readonly label: string; readonly n: number } | null; readonly lines: readonly string[] };
  readonly coordinatorDir: string;
  readonly passphrase: string;
  readonly sites: readonly DemoSite[];
  readonly merge: MergeReport;
  /** The merge of the second bundles, which carry the sites' answers. */
  readonly secondMerge: MergeReport;
  readonly queries: DemoQueries;
  readonly summary: CentralSummary;
  readonly exports: { readonly csvDir: string; readonly odm: string; readonly dictionary: string; readonly report: string; readonly reportJson: string };
  readonly seconds: number;
}

export interface DemoQueries {
  readonly generated: number;
  readonly byHand: number;
  readonly answeredByText: number;
  readonly answeredByCorrection: number;
  readonly review: CentreReview;
  /** Queries at the centre by state, at the end. */
  readonly byStatus: Readonly<Record<QueryStatus, number>>;
}

/** A built-in study with the study parameters its synthetic cohort assumes (ino-all-it: the data cut-off it was generated for). */
export function demoStudy(studyId = 'ino-all-it'): LoadedStudy {
  const builtIn = loadBuiltInStudy(studyId);
  const generator = generatorOf(builtIn);
  const values = generator.studyParameters({ dataCutoff: generator.defaultCutoff, settings: {} });
  if (Object.keys(values).length === 0) return builtIn;
  const base = builtIn.definition;
  return loadDefinitionObject({ ...base, parameters: base.parameters.map((p) => (Object.hasOwn(values, p.name) ? { ...p, value: values[p.name] ?? null } : p)) });
}

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  if (existsSync(options.outDir) && readdirSync(options.outDir).length > 0) throw new AppError('store.exists', { file: options.outDir });
  // An unknown study is refused before anything is written.
  const studyId = options.studyId ?? 'ino-all-it';
  const study = demoStudy(studyId);
  mkdirSync(options.outDir, { recursive: true });
  const coordinatorDir = join(options.outDir, 'coordinator');
  const exchangeDir = join(options.outDir, 'exchange');
  const { coordinator } = await initCoordinator({ dir: coordinatorDir, passphrase: DEMO_PASSPHRASE, study, name: 'Centro coordinatore (demo)' });
  options.onEvent?.({ kind: 'coordinator', fingerprint: coordinator.fingerprint });
  const central = (): Promise<Session> => openSession({ dbFile: centralDbFile(coordinatorDir), username: COORDINATOR_USER, password: DEMO_PASSPHRASE, kind: 'central' });

  const firstSites: FirstSite[] = [];
  for (let i = 1; i <= options.sites; i += 1) {
    const t = Date.now();
    const siteId = `IT${String(i).padStart(2, '0')}`;
    const siteDir = join(options.outDir, 'sites', siteId);
    mkdirSync(siteDir, { recursive: true });
    const kitFile = join(siteDir, `${siteId}.kit.json`);
    const session = await central();
    let kit: unknown;
    try {
      kit = await issueSiteKit(session, { siteId, siteName: `Centro ${siteId}`, outFile: kitFile });
    } finally {
      await session.close();
    }
    let fingerprint = '';
    const seeded = await seedSite({
      dir: siteDir,
      siteId,
      patients: options.patients,
      seed: options.seed,
      study,
      createStore: async (admin) => {
        const dbFile = join(siteDir, 'site.db');
        const result = await initSiteFromKit({ dbFile, kit, expectedFingerprint: coordinator.fingerprint, admin });
        fingerprint = result.siteFingerprint;
        return { dbFile, recoveryCode: result.recoveryCode, keyringFile: keyringPathFor(dbFile) };
      },
      onProgress: (done, total) => options.onProgress?.({ kind: 'site', siteId }, done, total),
    });
    const dataEntry = seeded.users.find((u) => u.role === 'data_entry')!;
    const entry = await openSession({ dbFile: seeded.dbFile, username: dataEntry.username, password: dataEntry.password });
    let bundle: string;
    try {
      bundle = (await exportBundle(entry, exchangeDir)).file;
    } finally {
      await entry.close();
    }
    const seconds = (Date.now() - t) / 1000;
    firstSites.push({ siteId, dbFile: seeded.dbFile, users: seeded.users, fingerprint, bundle, subjects: seeded.subjects.length, seconds });
    options.onEvent?.({ kind: 'site', siteId, subjects: seeded.subjects.length, seconds });
  }

  const withCentral = async <T>(work: (session: Session) => Promise<T>): Promise<T> => {
    const session = await central();
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  };
  const merge = async (bundles: readonly string[], round: 1 | 2): Promise<MergeReport> => {
    const report = await withCentral((session) =>
      mergeRun(session, bundles, {
        registerSites: new Map(firstSites.map((s) => [s.siteId, s.fingerprint])),
        receiptsDir: join(coordinatorDir, 'receipts'),
        lang: options.lang,
        onProgress: (done, total) => options.onProgress?.({ kind: 'merge', round }, done, total),
      }),
    );
    writeFileAtomic(join(coordinatorDir, 'reports', round === 1 ? 'merge-demo.json' : 'merge-demo-2.json'), `${JSON.stringify(report, null, 2)}\n`);
    options.onEvent?.({ kind: 'merged', round, merged: report.totals.merged });
    return report;
  };
  mkdirSync(join(coordinatorDir, 'reports'), { recursive: true });

  const firstMerge = await merge(firstSites.map((s) => s.bundle), 1);
  const raised: RaisedQueries = await withCentral((session) => raiseDemoQueries(session, options.lang));
  options.onEvent?.({ kind: 'queries', generated: raised.generated, byHand: raised.byHand });
  const returnDir = join(exchangeDir, 'returns');
  const sites: DemoSite[] = [];
  let answeredByText = 0;
  let answeredByCorrection = 0;
  for (const [i, file] of (await exportReturns(withCentral, firstSites, returnDir)).entries()) {
    const site = firstSites[i]!;
    const secondBundle = await withDataEntry(site, async (session) => {
      await importReturnFile(session, site.siteId, file, options.onEvent);
      const answers = await answerDemoQueries(session, raised, options.lang);
      answeredByText += answers.byText;
      answeredByCorrection += answers.byCorrection;
      const exported = (await exportBundle(session, exchangeDir)).file;
      options.onEvent?.({ kind: 'answered', siteId: site.siteId, ...answers });
      return exported;
    });
    sites.push({ ...site, secondBundle });
  }
  const secondMerge = await merge(sites.map((s) => s.secondBundle), 2);
  const review = await withCentral((session) => reviewDemoAnswers(session, options.lang));
  options.onEvent?.({ kind: 'reviewed', ...review });
  // The closing states and the receipts of both merges go back to the sites.
  for (const [i, file] of (await exportReturns(withCentral, sites, returnDir)).entries()) {
    const site = sites[i]!;
    await withDataEntry(site, (session) => importReturnFile(session, site.siteId, file, options.onEvent));
  }

  const session = await central();
  let summary: CentralSummary;
  let byStatus: Record<QueryStatus, number>;
  const csvDir = join(options.outDir, 'exports', 'csv');
  const odm = join(options.outDir, 'exports', 'odm.xml');
  const dictionary = join(options.outDir, 'exports', 'redcap_dictionary.csv');
  const reportFile = join(options.outDir, 'report', 'report.html');
  let reportJson: string;
  let highlights: DemoResult['highlights'];
  mkdirSync(join(options.outDir, 'report'), { recursive: true });
  mkdirSync(join(options.outDir, 'exports'), { recursive: true });
  try {
    await exportCsv(session, csvDir, { dialect: 'rfc4180', modules: studyModules });
    await exportOdm(session, odm);
    writeFileAtomic(dictionary, studyToRedcapDictionary(session.study.definition, { lang: options.lang }));
    summary = await centralSummary(session);
    const queries = await listQueryViews(session, {});
    byStatus = Object.fromEntries(QUERY_STATUSES.map((status) => [status, queries.filter((q) => q.status === status).length])) as Record<QueryStatus, number>;
    const written = await writeReport(session, { out: reportFile, lang: options.lang, modules: studyModules });
    reportJson = written.json;
    const h = written.data.header;
    highlights = {
      subjects: h.subjects,
      population: h.analysis_population === null ? null : { label: h.population_label ?? '', n: h.analysis_population },
      lines: moduleFor(studyModules, studyId)?.report?.summary(written.data) ?? [],
    };
  } finally {
    await session.close();
  }
  options.onEvent?.({ kind: 'exported' });
  return {
    studyId,
    highlights,
    coordinatorDir,
    passphrase: DEMO_PASSPHRASE,
    sites,
    merge: firstMerge,
    secondMerge,
    queries: { generated: raised.generated, byHand: raised.byHand, answeredByText, answeredByCorrection, review, byStatus },
    summary,
    exports: { csvDir, odm, dictionary, report: reportFile, reportJson },
    seconds: (Date.now() - started) / 1000,
  };
}

type FirstSite = Omit<DemoSite, 'secondBundle'>;
type WithCentral = <T>(work: (session: Session) => Promise<T>) => Promise<T>;

/** `edc return export` for every site, in one central session: the files, in the sites' order. */
async function exportReturns(withCentral: WithCentral, sites: readonly FirstSite[], outDir: string): Promise<{ file: string; queries: number; receipts: number }[]> {
  return withCentral(async (session) => {
    const files: { file: string; queries: number; receipts: number }[] = [];
    for (const site of sites) {
      const result = await exportReturn(session, { siteId: site.siteId, outDir });
      files.push({ file: result.file, queries: result.counts.queries ?? 0, receipts: result.counts.receipts ?? 0 });
    }
    return files;
  });
}

/** `edc return import` at the site. */
async function importReturnFile(session: Session, siteId: string, exported: { file: string; queries: number; receipts: number }, onEvent: DemoOptions['onEvent']): Promise<void> {
  const result = await importReturn(session, readReturnFile(exported.file));
  onEvent?.({ kind: 'returned', siteId, sequence: result.sequence, queries: exported.queries, receipts: exported.receipts });
}

/** Work at a site as its data-entry user (who imports return bundles, answers queries and exports). */
async function withDataEntry<T>(site: FirstSite, work: (session: Session) => Promise<T>): Promise<T> {
  const user = site.users.find((u) => u.role === 'data_entry')!;
  const session = await openSession({ dbFile: site.dbFile, username: user.username, password: user.password });
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}
