// A second study with no module of its own (htn-registry, a hypertension follow-up registry) through the whole
// loop: site kits, sites from the kits, entry through the core use-cases (by hand and by the generic generator),
// bundles, merge with receipts, CSV with the generic analysis dataset, ODM valid against the schema, the REDCap
// dictionary, the generic report, and `edc demo --study`.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openSession } from '../../src/core/auth/open-session';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReceipt, readReceiptFile } from '../../src/core/bundles/import-receipt';
import { initSiteFromKit } from '../../src/core/bundles/init-site-from-kit';
import { issueSiteKit } from '../../src/core/central/issue-site-kit';
import { mergeRun } from '../../src/core/central/merge-run';
import { exportCsv } from '../../src/core/exports/csv/export-csv';
import { studyToRedcapDictionary } from '../../src/core/exports/dictionary/redcap-dictionary';
import { exportOdm } from '../../src/core/exports/odm/export-odm';
import { saveForm } from '../../src/core/forms/save-form';
import { keyringPathFor } from '../../src/core/keys/keyring';
import { genericReportData, writeReport, type WriteReportResult } from '../../src/core/report';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import type { MergeReport } from '../../src/shared/contract/bundles';
import { studyModules } from '../../src/studies';
import { seedSite } from '../../src/tools/synthetic';
import { edc } from '../helpers/cli';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { validateOdm, xpath, q } from '../exports/odm-xmllint';

const study = loadBuiltInStudy('htn-registry');
const SEEDED = 6;

type Csv = Record<string, string>[];
const readCsv = (file: string): Csv => parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Csv;

describe('htn-registry, a study without a module, through the whole loop', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let merge: MergeReport;
  let handId: string;
  let csvDir: string;
  let odm: string;
  let dictionary: string;
  let central: WriteReportResult;
  let siteReport: WriteReportResult;
  let seededSubjects: readonly string[];

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, study);
    // IT01: a subject entered by hand through the core use-cases, with an override, a missing-data reason and a hidden field's condition.
    const it01 = await net.addSite('IT01');
    const entry = await it01.login('data_entry');
    try {
      handId = (await createSubject(entry, {})).id;
      const save = (form: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<unknown> => saveForm(entry, SaveFormInput.parse({ subjectId: handId, form, data, complete: true, ...extra }));
      await save('enrol', { subject_id: handId, enrol_date: '2025-03-10', consent: '1', birth_year: 1967, sex: '2' });
      await save('base', { htn_dx_date: '2019-05', height_cm: 170, weight_kg: 80.5, base_sbp: 150, base_dbp: 95, smoking: { missing: 'NK' }, diabetes: '0', comorbidities: ['1'], ckd_stage: '3' });
      await save('visit', { visit_date: '2025-06-12', sbp: 138, dbp: 84, on_treatment: '1', n_drugs: 2, drug_classes: ['1', '3'], adherence: '1' });
      await save('visit', { visit_date: '2025-09-20', sbp: 128, dbp: 112, on_treatment: '0' }, { overrides: { EC05: 'Measured twice at the visit, confirmed' } });
      await save('eos', { eos_date: '2025-12-01', eos_reason: '1' });
    } finally {
      await entry.close();
    }
    // IT02: a kit-initialised site filled by the generic synthetic generator (the study has no generator of its own).
    const session = await net.central();
    let kit: unknown;
    try {
      kit = await issueSiteKit(session, { siteId: 'IT02', siteName: 'Ambulatorio IT02', outFile: join(tmp.dir, 'IT02.kit.json') });
    } finally {
      await session.close();
    }
    let it02Fingerprint = '';
    mkdirSync(join(tmp.dir, 'it02'));
    const it02Db = join(tmp.dir, 'it02', 'site.db');
    const seeded = await seedSite({
      dir: join(tmp.dir, 'it02'),
      siteId: 'IT02',
      study,
      patients: SEEDED,
      seed: 'htn-loop',
      clock: net.clock,
      createStore: async (admin) => {
        const result = await initSiteFromKit({ dbFile: it02Db, kit, expectedFingerprint: net.coordinatorFingerprint, admin, clock: net.clock });
        it02Fingerprint = result.siteFingerprint;
        return { dbFile: it02Db, recoveryCode: result.recoveryCode, keyringFile: keyringPathFor(it02Db) };
      },
    });
    seededSubjects = seeded.subjects;
    const it02Entry = seeded.users.find((u) => u.role === 'data_entry')!;
    // Bundles from both sites, merged at the centre, receipts imported back.
    const bundles: string[] = [];
    const exportFrom = async (open: () => ReturnType<typeof openSession>): Promise<void> => {
      const s = await open();
      try {
        bundles.push((await exportBundle(s, join(tmp.dir, 'exchange'))).file);
      } finally {
        await s.close();
      }
    };
    await exportFrom(() => it01.login('data_entry'));
    await exportFrom(() => openSession({ dbFile: it02Db, username: it02Entry.username, password: it02Entry.password, clock: net.clock }));
    const c = await net.central();
    try {
      merge = await mergeRun(c, bundles, { registerSites: new Map([['IT01', it01.fingerprint], ['IT02', it02Fingerprint]]), receiptsDir: join(tmp.dir, 'receipts') });
      csvDir = join(tmp.dir, 'csv');
      await exportCsv(c, csvDir, { dialect: 'rfc4180', modules: studyModules });
      odm = (await exportOdm(c, join(tmp.dir, 'central.odm.xml'))).file;
      dictionary = studyToRedcapDictionary(c.study.definition, { lang: 'en' });
      central = await writeReport(c, { out: join(tmp.dir, 'report', 'central.html'), lang: 'en', modules: studyModules });
    } finally {
      await c.close();
    }
    const admin = await it01.login('admin');
    try {
      await importReceipt(admin, readReceiptFile(merge.outcomes[0]!.receiptFile!));
      siteReport = await writeReport(admin, { out: join(tmp.dir, 'report', 'it01.html'), lang: 'it', modules: studyModules });
    } finally {
      await admin.close();
    }
  }, 600_000);
  afterAll(() => tmp.cleanup());

  it('is a study no module is registered for', () => {
    expect(studyModules('htn-registry')).toBeUndefined();
    expect(study.compiled.problems).toEqual([]);
  });

  it('merges both sites’ bundles and their receipts are accepted', () => {
    expect(merge.totals).toEqual({ merged: 2, unchanged: 0, refused: 0 });
    expect(merge.outcomes.map((o) => o.receiptFile !== null)).toEqual([true, true]);
  });

  it('exports one generic analysis row per subject: the non-repeating fields, and records and first/last dates of the visits', () => {
    const rows = readCsv(join(csvDir, 'analysis.csv'));
    expect(rows.map((r) => r.subject_id).sort()).toEqual([handId, ...seededSubjects].sort());
    expect(rows.find((r) => r.subject_id === handId)).toEqual({
      subject_id: handId,
      site_id: 'IT01',
      site_code: 'IT01',
      enrol_date: '2025-03-10',
      consent: '1',
      birth_year: '1967',
      sex: '2',
      age_enrol: '57',
      htn_dx_date: '2019-05',
      height_cm: '170',
      weight_kg: '80.5',
      bmi: '27.9',
      base_sbp: '150',
      base_dbp: '95',
      smoking: '',
      diabetes: '0',
      comorbidities___1: '1',
      comorbidities___2: '0',
      comorbidities___3: '0',
      comorbidities___4: '0',
      comorbidities___0: '0',
      ckd_stage: '3',
      n_visit: '2',
      visit_date_first: '2025-06-12',
      visit_date_last: '2025-09-20',
      eos_date: '2025-12-01',
      eos_reason: '1',
      death_date: '',
      eos_comment: '',
    });
  });

  it('documents every column of analysis.csv in the codebook', () => {
    const header = readFileSync(join(csvDir, 'analysis.csv'), 'utf8').split('\r\n')[0]!.split(',');
    const documented = readCsv(join(csvDir, 'codebook.csv')).filter((r) => r.file === 'analysis.csv');
    expect(documented.map((r) => r.variable)).toEqual(header);
    expect(documented.find((r) => r.variable === 'n_visit')).toMatchObject({ type: 'integer', label_en: 'Records of Follow-up visit', label_it: 'Record di Visita di follow-up' });
    expect(documented.every((r) => (r.derivation ?? '').length > 10)).toBe(true);
  });

  it('writes ODM 1.3.2 that validates against the official schema, with the hand-entered subject', () => {
    const result = validateOdm(odm);
    expect(result).toEqual({ ok: true, output: expect.stringContaining('validates') });
    expect(xpath(odm, `count(//${q('SubjectData')}[@SubjectKey='${handId}']//${q('ItemData')}[@ItemOID='I.base.base_sbp' and @Value='150'])`)).toBe('1');
  });

  it('describes every entered field in the REDCap dictionary, conditions as branching logic', () => {
    const rows = parse(dictionary, { columns: false, skip_empty_lines: true }) as string[][];
    expect(rows[0]!.length).toBe(18);
    const names = rows.slice(1).map((r) => r[0]);
    for (const form of study.definition.forms) for (const f of form.fields) if (f.type !== 'multi') expect(names).toContain(f.name);
    const ckd = rows.find((r) => r[0] === 'ckd_stage')!;
    expect(ckd[11]).toContain('[comorbidities(1)]');
  });

  it('reports the generic sections only, with no analysis population', () => {
    const ids = central.data.sections.map((s) => s.id);
    expect(ids).toEqual(['enrolment', 'completeness', 'quality', 'queries', 'missing', 'fields', 'methods']);
    expect(central.data.sections.every((s) => s.source === 'generic')).toBe(true);
    expect(central.data.header).toMatchObject({ study_id: 'htn-registry', subjects: 1 + SEEDED, analysis_population: null, population_label: null });
    const { enrolment } = genericReportData(central.data);
    expect(enrolment.by_site.map((s) => [s.site_id, s.subjects, s.analysis_population])).toEqual([['IT01', 1, null], ['IT02', SEEDED, null]]);
    expect(enrolment.date_field).toBe('enrol.enrol_date');
    expect(enrolment.date_source).toEqual({ enrolment_date: 1 + SEEDED, created_at: 0 });
    expect(existsSync(central.html) && existsSync(central.json)).toBe(true);
  });

  it('gives the site’s own report the hand-entered subject’s statistics, override and missing-data reason', () => {
    const { enrolment, quality, missing, fields, completeness } = genericReportData(siteReport.data);
    expect(enrolment.by_month.filter((m) => m.subjects > 0)).toEqual([{ month: '2025-03', site_id: 'IT01', subjects: 1, cumulative: 1 }]);
    expect(completeness.overall.map((c) => [c.form, c.denominator, c.complete])).toEqual([['enrol', 1, 1], ['base', 1, 1], ['visit', 2, 2], ['eos', 1, 1]]);
    expect(quality.overridden_top).toEqual([expect.objectContaining({ check_id: 'EC05', severity: 'soft', failures: 1, subjects: 1 })]);
    expect(quality.open_checks_total).toEqual({ hard: 0, soft: 0, distinct_checks: 0 });
    expect(missing.fields).toEqual([expect.objectContaining({ form: 'base', field: 'smoking', records: 1, ND: 0, NK: 1, NA: 0 })]);
    const visit = fields.forms.find((f) => f.form === 'visit')!;
    const sbp = visit.fields.find((f) => f.field === 'sbp')!;
    expect(sbp).toMatchObject({ kind: 'number', n: 2, blank: 0, mean: 133, median: 133, min: 128, max: 138 });
    const treated = visit.fields.find((f) => f.field === 'on_treatment')!;
    expect(treated).toMatchObject({ kind: 'choice', n: 2, counts: [{ code: '1', label: 'Sì', n: 1 }, { code: '0', label: 'No', n: 1 }, { code: '9', label: 'Non noto', n: 0 }] });
    const nDrugs = visit.fields.find((f) => f.field === 'n_drugs')!;
    expect(nDrugs).toMatchObject({ n: 1, blank: 1 });
    const html = readFileSync(siteReport.html, 'utf8');
    expect(html).toContain('<h2>Statistiche descrittive per campo</h2>');
    expect(html).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('runs `edc demo --study htn-registry` end to end', async () => {
    const out = join(tmp.dir, 'demo');
    const r = await edc(['demo', '--out', out, '--study', 'htn-registry', '--sites', '1', '--patients', '3']);
    expect([r.code, r.err]).toEqual([0, expect.not.stringContaining('error')]);
    expect(r.out).toContain('EDC demo of htn-registry');
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8')) as { header: { study_id: string; subjects: number } };
    expect(report.header).toMatchObject({ study_id: 'htn-registry', subjects: 3 });
    expect(readCsv(join(out, 'exports', 'csv', 'analysis.csv'))).toHaveLength(3);
  }, 300_000);
});
