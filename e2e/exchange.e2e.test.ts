// Site ↔ coordinating centre in two real Chromium windows: a coordinator folder and a site created from its kit
// (seeded through core), each behind its own loopback server. Site: Review grid with highlights, CSV export in
// both dialects (and an identified one, confirmed), bundle export to a "USB" folder, sign-all. Centre: login,
// merge with the site registered by fingerprint, summary, Report with CR/CRi and charts, read-only casebook.
// Site again: the receipt imported and shown. Neither page requests anything outside its own origin.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openSession } from '../src/core/auth/open-session';
import { initSiteFromKit } from '../src/core/bundles/init-site-from-kit';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { initCoordinator } from '../src/core/central/coordinator-init';
import { issueSiteKit } from '../src/core/central/issue-site-kit';
import { startUploadServer, type UploadServer } from '../src/core/central/upload-server';
import { demoStudy } from '../src/tools/demo/run-demo';
import { saveForm } from '../src/core/forms/save-form';
import { keyringPathFor } from '../src/core/keys/keyring';
import { reviewGrid } from '../src/core/review/review-grid';
import { createSubject } from '../src/core/subjects/create-subject';
import { getCasebook } from '../src/core/subjects/casebook';
import { seedSite, type SeededUser } from '../src/tools/synthetic';
import { SaveFormInput } from '../src/shared/contract/forms';
import type { AppServer } from './support/app-server';
import type { Browser } from './support/browser';
import { patient } from './support/patient';
import { until } from './support/until';
import { openSiteAndCentre, type SiteAndCentre } from './support/site-and-centre';
import { scenarioSteps } from './support/steps';

const SHOTS = join(__dirname, '..', 'artifacts', 'screenshots');
const PASSPHRASE = 'e2e coordinator passphrase';
const SITE = 'IT01';
const PATIENTS = 12;

let root: string;
let usb: string;
let pair: SiteAndCentre | undefined;
let siteApp: AppServer;
let centreApp: AppServer;
let siteBrowser: Browser;
let centreBrowser: Browser;
let users: readonly SeededUser[];
let siteFingerprint = '';
/** The subject added through core with a draft F02 failing a hard and a soft check. */
let flagged = '';

const user = (role: SeededUser['role']): SeededUser => users.find((u) => u.role === role)!;
const site = (): Page => siteBrowser.page;
const centre = (): Page => centreBrowser.page;

/** A screenshot of the whole page; `fullPage: false` for the report, many screens long with every field's statistics. */
async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { name, level: 1 });
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

async function loginSite(u: SeededUser): Promise<void> {
  const page = site();
  await heading(page, 'Accesso').waitFor();
  await page.getByLabel('Nome utente', { exact: true }).fill(u.username);
  await page.getByLabel('Password', { exact: true }).fill(u.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await heading(page, 'Pazienti').waitFor();
}

async function logoutSite(): Promise<void> {
  await site().getByRole('button', { name: 'Esci' }).click();
  await heading(site(), 'Accesso').waitFor();
}

/** One step of the scenario: skipped once an earlier one failed, with screenshots of both windows. */
const { step } = scenarioSteps(async () => {
  await siteBrowser?.page.screenshot({ path: join(SHOTS, 'exchange-failure-site.png'), fullPage: true }).catch(() => undefined);
  await centreBrowser?.page.screenshot({ path: join(SHOTS, 'exchange-failure-centre.png'), fullPage: true });
});

/** A coordinator folder, a site store from its kit with seeded patients, and one draft failing checks. */
async function prepareFolders(): Promise<{ siteDir: string; centreDir: string }> {
  const centreDir = join(root, 'coordinator');
  const siteDir = join(root, 'site');
  mkdirSync(siteDir, { recursive: true });
  const { coordinator } = await initCoordinator({ dir: centreDir, passphrase: PASSPHRASE, study: demoStudy(), name: 'Centro coordinatore (e2e)' });
  const central = await openSession({ dbFile: centralDbFile(centreDir), username: COORDINATOR_USER, password: PASSPHRASE, kind: 'central' });
  let kit: unknown;
  try {
    kit = await issueSiteKit(central, { siteId: SITE, siteName: 'Ematologia – centro IT01', outFile: join(root, 'IT01.kit.json') });
  } finally {
    await central.close();
  }
  const seeded = await seedSite({
    dir: siteDir,
    siteId: SITE,
    patients: PATIENTS,
    seed: 11,
    fast: true,
    createStore: async (admin) => {
      const dbFile = join(siteDir, 'site.db');
      const result = await initSiteFromKit({ dbFile, kit, expectedFingerprint: coordinator.fingerprint, admin });
      siteFingerprint = result.siteFingerprint;
      return { dbFile, recoveryCode: result.recoveryCode, keyringFile: keyringPathFor(dbFile) };
    },
  });
  users = seeded.users;
  const entry = await openSession({ dbFile: seeded.dbFile, username: user('data_entry').username, password: user('data_entry').password });
  try {
    flagged = (await createSubject(entry, {})).id;
    const { ecog: _ecog, ...dm } = patient(flagged).find(([form]) => form === 'dm')![1][0]!;
    // Born 2010: a hard check (age ≥ 18); BSA on the chart far from the computed one: a soft check, not
    // confirmed; no ECOG: a required item missing.
    await saveForm(entry, SaveFormInput.parse({ subjectId: flagged, form: 'dm', data: { ...dm, birth_year: 2010, bsa_chart_m2: 2.05 }, complete: false }));
  } finally {
    await entry.close();
  }
  return { siteDir, centreDir };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'edc-e2e-exchange-'));
  usb = join(root, 'usb');
  const { siteDir, centreDir } = await prepareFolders();
  pair = await openSiteAndCentre({ siteDir, centreDir });
  ({ siteApp, centreApp, siteBrowser, centreBrowser } = pair);
}, 300_000);

afterAll(async () => {
  await pair?.close();
  if (root && process.env.EDC_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
});

describe('site and coordinating centre, each in its own browser', () => {
  step('site: the Review grid shows every F02, with the failed checks and missing items highlighted', async () => {
    await loginSite(user('admin'));
    const page = site();
    await nav(page, 'Revisione');
    await heading(page, 'Revisione dei dati').waitFor();
    await page.getByLabel('Scheda', { exact: true }).selectOption('dm');
    await page.getByRole('status').filter({ hasText: `${PATIENTS + 1} righe di ${PATIENTS + 1}` }).waitFor();
    const grid = page.getByRole('grid', { name: /^F02 / });
    const row = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: flagged, exact: true }) });
    // The draft: an error on the birth year, a warning on the chart BSA, missing required items.
    await row.locator('[role=gridcell].cell-hard').first().waitFor();
    expect(await row.locator('[role=gridcell].cell-soft').count()).toBeGreaterThan(0);
    expect(await row.locator('[role=gridcell].cell-missing').count()).toBeGreaterThan(0);
    expect(await row.locator('[role=gridcell].cell-hard').first().textContent()).toContain('2010');
    // As many highlighted rows as the store says have failures or missing items.
    const stored = await storedFlags('dm');
    expect(stored).toBeGreaterThan(0);
    expect(await grid.locator('.row-hard, .row-soft').count()).toBeLessThanOrEqual(stored);
    await page.getByRole('list', { name: 'Legenda' }).waitFor();
    await shot(page, 'x01-review-grid');
  });

  step('site: coded values as labels or codes, sorting, a column filter and the text filter', async () => {
    const page = site();
    const grid = page.getByRole('grid', { name: /^F02 / });
    const sexCells = async (): Promise<string[]> => {
      const texts: string[] = [];
      for (const r of await grid.getByRole('row').all()) {
        const cells = r.getByRole('gridcell');
        // Status, problems, then the first field of F02: sex.
        if ((await cells.count()) > 4) texts.push(((await cells.nth(2).textContent()) ?? '').trim());
      }
      return texts;
    };
    expect((await sexCells()).every((s) => s === 'Maschio' || s === 'Femmina' || s === '')).toBe(true);
    await page.getByLabel('Mostra i codici invece delle etichette').check();
    await until('codes shown', async () => (await sexCells()).every((s) => s === '1' || s === '2' || s === ''));
    await page.getByLabel('Mostra i codici invece delle etichette').uncheck();

    await page.getByRole('button', { name: 'Ordina per Controlli' }).click();
    await until('sorted by problems', async () => ((await grid.getByRole('rowheader').first().textContent()) ?? '') === flagged);
    expect(await grid.getByRole('columnheader', { name: /Controlli/ }).getAttribute('aria-sort')).toBe('descending');

    const filter = page.getByRole('combobox', { name: 'Filtra Sesso' });
    const options = await filter.getByRole('option').allTextContents();
    await filter.selectOption({ index: options.length - 1 });
    const chosen = options[options.length - 1]!.replace(/ \(\d\)$/, '');
    await until('the column filtered', async () => (await sexCells()).every((s) => s === chosen));
    const filtered = await reviewCount();
    expect(filtered.shown).toBeLessThanOrEqual(filtered.total);
    expect(filtered.shown).toBe((await sexCells()).length);
    await page.getByRole('button', { name: 'Annulla ordinamento e filtri' }).click();
    await page.getByLabel('Cerca', { exact: true }).fill(flagged);
    await until('one row left', async () => (await reviewCount()).shown === 1);
    await page.getByLabel('Cerca', { exact: true }).fill('');
  });

  step('site: a row opens its form; the keyboard walks the grid', async () => {
    const page = site();
    const grid = page.getByRole('grid', { name: /^F02 / });
    await grid.getByRole('rowheader', { name: flagged, exact: true }).click();
    await heading(page, /^F02 /).waitFor();
    await page.locator('.mono.subject-tag', { hasText: flagged }).waitFor();
    await nav(page, 'Revisione');
    await grid.waitFor();
    await grid.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await heading(page, /^F02 /).waitFor();
    await nav(page, 'Revisione');
  });

  step('site: CSV export in RFC 4180 and Excel-IT writes the files with rows and SHA-256', async () => {
    const page = site();
    await page.getByText('Esporta in CSV').click();
    for (const [dialect, label] of [
      ['rfc', /^RFC 4180/],
      ['excel', /^Excel italiano/],
    ] as const) {
      const folder = join(root, `csv-${dialect}`);
      await page.getByLabel('Cartella di destinazione', { exact: true }).fill(folder);
      await page.getByRole('radio', { name: label }).check();
      await page.getByRole('button', { name: 'Esporta CSV' }).click();
      const files = page.getByRole('table', { name: 'File esportati' });
      await files.getByRole('cell', { name: 'dm.csv', exact: true }).waitFor();
      expect(await files.getByRole('row').count()).toBeGreaterThan(10);
      const dm = readFileSync(join(folder, 'dm.csv'), 'utf8');
      const header = dm.replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
      if (dialect === 'rfc') expect(header.startsWith('subject_id,')).toBe(true);
      else {
        expect(dm.startsWith('\uFEFF')).toBe(true);
        expect(header.split(';').length).toBeGreaterThan(10);
      }
      expect(readdirSync(folder).some((f) => f.includes('IDENTIFIED'))).toBe(false);
    }
    await shot(page, 'x02-csv-export');
  });

  step('site: an identified export needs the explicit confirmation, and its file says IDENTIFIED', async () => {
    const page = site();
    const folder = join(root, 'csv-identified');
    await page.getByLabel('Cartella di destinazione', { exact: true }).fill(folder);
    await page.getByLabel('Esportazione identificata', { exact: true }).check();
    await page.getByRole('button', { name: 'Esporta CSV' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Esportare i dati identificativi?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Annulla' }).click();
    expect(existsSync(folder)).toBe(false);
    await page.getByRole('button', { name: 'Esporta CSV' }).click();
    await dialog.getByRole('button', { name: 'Sì, esporta i dati identificativi' }).click();
    await page.getByRole('cell', { name: `${SITE}_IDENTIFIED_identification_log.csv` }).waitFor();
    expect(readdirSync(folder)).toContain(`${SITE}_IDENTIFIED_identification_log.csv`);
  });

  step('site: the Export screen writes a bundle to the "USB stick" with progress and shows it', async () => {
    const page = site();
    await nav(page, 'Esportazione');
    await heading(page, 'Esportazione verso il centro coordinatore').waitFor();
    await page.getByTestId('last-export').getByText('nessuna esportazione finora').waitFor();
    expect(await page.getByText(groupHex(siteFingerprint)).count()).toBe(1);
    await page.getByLabel('Cartella di destinazione', { exact: true }).fill(usb);
    await page.getByRole('button', { name: 'Esporta pacchetto' }).click();
    await page.getByText(/^Pacchetto n\. 1 scritto: ino-all-it_IT01_000001_.*\.edcbundle$/).waitFor();
    await page.getByTestId('last-export').getByText(/^pacchetto n\. 1 del /).waitFor();
    expect(readdirSync(usb).filter((f) => f.endsWith('.edcbundle'))).toHaveLength(1);
    await shot(page, 'x03-export');
  });

  step('site: the status matrix shows every subject × form with its status in words and opens the form', async () => {
    const page = site();
    await nav(page, 'Stato');
    await heading(page, 'Stato delle schede').waitFor();
    const grid = page.getByRole('grid', { name: 'Stato delle schede' });
    await page.getByRole('status').filter({ hasText: `${PATIENTS + 1} pazienti` }).waitFor();
    const rowOf = (subject: string): Locator => grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: subject, exact: true }) });
    // The forms entered for a seeded subject, as its casebook says, are exactly the cells not shown as "not started".
    const session = await openSession({ dbFile: join(siteApp.dataDir, 'site.db'), username: user('admin').username, password: user('admin').password });
    let entered: string[];
    try {
      entered = [...new Set((await getCasebook(session, { subjectId: `${SITE}-0001` })).instances.map((i) => i.form))];
    } finally {
      await session.close();
    }
    const cells = rowOf(`${SITE}-0001`).locator('button.matrix-cell');
    const statuses = await cells.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-status')));
    expect(statuses.filter((s) => s !== 'empty').length).toBe(entered.length);
    // The flagged draft: its F02 cell says draft and errors in words (not colour only), and opens F02.
    const f02 = rowOf(flagged).getByRole('button', { name: /^\S+ F02 / });
    const label = (await f02.getAttribute('aria-label')) ?? '';
    expect(label).toContain('Bozza');
    expect(label).toContain('errori');
    expect((await f02.textContent()) ?? '').toContain('✎');
    await shot(page, 'x02b-status-matrix');
    await f02.click();
    await heading(page, /^F02 /).waitFor();
    await page.locator('.mono.subject-tag', { hasText: flagged }).waitFor();
  });

  step('centre: coordinator mode logs in as coordinator and starts on the empty summary', async () => {
    const page = centre();
    await heading(page, 'Accesso').waitFor();
    await page.getByText(/accedere come «coordinator»/).waitFor();
    expect(await page.getByLabel('Nome utente', { exact: true }).inputValue()).toBe('coordinator');
    await page.getByLabel('Passphrase del coordinatore', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await heading(page, 'Riepilogo del centro coordinatore').waitFor();
    await page.getByText('Nessun pacchetto accorpato finora.').waitFor();
    for (const siteOnly of ['Backup', 'Esportazione']) expect(await page.getByRole('navigation').getByRole('button', { name: siteOnly, exact: true }).count()).toBe(0);
  });

  step('centre: merging the USB folder with the site registered by its fingerprint', async () => {
    const page = centre();
    await nav(page, 'Accorpamento');
    await heading(page, 'Accorpamento dei pacchetti').waitFor();
    await page.getByLabel('Codice del centro', { exact: true }).fill(SITE);
    await page.getByLabel('Impronta della chiave del centro', { exact: true }).fill(groupHex(siteFingerprint).toUpperCase());
    await page.getByRole('button', { name: 'Aggiungi centro' }).click();
    await page.getByRole('list', { name: 'Centri da registrare' }).getByText(SITE, { exact: true }).waitFor();
    await page.getByLabel('Cartelle o file dei pacchetti', { exact: true }).fill(usb);
    await page.getByRole('button', { name: 'Accorpa', exact: true }).click();
    await page.getByText('1 accorpati, 0 invariati, 0 rifiutati.').waitFor();
    const outcomes = page.getByRole('table', { name: "Esito dell'accorpamento" });
    await outcomes.getByText('accorpato', { exact: true }).waitFor();
    await shot(page, 'x04-merge');
    // The same bundle again is a successful no-op.
    await page.getByRole('button', { name: 'Accorpa', exact: true }).click();
    await page.getByText('0 accorpati, 1 invariati, 0 rifiutati.').waitFor();
  });

  step('centre: the summary shows the site with its sequence and counts', async () => {
    const page = centre();
    await nav(page, 'Riepilogo');
    const table = page.getByRole('table', { name: 'Centri' });
    const row = table.getByRole('row').filter({ hasText: SITE });
    await row.waitFor();
    const cells = row.getByRole('cell');
    expect((await cells.nth(0).textContent())?.trim()).toBe('1');
    expect((await cells.nth(2).textContent())?.trim()).toBe(String(PATIENTS + 1));
    await page.getByText(/^Studio ino-all-it 1\.0\.0: 1 centri, 13 pazienti/).waitFor();
    await shot(page, 'x05-summary');
  });

  step('centre: the status matrix covers the merged subjects, read-only, and opens a form read-only', async () => {
    const page = centre();
    await nav(page, 'Stato');
    await heading(page, 'Stato delle schede').waitFor();
    await page.getByText('Dati ricevuti dai centri: sola lettura.').waitFor();
    await page.getByRole('status').filter({ hasText: `${PATIENTS + 1} pazienti` }).waitFor();
    const grid = page.getByRole('grid', { name: 'Stato delle schede' });
    const row = grid.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${SITE}-0001`, exact: true }) });
    await row.getByRole('button', { name: /^\S+ F02 / }).click();
    await page.locator('form.form-fields').waitFor();
    expect(await page.getByRole('button', { name: /^Segna come completa/ }).count()).toBe(0);
  });

  step('centre: the Report screen shows every section of the report, the CR/CRi rate with its CI and the charts as images', async () => {
    const page = centre();
    await nav(page, 'Report');
    await page.getByRole('button', { name: 'Calcola il report' }).click();
    const response = page.getByRole('region', { name: 'Risposta' });
    await response.waitFor({ timeout: 60_000 });
    // The CR/CRi row, all patients: x/n (rate; exact 95% CI), as the HTML report writes it.
    const crcri = response.getByRole('row').nth(1).getByRole('cell').nth(0);
    expect((await crcri.textContent()) ?? '').toMatch(/^\d+\/\d+ \(\d+,\d%; \d+,\d%–\d+,\d%\)$/);
    // The generic sections come first, then the study's: every section of the document is on the screen.
    await page.getByRole('region', { name: 'Statistiche descrittive per campo' }).waitFor();
    const charts = page.locator('figure.chart img');
    expect(await charts.count()).toBeGreaterThanOrEqual(6);
    type Img = { complete: boolean; naturalWidth: number };
    await until('the charts decoded', async () => (await charts.evaluateAll((imgs) => imgs.every((i) => (i as unknown as Img).complete && (i as unknown as Img).naturalWidth > 0))) === true);
    expect(await page.locator('svg').count()).toBe(0);
    await shot(page, 'x06-report', false);
  });

  step('centre: the casebook is read-only, without the identification log', async () => {
    const page = centre();
    await nav(page, 'Pazienti');
    expect(await page.getByRole('button', { name: 'Nuovo paziente' }).count()).toBe(0);
    await page.getByRole('gridcell', { name: `${SITE}-0001` }).click();
    await heading(page, `Casebook ${SITE}-0001`).waitFor();
    expect(await page.getByRole('button', { name: /^(Aggiungi|Compila|Rimuovi):/ }).count()).toBe(0);
    expect(await page.getByText('Registro di identificazione').count()).toBe(0);
    await page.getByRole('button', { name: /^Apri: / }).first().click();
    await page.locator('form.form-fields').waitFor();
    expect(await page.getByRole('button', { name: /^Segna come completa/ }).count()).toBe(0);
    expect(await page.locator('form.form-fields input:not([readonly]):not([disabled]):not([type=radio]):not([type=checkbox])').count()).toBe(0);
  });

  step('site: the receipt is imported and shown as the last acknowledged one', async () => {
    const receipts = readdirSync(join(centreApp.dataDir, 'receipts'));
    expect(receipts).toHaveLength(1);
    const page = site();
    await nav(page, 'Esportazione');
    await page.getByLabel('File della ricevuta (.receipt.json)', { exact: true }).fill(join(centreApp.dataDir, 'receipts', receipts[0]!));
    await page.getByRole('button', { name: 'Importa ricevuta' }).click();
    await page.getByText(/^Ricevuta del pacchetto n\. 1 importata/).waitFor();
    await page.getByTestId('last-receipt').getByText(/^pacchetto n\. 1 accorpato il /).waitFor();
    await page.getByTestId('last-receipt').getByText(/^13 pazienti, \d+ schede; .* in quarantena$/).waitFor();
    await shot(page, 'x07-receipt');
  });

  step('site: with the coordinator address set, a new bundle is uploaded over HTTPS and its receipt imported', async () => {
    const upload = await startHttpsInbox();
    try {
      const page = site();
      await page.getByLabel('Indirizzo del centro coordinatore', { exact: true }).fill('http://127.0.0.1/');
      await page.getByText("L'indirizzo deve iniziare con https://").waitFor();
      await page.getByLabel('Indirizzo del centro coordinatore', { exact: true }).fill(upload.url);
      await page.getByRole('button', { name: 'Salva indirizzo' }).click();
      await page.getByText('Indirizzo salvato.').waitFor();
      await page.getByLabel('Cartella di destinazione', { exact: true }).fill(usb);
      await page.getByRole('button', { name: 'Esporta pacchetto' }).click();
      await page.getByText(/^Pacchetto n\. 2 scritto: /).waitFor();
      // The bundle just written is proposed; the loopback server sends it, not the page.
      expect(await page.getByLabel('Pacchetti da inviare', { exact: true }).inputValue()).toMatch(/_000002_.*\.edcbundle$/);
      await page.getByRole('button', { name: 'Invia', exact: true }).click();
      await page.getByRole('table', { name: "Esito dell'invio" }).getByText('accorpato', { exact: true }).waitFor();
      await page.getByTestId('last-receipt').getByText(/^pacchetto n\. 2 accorpato il /).waitFor();
      await shot(page, 'x07b-upload');
    } finally {
      await upload.close();
    }
  });

  step('site: a monitor reviews and exports CSV but cannot export bundles', async () => {
    await logoutSite();
    await loginSite(user('monitor'));
    const page = site();
    await nav(page, 'Esportazione');
    await page.getByText('Il ruolo di monitor consente di vedere lo stato').waitFor();
    expect(await page.getByRole('button', { name: 'Esporta pacchetto' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Importa ricevuta' }).count()).toBe(0);
    await nav(page, 'Revisione');
    await page.getByText('Esporta in CSV').click();
    expect(await page.getByLabel('Esportazione identificata').count()).toBe(0);
    await page.getByRole('button', { name: 'Esporta CSV' }).waitFor();
  });

  step('site: an investigator signs every completed form of a casebook with one password entry', async () => {
    await logoutSite();
    const investigator = user('investigator');
    await loginSite(investigator);
    const subjectId = await subjectWithCompletedForms();
    const page = site();
    await page.getByRole('gridcell', { name: subjectId }).click();
    await heading(page, `Casebook ${subjectId}`).waitFor();
    await page.getByRole('button', { name: /^Firma (tutte le schede completate|la scheda completata) \(\d+\)$/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Firma di \d+ sched/ });
    await dialog.getByText('Significato della firma:').waitFor();
    await dialog.getByLabel('Password (di nuovo)').fill(investigator.password);
    await shot(page, 'x08-sign-all');
    await dialog.getByRole('button', { name: 'Firma', exact: true }).click();
    await page.getByText(/^\d+ sched[ae] firmat[ae]\.$/).waitFor();
    expect(await page.getByRole('button', { name: /^Firma (tutte|la scheda)/ }).count()).toBe(0);
    const session = await openSession({ dbFile: join(siteApp.dataDir, 'site.db'), username: investigator.username, password: investigator.password });
    try {
      expect((await getCasebook(session, { subjectId })).instances.filter((i) => i.status === 'complete')).toEqual([]);
    } finally {
      await session.close();
    }
  });

  step('neither page requested anything outside its own origin, and neither had errors', () => {
    for (const b of [siteBrowser, centreBrowser]) {
      expect(b.foreign).toEqual([]);
      expect(b.failed).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    }
    expect(siteApp.serverLog).toEqual([]);
    expect(centreApp.serverLog).toEqual([]);
  });
});

/**
 * The coordinator's HTTPS inbox (`edc coordinator serve`) with a self-signed certificate made by openssl, trusted by
 * this process — where the loopback server making the upload runs.
 */
async function startHttpsInbox(): Promise<{ url: string; close(): Promise<void> }> {
  const key = join(root, 'tls-key.pem');
  const cert = join(root, 'tls-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2', '-keyout', key, '-out', cert], { stdio: 'pipe' });
  const pem = readFileSync(cert, 'utf8');
  const previous = globalAgent.options.ca;
  globalAgent.options.ca = pem;
  const session = await openSession({ dbFile: centralDbFile(centreApp.dataDir), username: COORDINATOR_USER, password: PASSPHRASE, kind: 'central' });
  let server: UploadServer;
  try {
    server = await startUploadServer({ session, dir: centreApp.dataDir, host: '127.0.0.1', port: 0, cert: pem, key: readFileSync(key, 'utf8') });
  } catch (error) {
    await session.close();
    throw error;
  }
  return {
    url: server.url,
    async close() {
      await server.close();
      await session.close();
      globalAgent.options.ca = previous;
    },
  };
}

function groupHex(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

async function reviewCount(): Promise<{ shown: number; total: number }> {
  const text = (await site().getByRole('status').filter({ hasText: /righe di/ }).textContent()) ?? '';
  const [, shown, total] = /(\d+) righe di (\d+)/.exec(text) ?? [];
  return { shown: Number(shown), total: Number(total) };
}

/** Rows of a form the store reports with a failed check or a missing item. */
async function storedFlags(form: string): Promise<number> {
  const admin = user('admin');
  const session = await openSession({ dbFile: join(siteApp.dataDir, 'site.db'), username: admin.username, password: admin.password });
  try {
    return (await reviewGrid(session, form)).rows.filter((r) => r.failed.length > 0 || r.missing.length > 0).length;
  } finally {
    await session.close();
  }
}

/** A seeded subject with completed, unsigned forms (the seeding signs only a share of them). */
async function subjectWithCompletedForms(): Promise<string> {
  const admin = user('admin');
  const session = await openSession({ dbFile: join(siteApp.dataDir, 'site.db'), username: admin.username, password: admin.password });
  try {
    for (let i = 1; i <= PATIENTS; i += 1) {
      const id = `${SITE}-${String(i).padStart(4, '0')}`;
      if ((await getCasebook(session, { subjectId: id })).instances.some((x) => x.status === 'complete')) return id;
    }
  } finally {
    await session.close();
  }
  throw new Error('no subject with completed, unsigned forms');
}
