// Periodic exchange in real Chromium through the loopback transport: an admin of a site made from a kit sets
// the interval and the folder on the Export screen; with no bundle yet the export is due at once, so every
// screen warns; "export and send now" writes the bundle, the status shows it and the warning is gone.

import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openSession } from '../src/core/auth/open-session';
import { initSiteFromKit } from '../src/core/bundles/init-site-from-kit';
import { centralDbFile, COORDINATOR_USER } from '../src/core/central/coordinator-files';
import { initCoordinator } from '../src/core/central/coordinator-init';
import { issueSiteKit } from '../src/core/central/issue-site-kit';
import { loadBuiltInStudy } from '../src/core/study/built-in';
import { startApp, type AppServer } from './support/app-server';
import { openBrowser, type Browser } from './support/browser';

const SHOTS = join(__dirname, '..', 'artifacts', 'screenshots');
const PASSPHRASE = 'e2e coordinator passphrase';
const ADMIN = { username: 'anna', displayName: 'Anna Amministratrice', password: 'admin-password-1' };

let root: string;
let usb: string;
let app: AppServer;
let browser: Browser;
let page: Page;

function heading(name: string | RegExp): Locator {
  return page.getByRole('heading', { name, level: 1 });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'edc-e2e-periodic-'));
  usb = join(root, 'usb');
  const coordinatorDir = join(root, 'coordinator');
  const { coordinator } = await initCoordinator({ dir: coordinatorDir, passphrase: PASSPHRASE, study: loadBuiltInStudy('ino-all-it'), name: 'Centro coordinatore (e2e)' });
  const central = await openSession({ dbFile: centralDbFile(coordinatorDir), username: COORDINATOR_USER, password: PASSPHRASE, kind: 'central' });
  let kit: unknown;
  try {
    kit = await issueSiteKit(central, { siteId: 'IT01', siteName: 'Ematologia – centro IT01', outFile: join(root, 'IT01.kit.json') });
  } finally {
    await central.close();
  }
  const siteDir = join(root, 'site');
  mkdirSync(siteDir, { recursive: true });
  await initSiteFromKit({ dbFile: join(siteDir, 'site.db'), kit, expectedFingerprint: coordinator.fingerprint, admin: ADMIN });
  app = await startApp({ dataDir: siteDir });
  browser = await openBrowser(app.server.url);
  page = browser.page;
  page.setDefaultTimeout(20_000);
  await page.goto(app.server.launchUrl);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (root && process.env.EDC_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
});

describe('periodic exchange, in the browser', () => {
  it('warns on every screen once the interval is set and nothing was exported, and stops warning after "export and send now"', async () => {
    await heading('Accesso').waitFor();
    await page.getByLabel('Nome utente', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await heading('Pazienti').waitFor();
    expect(await page.getByTestId('exchange-reminder').count()).toBe(0);

    await page.getByRole('navigation').getByRole('button', { name: 'Esportazione', exact: true }).click();
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Scambio periodico' }) });
    await card.waitFor();
    await card.getByLabel('Intervallo di esportazione (giorni)', { exact: true }).fill('14');
    await card.getByLabel('Cartella per le esportazioni automatiche', { exact: true }).fill(usb);
    await card.getByRole('button', { name: 'Salva lo scambio periodico' }).click();
    await card.getByText('Scambio periodico salvato.').waitFor();
    await card.getByText('ogni 14 giorni').waitFor();

    await page.getByRole('navigation').getByRole('button', { name: 'Pazienti', exact: true }).click();
    await heading('Pazienti').waitFor();
    await page.getByTestId('exchange-reminder').getByText(/L'esportazione periodica è in ritardo/).waitFor();
    await page.screenshot({ path: join(SHOTS, 'periodic-exchange-overdue.png'), fullPage: true });

    await page.getByTestId('exchange-reminder').getByRole('button', { name: 'Vai allo scambio' }).click();
    await card.getByRole('button', { name: 'Esporta e invia ora' }).click();
    await card.getByText('Pacchetto n. 1 esportato.').waitFor();
    expect(readdirSync(usb).filter((f) => f.endsWith('.edcbundle'))).toHaveLength(1);
    await page.getByTestId('last-export').getByText(/pacchetto n\. 1/).waitFor();

    await page.getByRole('navigation').getByRole('button', { name: 'Pazienti', exact: true }).click();
    await heading('Pazienti').waitFor();
    // The banner asks for the status when the browser is idle after a visit: wait for that answer.
    await page.getByTestId('exchange-reminder').waitFor({ state: 'detached' });
    expect(await page.getByTestId('exchange-reminder').count()).toBe(0);
    expect(browser.foreign).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
