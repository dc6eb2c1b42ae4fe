// buildReport on a two-site central store with eight known patients: every section, against the stats library and by hand.

import type { AnalysisRow } from '../../src/core/modules/analysis';
import { analysisContext, deriveSubject } from '../../src/studies/ino-all-it/analysis';
import { inoReportData } from '../../src/studies/ino-all-it/report';
import { studyModules } from '../../src/studies';
import { openSession } from '../../src/core/auth/open-session';
import { readDataset } from '../../src/core/dataset/dataset';
import { buildReport, genericReportData, type ReportDocument } from '../../src/core/report';
import { centralDigest } from '../../src/core/central/central-digest';
import { atRiskAt, cifAt, clopperPearson, cumulativeIncidence, kaplanMeier, survivalAt } from '../../src/core/stats';
import type { Session } from '../../src/core/store/session';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { runR, rVector } from '../helpers/rscript';
import { PATIENTS, plannedForms } from './patients';
import { DIALECTS } from '../helpers/postgres';
import { createReportNetwork, type ReportNetwork } from './report-network';

async function analysisRowsOf(session: Session): Promise<AnalysisRow[]> {
  const ctx = analysisContext(session.study.definition, {});
  const rows: AnalysisRow[] = [];
  for await (const s of readDataset(session.store.db, session.study.compiled, { now: session.clock() })) rows.push(deriveSubject(s, ctx));
  return rows.filter((r) => r.eligible === 1 && r.treated === 1);
}

/** The numbers of every section, generic and ino-all-it's. */
const parts = (document: ReportDocument) => ({ ...genericReportData(document), ...inoReportData(document) });
type Parts = ReturnType<typeof parts>;

const term = (data: Parts, name: string) => data.adverse_events.by_soc.flatMap((s) => s.terms).find((x) => x.term === name)!;
const grades = (by: readonly { grade: string; n: number }[]): Record<string, number> => Object.fromEntries(by.filter((g) => g.n > 0).map((g) => [g.grade, g.n]));

describe.each(DIALECTS)('buildReport (central on %s, 2 sites, 8 patients)', (dialect) => {
  const tmp = tempDir();
  let network: ReportNetwork;
  let central: Session;
  let document: ReportDocument;
  let data: Parts;
  let rows: AnalysisRow[];

  beforeAll(async () => {
    network = await createReportNetwork(tmp.dir, dialect);
    central = await network.net.central();
    document = await buildReport(central, { lang: 'en', modules: studyModules });
    data = parts(document);
    rows = await analysisRowsOf(central);
  }, 120_000);
  afterAll(async () => {
    await central?.close();
    tmp.cleanup();
  });

  it('has every section and a header describing the store', () => {
    expect(Object.keys(document)).toEqual(['format', 'format_version', 'lang', 'header', 'sections']);
    expect(document.sections.map((s) => s.id)).toEqual(['enrolment', 'completeness', 'quality', 'queries', 'missing', 'fields', 'baseline', 'response', 'survival', 'ae', 'sos', 'costs', 'methods']);
    expect(document.header).toMatchObject({ study_id: 'ino-all-it', scope: 'central', site_id: null, data_cutoff: null, subjects: 8, analysis_population: 8, generated_at: '2026-11-25T10:00:00.000Z' });
    expect(document.header.sites.map((s) => [s.site_id, s.site_name, s.subjects])).toEqual([['IT01', 'Ospedale IT01', 4], ['IT02', 'Ospedale IT02', 4]]);
    expect(document.header.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the content digest the centre computes on its own pass (the one merges and lock certificates hold)', async () => {
    expect(document.header.digest).toBe(await centralDigest(central.store.db));
  });

  it('counts enrolment by site and by month of the enrolment date the definition names (F01 registration date)', () => {
    expect(data.enrolment.months).toEqual(['2025-03', '2025-04', '2025-05', '2025-06']);
    const of = (site: string) => data.enrolment.by_month.filter((r) => r.site_id === site).map((r) => r.subjects);
    expect(of('IT01')).toEqual([2, 0, 2, 0]);
    expect(of('IT02')).toEqual([0, 2, 0, 2]);
    expect(data.enrolment.by_month.filter((r) => r.month === '2025-06').map((r) => r.cumulative)).toEqual([4, 4]);
    expect(data.enrolment.date_source).toEqual({ enrolment_date: 8, created_at: 0 });
    expect(data.enrolment.date_field).toBe('elig.registration_date');
  });

  it('reports completeness by site × form from the statuses the saves left', () => {
    const planned = new Map<string, number>();
    for (const p of PATIENTS) for (const f of plannedForms(p)) planned.set(f.form, (planned.get(f.form) ?? 0) + 1);
    const drafts = (form: string) => network.drafts.filter((d) => d.includes(`/${form}#`)).length;
    for (const form of ['elig', 'dm', 'dx', 'ae', 'vod', 'ru', 'fu']) {
      const cell = data.completeness.overall.find((c) => c.form === form)!;
      expect({ form, denominator: cell.denominator, complete: cell.complete }).toEqual({ form, denominator: form === 'ae' || form === 'vod' || form === 'ru' ? planned.get(form) : 8, complete: planned.get(form)! - drafts(form) });
    }
    expect(data.completeness.overall.find((c) => c.form === 'pt')).toMatchObject({ denominator: 0, share: null });
    expect(data.completeness.overall.find((c) => c.form === 'eos')).toMatchObject({ denominator: 8, complete: 0, share: 0 });
  });

  it('lists quarantine by site and open failed checks by site and check id', () => {
    expect(data.quality.quarantine).toEqual([{ site_id: 'IT01', records: 0, by_kind: [] }, { site_id: 'IT02', records: 0, by_kind: [] }]);
    // Patient 4 has a sepsis starting 20 days before C1D1: EC45a (soft) stays open on a draft.
    expect(data.quality.open_checks_top.find((c) => c.check_id === 'EC45a')).toMatchObject({ severity: 'soft', failures: 1, subjects: 1 });
    const total = data.quality.open_checks_total;
    expect(total.hard + total.soft).toBe(data.quality.open_checks_by_site.reduce((n, s) => n + s.hard + s.soft, 0));
    expect(data.quality.open_checks_top.length).toBeLessThanOrEqual(20);
  });

  it('summarises baseline characteristics overall and by Ph status', () => {
    expect(data.baseline.groups.map((g) => [g.group, g.n])).toEqual([['overall', 8], ['ph_pos', 3], ['ph_neg', 4], ['ph_unknown', 1]]);
    const age = data.baseline.rows.find((r) => r.key === 'age_first_dose')!;
    // Ages (birth year imputed 1 July): 34 39 49 54 56 62 66 74.
    expect(age.kind === 'continuous' && age.cells[0]).toMatchObject({ n: 8, median: 55, min: 34, max: 74, q1: 46.5, q3: 63 });
    const sex = data.baseline.rows.find((r) => r.key === 'sex')!;
    expect(sex.kind === 'categorical' && sex.cells[0]!.counts).toEqual([{ code: '1', n: 5 }, { code: '2', n: 3 }]);
  });

  it('gives CR/CRi, MRD negativity among responders and HSCT with Clopper–Pearson CIs', () => {
    const overall = data.response.groups[0]!;
    expect(overall.crcri).toEqual({ x: 6, n: 8, ...clopperPearson(6, 8) });
    expect(overall.mrd_neg_among_crcri).toEqual({ x: 2, n: 6, ...clopperPearson(2, 6) });
    expect(overall.hsct_after_ino).toEqual({ x: 2, n: 8, ...clopperPearson(2, 8) });
    expect(data.response.groups.find((g) => g.group === 'ph_pos')!.crcri).toMatchObject({ x: 3, n: 3, upper: 1 });
  });

  it('has the Kaplan–Meier steps of kaplanMeier on the analysis rows, and the hand-computed values', () => {
    const obs = rows.map((r) => ({ time: r.os_days as number, event: r.os_event as 0 | 1 }));
    const km = kaplanMeier(obs);
    const os = data.survival.curves.find((c) => c.id === 'os_overall')!;
    expect(os.steps).toEqual(km.steps.map(({ time, at_risk, events, censored, survival, lower, upper }) => ({ time, at_risk, events, censored, survival, lower, upper })));
    // Deaths at 45, 120, 150, 300 among 8 (censored 90, 250, 400, 500): S(200) = 7/8 · 5/6 · 4/5 = 7/12.
    expect(survivalAt(km, 200)!.survival).toBeCloseTo(7 / 12, 12);
    expect(os.landmarks.find((l) => l.time === 180)!.survival).toBeCloseTo(7 / 12, 12);
    expect(os.median.median).toBe(300);
    expect(os.at_risk).toEqual(atRiskAt(obs, [0, 90, 180, 365, 730]));
    expect(os.at_risk.map((a) => a.at_risk)).toEqual([8, 7, 4, 2, 0]);
    expect(data.survival.curves.map((c) => c.id)).toEqual(['os_overall', 'os_ph_pos', 'os_ph_neg', 'os_ph_unknown', 'efs_overall', 'efs_ph_pos', 'efs_ph_neg', 'efs_ph_unknown']);
    // EFS: no CR/CRi → event at day 1 (patients 2 and 6); relapse at 200; death at 150.
    expect(data.survival.curves.find((c) => c.id === 'efs_ph_neg')!.steps.map((s) => [s.time, s.events])).toEqual([[1, 2], [150, 1], [200, 1]]);
  });

  it('counts adverse events by SOC and term at each patient’s maximum grade (treatment-emergent only)', () => {
    expect(data.adverse_events).toMatchObject({ patients: 8, patients_any: 6, patients_grade3plus: 6, events: 11 });
    expect(term(data, 'Febrile neutropenia')).toMatchObject({ any: 3, grade3plus: 3 });
    expect(grades(term(data, 'Febrile neutropenia').by_max_grade)).toEqual({ '3': 2, '4': 1 });
    // The pre-treatment sepsis of patient 4 is not counted.
    expect(grades(term(data, 'Sepsis').by_max_grade)).toEqual({ '4': 1, '5': 1 });
    expect(term(data, 'Alanine aminotransferase increased')).toMatchObject({ any: 2, grade3plus: 0 });
    const inv = data.adverse_events.by_soc.find((s) => s.soc === 'Investigations')!;
    expect([inv.any, inv.grade3plus, grades(inv.by_max_grade)]).toEqual([3, 0, { '1': 1, '2': 2 }]);
    expect(term(data, 'Sinusoidal obstruction syndrome')).toMatchObject({ any: 2, grade3plus: 2 });
  });

  it('estimates SOS/VOD at day 100 with death as a competing risk (Aalen–Johansen), and its severity', () => {
    const obs = rows.map((r) => ({ time: r.vod_days as number, status: r.vod_ci_status as 0 | 1 | 2 }));
    const expected = cifAt(cumulativeIncidence(obs), 100)!;
    const s = data.sos_vod;
    expect(s.cif_at_horizon).toEqual({ cif: expected.cif, std_err: expected.std_err, lower: expected.lower, upper: expected.upper });
    // SOS at 30 (8 at risk), death without SOS at 45, SOS at 60 (6 at risk): 1/8 + (6/8)·(1/6) = 0.25.
    expect(s.cif_at_horizon.cif).toBeCloseTo(0.25, 12);
    expect(s.crude).toEqual({ x: 2, n: 8, ...clopperPearson(2, 8) });
    expect([s.events, s.competing]).toEqual([2, 2]);
    expect(s.ebmt_grade.filter((g) => g.n > 0).map((g) => [g.code, g.n])).toEqual([['3', 1], ['4', 1]]);
    expect(s.ctcae_grade.filter((g) => g.n > 0).map((g) => [g.code, g.n])).toEqual([['3', 1], ['4', 1]]);
  });

  it('reports the NRM cumulative incidence and Gray\'s test of SOS/VOD by Ph status as cmprsk::cuminc computes them (Rscript, 1e-9)', () => {
    const pick = (days: string, status: string): AnalysisRow[] => rows.filter((r) => typeof r[days] === 'number' && typeof r[status] === 'number');
    const nrm = pick('nrm_days', 'nrm_status');
    const sos = pick('vod_days', 'vod_ci_status').filter((r) => r.ph_status === 1 || r.ph_status === 2);
    const col = (list: AnalysisRow[], name: string): string => rVector(list.map((r) => r[name] as number));
    const out = runR(tmp.dir, 'nrm-gray.R', `suppressMessages(library(cmprsk))
p <- function(x) cat(sprintf('%.17g', x), '\\n')
nrm <- timepoints(cuminc(${col(nrm, 'nrm_days')}, ${col(nrm, 'nrm_status')}), c(100, 365))
p(nrm$est['1 1', ]); p(nrm$var['1 1', ])
g <- cuminc(${col(sos, 'vod_days')}, ${col(sos, 'vod_ci_status')}, ${col(sos, 'ph_status')})
p(g$Tests['1', 'stat']); p(g$Tests['1', 'pv'])
`);
    const [est, variance, stat, pv] = out.trim().split('\n').map((line) => line.trim().split(/\s+/).map(Number));
    const overall = data.survival.nrm.find((c) => c.id === 'nrm_c1d1')!;
    expect(overall.n).toBe(nrm.length);
    expect(overall.at.map((a) => a.time)).toEqual([100, 365]);
    overall.at.forEach((a, i) => {
      expect(Math.abs(a.cif! - est![i]!)).toBeLessThan(1e-9);
      expect(Math.abs(a.std_err! ** 2 - variance![i]!)).toBeLessThan(1e-9);
    });
    const gray = data.sos_vod.gray_ph!;
    expect([gray.n_ph_pos + gray.n_ph_neg, gray.df]).toEqual([sos.length, 1]);
    expect(Math.abs(gray.statistic - stat![0]!)).toBeLessThan(1e-9);
    expect(Math.abs(gray.p_value - pv![0]!)).toBeLessThan(1e-9);
  });

  it('reports SOS/VOD at day 100 from HSCT among the patients transplanted after inotuzumab', () => {
    const transplanted = rows.filter((r) => typeof r.vod_hsct_days === 'number');
    const expected = cifAt(cumulativeIncidence(transplanted.map((r) => ({ time: r.vod_hsct_days as number, status: r.vod_hsct_status as 0 | 1 | 2 }))), 100);
    const h = data.sos_vod.from_hsct;
    expect(h.n).toBe(transplanted.length);
    expect(h.n).toBeGreaterThan(0);
    expect(h.at).toEqual([{ time: 100, cif: expected?.cif ?? null, std_err: expected?.std_err ?? null, lower: expected?.lower ?? null, upper: expected?.upper ?? null }]);
  });

  it('summarises costs per patient by category and site', () => {
    const c = data.costs;
    // Totals of the 7 patients with F11 records: 71200 5000 16700 1800 83800 10000 900.
    expect(c.patients).toBe(7);
    expect(c.total.mean).toBeCloseTo(189400 / 7, 8);
    expect(c.total.median).toBe(10000);
    expect(c.total.total).toBe(189400);
    const hsct = c.by_category.find((x) => x.category === '13')!;
    expect([hsct.label, hsct.mean, hsct.median, hsct.nonzero]).toEqual(['HSCT episode', 20000, 0, 2]);
    expect(c.by_site.map((s) => [s.site_id, s.n, s.median, s.total])).toEqual([['IT01', 4, 10850, 94700], ['IT02', 3, 10000, 94700]]);
    expect(c.by_site.map((s) => s.mean)).toEqual([23675, expect.closeTo(94700 / 3, 8)]);
  });

  it('applies a data cut-off override and refuses a malformed one', async () => {
    const cut = await buildReport(central, { lang: 'it', modules: studyModules, params: { data_cutoff: '2025-06-30' } });
    expect(cut.header.data_cutoff).toBe('2025-06-30');
    expect(cut.lang).toBe('it');
    // Patient 1 (C1D1 2025-01-10) is censored at the cut-off: 171 days.
    expect(Math.max(...parts(cut).survival.curves.find((c) => c.id === 'os_overall')!.steps.map((s) => s.time))).toBe(171);
    await expect(buildReport(central, { lang: 'en', modules: studyModules, params: { data_cutoff: '30/06/2025' } })).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('reports a site’s own store without quarantine', async () => {
    const site = await openSession({ dbFile: network.siteDb, username: USERS.monitor, password: PASSWORDS.monitor, clock: network.net.clock });
    try {
      const own = await buildReport(site, { lang: 'en', modules: studyModules });
      expect(own.header).toMatchObject({ scope: 'site', site_id: 'IT01', subjects: 4 });
      expect(parts(own).quality.quarantine).toBeNull();
      expect(parts(own).response.groups[0]!.crcri).toMatchObject({ x: 3, n: 4 });
    } finally {
      await site.close();
    }
  });

  it('gives the same document when the subjects are evaluated on a worker thread as on the main thread', async () => {
    const onWorker = await buildReport(central, { lang: 'en', modules: studyModules, evaluateOnWorker: true });
    const onMain = await buildReport(central, { lang: 'en', modules: studyModules, evaluateOnWorker: false });
    expect(onWorker).toEqual(onMain);
    expect(onWorker).toEqual(document);
  });
});
