// axe-core on every screen of a site and of the coordinating centre and on every form of the study, in Italian
// and in English, in real Chromium against the loopback transport: no violation of any impact is accepted.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession } from '../src/core/auth/open-session';
import { exportBundle } from '../src/core/bundles/export-bundle';
import { importReturn, readReturnFile } from '../src/core/bundles/import-return';
import { initSiteFromKit } from '../src/core/bundles/init-site-from-kit';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { initCoordinator } from '../src/core/central/coordinator-init';
import { exportReturn } from '../src/core/central/export-return';
import { issueSiteKit } from '../src/core/central/issue-site-kit';
import { mergeRun } from '../src/core/central/merge-run';
import { openForm as openStoredForm } from '../src/core/forms/open-form';
import { saveForm } from '../src/core/forms/save-form';
import { keyringPathFor } from '../src/core/keys/keyring';
import { raiseQuery } from '../src/core/queries/raise-query';
import type { Session } from '../src/core/store/session';
import { createSubject } from '../src/core/subjects/create-subject';
import { SaveFormInput } from '../src/shared/contract/forms';
import { RaiseQueryInput } from '../src/shared/contract/queries';
import type { Lang } from '../src/shared/study/localized';
import { demoStudy } from '../src/tools/demo/run-demo';
import { seedSite, type SeededUser } from '../src/tools/synthetic';
import { startApp, type AppServer } from './support/app-server';
import { openBrowser, type Browser } from './support/browser';
import { patient } from './support/patient';
import { axeViolations, type AxeViolation } from './support/axe';

const PASSPHRASE = 'e2e coordinator passphrase';
const study = demoStudy();
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of the screens the test clicks, in each language (as the catalogue has them). */
const WORDS = {
  it: { login: 'Accesso', username: 'Nome utente', submit: 'Accedi', passphrase: 'Passphrase del coordinatore', subjects: 'Pazienti', users: 'Utenti', backup: 'Backup', settings: 'Impostazioni', review: 'Revisione', exchange: 'Esportazione', summary: 'Riepilogo', merge: 'Accorpamento', report: 'Report', status: 'Stato', queries: 'Query', newSubject: 'Nuovo paziente', open: 'Apri', fill: 'Compila', add: 'Aggiungi', logout: 'Esci', switchTo: 'Switch to English' },
  en: { login: 'Log in', username: 'User name', submit: 'Log in', passphrase: 'Coordinator passphrase', subjects: 'Subjects', users: 'Users', backup: 'Backup', settings: 'Settings', review: 'Review', exchange: 'Export', summary: 'Summary', merge: 'Merge', report: 'Report', status: 'Status', queries: 'Queries', newSubject: 'New subject', open: 'Open', fill: 'Fill in', add: 'Add', logout: 'Log out', switchTo: 'Passa all’italiano' },
} as const;

interface Violation extends AxeViolation {
  readonly screen: string;
}

let root: string;
let siteApp: AppServer;
let centreApp: AppServer;
let browser: Browser;
let page: Page;
let users: readonly SeededUser[];
/** A subject with a draft F02 failing a soft check: the override link shows. */
let flagged = '';
/** Form key → a subject with its first instance (at the site, hence merged at the centre). */
const storedAt = new Map<string, string>();
const violations: Violation[] = [];
const checked: string[] = [];

/** Runs axe-core on the page as it is now and records what it finds under the screen's name. */
async function audit(screen: string): Promise<void> {
  const found = await axeViolations(page);
  for (const v of found) violations.push({ screen, ...v });
  checked.push(screen);
}

const heading = (name: string | RegExp) => page.getByRole('heading', { name, level: 1 });

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

async function loginAs(lang: Lang, username: string, password: string): Promise<void> {
  await heading(WORDS[lang].login).waitFor();
  await page.getByLabel(WORDS[lang].username, { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: WORDS[lang].submit, exact: true }).click();
}

/** Opens a subject's casebook from the subject list. */
async function openCasebook(lang: Lang, subjectId: string): Promise<void> {
  await nav(WORDS[lang].subjects);
  await page.getByRole('gridcell', { name: subjectId }).click();
  await heading(new RegExp(`${escape(subjectId)}$`)).waitFor();
}

/** Opens a form of a subject from its casebook: the first instance when there is one (`stored`: there is), else a new one. */
async function openForm(lang: Lang, subjectId: string, formKey: string, stored = false): Promise<void> {
  const w = WORDS[lang];
  await openCasebook(lang, subjectId);
  const form = study.compiled.form(formKey)!;
  const title = escape(form.title[lang]);
  const existing = page.getByRole('button', { name: new RegExp(`^(${w.open}): ${title}( #1)?$`) });
  // A stored instance: its button shows once the casebook has loaded (the centre cannot create one).
  if (stored) await existing.first().waitFor();
  const target = (await existing.count()) > 0 ? existing.first() : page.getByRole('button', { name: new RegExp(`^(${w.fill}|${w.add}): ${title}$`) }).first();
  await target.click();
  await heading(new RegExp(`^${form.specId} `)).waitFor();
  // The form is painted once its fields are.
  await page.locator('.form-fields .field').first().waitFor();
}

/** Runs `body` in a session of the store, closed afterwards. */
async function withSession<T>(dbFile: string, username: string, password: string, body: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession({ dbFile, username, password });
  try {
    return await body(session);
  } finally {
    await session.close();
  }
}

/**
 * A coordinator and a site created from its kit (seeded patients, one draft failing checks), the site's bundle
 * merged at the centre, a query raised there on the flagged F02 and sent back to the site in a return bundle:
 * both apps have data on every screen (status matrix, queries, report, casebooks and forms at the centre).
 */
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'edc-e2e-axe-'));
  const siteDir = join(root, 'site');
  const centreDir = join(root, 'coordinator');
  mkdirSync(siteDir, { recursive: true });
  const { coordinator } = await initCoordinator({ dir: centreDir, passphrase: PASSPHRASE, study, name: 'Centro coordinatore (e2e)' });
  const centralDb = centralDbFile(centreDir);
  const kit = await withSession(centralDb, COORDINATOR_USER, PASSPHRASE, (central) => issueSiteKit(central, { siteId: 'IT01', siteName: 'Ematologia – centro IT01', outFile: join(root, 'IT01.kit.json') }));
  let siteFingerprint = '';
  const seeded = await seedSite({
    dir: siteDir,
    siteId: 'IT01',
    patients: 3,
    seed: 7,
    fast: true,
    createStore: async (admin) => {
      const dbFile = join(siteDir, 'site.db');
      const init = await initSiteFromKit({ dbFile, kit, expectedFingerprint: coordinator.fingerprint, admin });
      siteFingerprint = init.siteFingerprint;
      return { dbFile, recoveryCode: init.recoveryCode, keyringFile: keyringPathFor(dbFile) };
    },
  });
  users = seeded.users;
  const entry = users.find((u) => u.role === 'data_entry')!;
  const admin = users.find((u) => u.role === 'admin')!;
  await withSession(seeded.dbFile, entry.username, entry.password, async (session) => {
    flagged = (await createSubject(session, {})).id;
    const { ecog: _ecog, ...dm } = patient(flagged).find(([form]) => form === 'dm')![1][0]!;
    await saveForm(session, SaveFormInput.parse({ subjectId: flagged, form: 'dm', data: { ...dm, birth_year: 2010, bsa_chart_m2: 2.05 }, complete: false }));
    for (const [form, instances] of patient(flagged)) {
      if (form === 'dm' || study.compiled.isRepeating(form)) continue;
      await saveForm(session, SaveFormInput.parse({ subjectId: flagged, form, data: instances[0]!, complete: false })).catch(() => undefined);
    }
    // A subject with every form of the study entered (repeating ones too), so the centre has each to show.
    const full = (await createSubject(session, {})).id;
    for (const [form, instances] of patient(full)) {
      for (const data of instances) await saveForm(session, SaveFormInput.parse({ subjectId: full, form, data, complete: false }));
    }
    // Where each form has a first instance: the centre opens it there (it cannot create one).
    for (const subjectId of [flagged, full, ...seeded.subjects]) {
      for (const form of study.definition.forms) {
        if (storedAt.has(form.key)) continue;
        if ((await openStoredForm(session, { subjectId, form: form.key, instanceNo: 1 })).instance) storedAt.set(form.key, subjectId);
      }
    }
  });
  const bundle = await withSession(seeded.dbFile, admin.username, admin.password, (session) => exportBundle(session, join(root, 'usb')));
  const returned = await withSession(centralDb, COORDINATOR_USER, PASSPHRASE, async (central) => {
    const merged = await mergeRun(central, [bundle.file], { registerSites: new Map([['IT01', siteFingerprint]]), receiptsDir: join(centreDir, 'receipts') });
    if (merged.totals.refused > 0) throw new Error(`the site bundle was refused: ${JSON.stringify(merged.outcomes)}`);
    await raiseQuery(central, RaiseQueryInput.parse({ subjectId: flagged, form: 'dm', instanceNo: 1, field: 'weight_kg', text: 'Peso da confermare sulla cartella', category: 'out_of_range' }));
    return exportReturn(central, { siteId: 'IT01', outDir: join(root, 'back') });
  });
  await withSession(seeded.dbFile, admin.username, admin.password, (session) => importReturn(session, readReturnFile(returned.file)));
  siteApp = await startApp({ dataDir: siteDir });
  centreApp = await startApp({ dataDir: centreDir });
  browser = await openBrowser(siteApp.server.url);
  page = browser.page;
  page.setDefaultTimeout(20_000);
  await page.goto(siteApp.server.launchUrl);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await siteApp?.stop();
  await centreApp?.stop();
  if (root && process.env.EDC_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
});

describe('accessibility (axe-core) of every screen and form, in both languages', () => {
  it('finds no violation on the site’s screens and on every form of the study, in Italian and in English', async () => {
    const admin = users.find((u) => u.role === 'admin')!;
    for (const lang of ['it', 'en'] as const) {
      const w = WORDS[lang];
      await audit(`${lang} login`);
      await loginAs(lang, admin.username, admin.password);
      await heading(w.subjects).waitFor();
      await audit(`${lang} subjects`);
      for (const [screen, name] of [
        ['users', w.users],
        ['backup', w.backup],
        ['settings', w.settings],
        ['review', w.review],
        ['status matrix', w.status],
        ['queries', w.queries],
        ['exchange', w.exchange],
      ] as const) {
        await nav(name);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        await audit(`${lang} ${screen}`);
      }
      await nav(w.subjects);
      await page.getByRole('button', { name: w.newSubject, exact: true }).first().click();
      await heading(w.newSubject).waitFor();
      await audit(`${lang} new subject`);
      await nav(w.subjects);
      await page.getByRole('gridcell', { name: flagged }).click();
      await heading(new RegExp(`${escape(flagged)}$`)).waitFor();
      await audit(`${lang} casebook`);
      for (const form of study.definition.forms) {
        await openForm(lang, flagged, form.key);
        await audit(`${lang} form ${form.specId}`);
      }
      // The other language next: the switch is kept by the app, and the login screen follows it.
      await page.getByRole('button', { name: w.switchTo, exact: true }).click();
      await page.getByRole('button', { name: lang === 'it' ? WORDS.en.logout : WORDS.it.logout, exact: true }).click();
    }
    expect(checked.length).toBeGreaterThan(2 * (8 + study.definition.forms.length));
    expect(violations).toEqual([]);
  });

  it('finds no violation on the coordinating centre’s screens and merged forms, in Italian and in English', async () => {
    violations.length = 0;
    await page.goto(centreApp.server.launchUrl);
    for (const lang of ['it', 'en'] as const) {
      const w = WORDS[lang];
      await heading(w.login).waitFor();
      await audit(`${lang} centre login`);
      await page.getByLabel(w.passphrase, { exact: true }).fill(PASSPHRASE);
      await page.getByRole('button', { name: w.submit, exact: true }).click();
      await page.getByRole('navigation').waitFor();
      for (const [screen, name] of [
        ['summary', w.summary],
        ['merge', w.merge],
        ['subjects', w.subjects],
        ['review', w.review],
        ['status matrix', w.status],
        ['queries', w.queries],
        ['report', w.report],
        ['settings', w.settings],
      ] as const) {
        await nav(name);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await page.waitForLoadState('networkidle');
        await audit(`${lang} centre ${screen}`);
      }
      await openCasebook(lang, flagged);
      await audit(`${lang} centre casebook`);
      // Every form merged from the site, read-only here.
      for (const [formKey, subjectId] of storedAt) {
        await openForm(lang, subjectId, formKey, true);
        await audit(`${lang} centre form ${study.compiled.form(formKey)!.specId}`);
      }
      await page.getByRole('button', { name: w.switchTo, exact: true }).click();
      await page.getByRole('button', { name: lang === 'it' ? WORDS.en.logout : WORDS.it.logout, exact: true }).click();
    }
    expect(checked.filter((c) => c.includes('centre form')).length).toBe(2 * study.definition.forms.length);
    expect(violations).toEqual([]);
  });
});
