// A site set up from the coordinating centre's kit at first run, in real Chromium through the loopback
// transport: the kit read, its coordinator fingerprint confirmed as typed, the first export written and merged
// by the centre. Then a stand-alone site, the explicit second choice, joins the centre from Settings with a kit
// for its own site code (a kit for another site is refused first) and exports too. axe-core finds no violation on
// any first-run screen (choice, kit, fingerprint, stand-alone form, recovery code) or on the join card, and
// in English too on a first run whose data folder is set to English.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openSession } from '../src/core/auth/open-session';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { initCoordinator } from '../src/core/central/coordinator-init';
import { issueSiteKit } from '../src/core/central/issue-site-kit';
import { mergeBundle } from '../src/core/central/merge-bundle';
import { loadBuiltInStudy } from '../src/core/study/built-in';
import { startApp, type AppServer } from './support/app-server';
import { openBrowser, type Browser } from './support/browser';
import { axeViolations } from './support/axe';
import { scenarioSteps } from './support/steps';

const SHOTS = join(__dirname, '..', 'artifacts', 'screenshots');
const PASSPHRASE = 'e2e coordinator passphrase';
const ADMIN = { username: 'anna', displayName: 'Anna Amministratrice', password: 'admin-password-1' };

let root: string;
let coordinatorDir: string;
let coordinatorFingerprint = '';
const kits = new Map<string, string>();
const apps: AppServer[] = [];
const browsers: Browser[] = [];
let page: Page;

function groupHex(hex: string): string {
  return (hex.match(/.{1,4}/g) ?? []).join(' ');
}

function heading(name: string | RegExp, level = 1): Locator {
  return page.getByRole('heading', { name, level });
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** One step of the scenario: skipped once an earlier one failed, with a screenshot of where it failed. */
const { step } = scenarioSteps(async () => {
  await page?.screenshot({ path: join(SHOTS, 'kit-setup-failure.png'), fullPage: true });
});

/** A fresh data folder served by its own loopback server, opened in its own browser. */
async function openFreshApp(dataDir?: string): Promise<AppServer> {
  const app = await startApp(dataDir === undefined ? {} : { dataDir });
  apps.push(app);
  const browser = await openBrowser(app.server.url);
  browsers.push(browser);
  page = browser.page;
  page.setDefaultTimeout(20_000);
  await page.goto(app.server.launchUrl);
  return app;
}

async function fillAdmin(): Promise<void> {
  await page.getByLabel('Nome utente', { exact: true }).fill(ADMIN.username);
  await page.getByLabel('Nome e cognome', { exact: true }).fill(ADMIN.displayName);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Ripetere la password', { exact: true }).fill(ADMIN.password);
}

/** axe-core finds no violation on the screen as it is now (first-run screens are seen once, so each is audited). */
async function expectNoAxeViolation(): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

async function acceptRecoveryCode(): Promise<void> {
  await heading('Codice di recupero').waitFor();
  await expectNoAxeViolation();
  await page.getByLabel('Ho stampato / conservato il codice', { exact: true }).check();
  await page.getByRole('button', { name: 'Continua' }).click();
  await heading('Pazienti').waitFor();
}

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

/** Exports a bundle from the Export screen; returns the site key fingerprint the screen shows. */
async function exportBundleFromUi(usb: string): Promise<string> {
  await nav('Esportazione');
  await heading('Esportazione verso il centro coordinatore').waitFor();
  expect(await page.getByText('Questo database non è stato creato dal kit').count()).toBe(0);
  await page.getByLabel('Cartella di destinazione', { exact: true }).fill(usb);
  await page.getByRole('button', { name: 'Esporta pacchetto' }).click();
  await page.getByText(/^Pacchetto n\. 1 scritto: ino-all-it_IT0\d_000001_.*\.edcbundle$/).waitFor();
  expect(readdirSync(usb).filter((f) => f.endsWith('.edcbundle'))).toHaveLength(1);
  const fingerprints = page.locator('code.fingerprint[data-fingerprint]');
  return (await fingerprints.first().getAttribute('data-fingerprint')) ?? '';
}

/** The centre merges the bundle in `usb`, registering the site by the fingerprint its screen showed. */
async function mergeAtCentre(usb: string, siteId: string, siteFingerprint: string): Promise<string> {
  const central = await openSession({ dbFile: centralDbFile(coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE, kind: 'central' });
  try {
    const bundle = join(usb, readdirSync(usb).find((f) => f.endsWith('.edcbundle'))!);
    return (await mergeBundle(central, bundle, { registerSites: new Map([[siteId, siteFingerprint]]) })).status;
  } finally {
    await central.close();
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'edc-e2e-kit-'));
  coordinatorDir = join(root, 'coordinator');
  const { coordinator } = await initCoordinator({ dir: coordinatorDir, passphrase: PASSPHRASE, study: loadBuiltInStudy('ino-all-it'), name: 'Centro coordinatore (e2e)' });
  coordinatorFingerprint = coordinator.fingerprint;
  const central = await openSession({ dbFile: centralDbFile(coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE, kind: 'central' });
  try {
    for (const site of ['IT01', 'IT02']) {
      const file = join(root, 'usb-from-centre', `${site}.kit.json`);
      mkdirSync(join(root, 'usb-from-centre'), { recursive: true });
      await issueSiteKit(central, { siteId: site, siteName: `Ematologia – centro ${site}`, outFile: file });
      kits.set(site, file);
    }
  } finally {
    await central.close();
  }
}, 120_000);

afterAll(async () => {
  for (const b of browsers) await b.close();
  for (const a of apps) await a.stop();
  if (root && process.env.EDC_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
});

describe('site set-up from a coordinator kit, in the browser', () => {
  step('first run offers the kit first and says what a stand-alone site cannot do', async () => {
    await openFreshApp();
    await heading('Primo avvio: creazione del centro').waitFor();
    const choices = page.getByRole('radio');
    expect(await choices.count()).toBe(2);
    expect(await choices.nth(0).getAttribute('value')).toBe('kit');
    expect(await page.getByLabel('Dal kit del centro coordinatore', { exact: true }).isChecked()).toBe(true);
    const standAlone = page.getByLabel('Autonomo, senza scambio di dati', { exact: true });
    expect(await standAlone.getAttribute('aria-describedby')).toBeTruthy();
    await page.getByText(/^I dati restano su questo computer: il centro non può esportare pacchetti/).waitFor();
    await expectNoAxeViolation();
  });

  step('first run: a missing kit file is named; the kit read shows its site, study and grouped coordinator fingerprint', async () => {
    const file = page.getByLabel('File del kit (.kit.json)', { exact: true });
    await file.fill(join(root, 'no-such.kit.json'));
    await page.getByRole('button', { name: 'Leggi il kit' }).click();
    await page.getByRole('alert').filter({ hasText: 'Impossibile leggere il file' }).waitFor();
    await expectNoAxeViolation();
    await file.fill(kits.get('IT01')!);
    await page.getByRole('button', { name: 'Leggi il kit' }).click();
    await page.getByRole('definition').getByText('Ematologia – centro IT01').waitFor();
    expect((await page.getByTestId('kit-fingerprint').textContent())?.trim()).toBe(groupHex(coordinatorFingerprint));
    await expectNoAxeViolation();
    await shot('k01-first-run-kit');
  });

  step('first run: a fingerprint read back wrong stops the set-up; the right one, typed in groups, creates the site', async () => {
    const typed = page.getByLabel('Impronta letta dal centro coordinatore', { exact: true });
    await typed.fill(groupHex(`${coordinatorFingerprint.slice(0, 63)}${coordinatorFingerprint.endsWith('0') ? '1' : '0'}`));
    await page.getByText('L’impronta non coincide: non proseguire e avvisare il centro coordinatore.').waitFor();
    await fillAdmin();
    await page.getByRole('button', { name: 'Crea il centro dal kit' }).click();
    await page.getByText('L’impronta non coincide: non proseguire e avvisare il centro coordinatore.').waitFor();
    await expectNoAxeViolation();
    expect(existsSync(join(apps[0]!.dataDir, 'site.db'))).toBe(false);
    await typed.fill(groupHex(coordinatorFingerprint).toUpperCase());
    await page.getByText('L’impronta coincide.').waitFor();
    await shot('k02-fingerprint-confirmed');
    await page.getByRole('button', { name: 'Crea il centro dal kit' }).click();
    await acceptRecoveryCode();
    await page.locator('.brand-site').getByText(/IT01/).waitFor();
  });

  step('a site set up from the kit exports a bundle at once, and the centre merges it', async () => {
    const usb = join(root, 'usb-it01');
    const siteFingerprint = await exportBundleFromUi(usb);
    expect(siteFingerprint).toMatch(/^[0-9a-f]{64}$/);
    await shot('k03-export-after-kit');
    expect(await mergeAtCentre(usb, 'IT01', siteFingerprint)).toBe('merged');
  });

  step('a stand-alone site is created with the second choice and cannot export', async () => {
    await openFreshApp();
    await heading('Primo avvio: creazione del centro').waitFor();
    await page.getByLabel('Autonomo, senza scambio di dati', { exact: true }).check();
    await page.getByLabel('Codice centro', { exact: true }).fill('IT02');
    await page.getByLabel('Nome del centro', { exact: true }).fill('Ematologia – centro IT02');
    await page.getByLabel('Studio', { exact: true }).selectOption('ino-all-it');
    await fillAdmin();
    await expectNoAxeViolation();
    await page.getByRole('button', { name: 'Crea il centro', exact: true }).click();
    await acceptRecoveryCode();
    await nav('Esportazione');
    await page.getByText(/^Questo database non è stato creato dal kit di un centro coordinatore: non può esportare pacchetti\./).waitFor();
    expect(await page.getByRole('button', { name: 'Esporta pacchetto' }).count()).toBe(0);
  });

  step('Settings: the stand-alone admin is refused a kit of another site, then joins with the kit for IT02', async () => {
    await nav('Impostazioni');
    const card = page.getByRole('region', { name: 'Unirsi a un centro coordinatore' });
    await card.waitFor();
    await card.getByLabel('File del kit (.kit.json)', { exact: true }).fill(kits.get('IT01')!);
    await card.getByRole('button', { name: 'Leggi il kit' }).click();
    await card.getByRole('alert').filter({ hasText: 'Questo kit è per il centro IT01; questo database è del centro IT02' }).waitFor();
    await expectNoAxeViolation();
    await card.getByLabel('File del kit (.kit.json)', { exact: true }).fill(kits.get('IT02')!);
    await card.getByRole('button', { name: 'Leggi il kit' }).click();
    expect((await card.getByTestId('kit-fingerprint').textContent())?.trim()).toBe(groupHex(coordinatorFingerprint));
    await card.getByLabel('Impronta letta dal centro coordinatore', { exact: true }).fill(coordinatorFingerprint);
    await card.getByRole('button', { name: 'Unisciti al centro coordinatore' }).click();
    await card.getByText(/^Il centro IT02 ora scambia dati con il centro coordinatore\./).waitFor();
    await expectNoAxeViolation();
    await shot('k04-joined-from-settings');
  });

  step('the site that joined exports a bundle, and the centre merges it', async () => {
    const usb = join(root, 'usb-it02');
    const siteFingerprint = await exportBundleFromUi(usb);
    expect(await mergeAtCentre(usb, 'IT02', siteFingerprint)).toBe('merged');
  });

  step('in English too, axe-core finds no violation on the first-run screens and the recovery code', async () => {
    const dataDir = join(root, 'english-first-run');
    mkdirSync(dataDir, { recursive: true });
    // The language an app starts in is its data folder's setting.
    writeFileSync(join(dataDir, 'settings.json'), `${JSON.stringify({ lang: 'en' })}\n`);
    await openFreshApp(dataDir);
    await heading('First run: create the site').waitFor();
    await expectNoAxeViolation();
    await page.getByLabel('Site kit file (.kit.json)', { exact: true }).fill(kits.get('IT01')!);
    await page.getByRole('button', { name: 'Read the kit' }).click();
    await page.getByTestId('kit-fingerprint').waitFor();
    await expectNoAxeViolation();
    await page.getByLabel('Stand-alone, no exchange', { exact: true }).check();
    await page.getByLabel('Site code', { exact: true }).fill('IT03');
    await page.getByLabel('Site name', { exact: true }).fill('Haematology – site IT03');
    await page.getByLabel('Study', { exact: true }).selectOption('ino-all-it');
    await page.getByLabel('User name', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('Full name', { exact: true }).fill(ADMIN.displayName);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Repeat the password', { exact: true }).fill(ADMIN.password);
    await expectNoAxeViolation();
    await page.getByRole('button', { name: 'Create the site', exact: true }).click();
    await heading('Recovery code').waitFor();
    await expectNoAxeViolation();
  });

  step('no page requested anything outside its own origin, and none had errors', async () => {
    for (const b of browsers) {
      expect(b.foreign).toEqual([]);
      expect(b.failed).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    }
    for (const a of apps) expect(a.serverLog).toEqual([]);
  });
});
