// Printable CRFs in real Chromium: the Print buttons of the status screen (blank CRF) and of a casebook hand the
// browser the print layout; Chromium prints each to PDF (page.pdf) and pdftotext finds every form title, a
// sample of field labels and, in the casebook, the signature manifestation (21 CFR 11.50).

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openSession } from '../src/core/auth/open-session';
import { initStore } from '../src/core/store/init-site';
import { loadBuiltInStudy } from '../src/core/study/built-in';
import { getCasebook } from '../src/core/subjects/casebook';
import { seedSite, type SeededUser } from '../src/tools/synthetic';
import { startApp, type AppServer } from './support/app-server';
import { openBrowser, type Browser } from './support/browser';

const study = loadBuiltInStudy('ino-all-it');
let root: string;
let app: AppServer;
let browser: Browser;
let users: readonly SeededUser[];
let signedSubject = '';

const norm = (s: string): string => s.replace(/\s+/g, ' ');

/** Clicks a Print button and prints the document it handed the browser to PDF; returns the PDF's text. */
async function printed(page: Page, button: string, name: string): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const frame = page.locator('iframe[srcdoc]').last();
  await frame.waitFor({ state: 'attached' });
  const html = (await frame.getAttribute('srcdoc')) ?? '';
  await frame.evaluate((f) => f.remove());
  const printPage = await browser.context.newPage();
  try {
    await printPage.setContent(html);
    const pdf = join(root, `${name}.pdf`);
    await printPage.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
    return norm(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
  } finally {
    await printPage.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'edc-e2e-print-'));
  const dir = join(root, 'site');
  mkdirSync(dir, { recursive: true });
  const seeded = await seedSite({
    dir,
    siteId: 'IT01',
    patients: 4,
    seed: 5,
    fast: true,
    createStore: async (admin) => {
      const dbFile = join(dir, 'site.db');
      const r = await initStore({ dbFile, kind: 'site', siteId: 'IT01', siteName: 'Ematologia – centro IT01', study, admin });
      return { dbFile, recoveryCode: r.recoveryCode, keyringFile: r.keyringFile };
    },
  });
  users = seeded.users;
  const admin = users.find((u) => u.role === 'admin')!;
  const session = await openSession({ dbFile: seeded.dbFile, username: admin.username, password: admin.password });
  try {
    for (const id of seeded.subjects) {
      if ((await getCasebook(session, { subjectId: id })).instances.some((i) => i.signedBy)) {
        signedSubject = id;
        break;
      }
    }
  } finally {
    await session.close();
  }
  app = await startApp({ dataDir: dir });
  browser = await openBrowser(app.server.url);
  browser.page.setDefaultTimeout(30_000);
  await browser.page.goto(app.server.launchUrl);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('printing CRFs to PDF in Chromium', () => {
  it('logs in', async () => {
    const page = browser.page;
    const u = users.find((x) => x.role === 'data_entry')!;
    await page.getByLabel('Nome utente', { exact: true }).fill(u.username);
    await page.getByLabel('Password', { exact: true }).fill(u.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await page.getByRole('heading', { name: 'Pazienti', level: 1 }).waitFor();
    expect(signedSubject).not.toBe('');
  });

  it('prints the blank CRF in Italian with every form title and a sample of field labels', async () => {
    const page = browser.page;
    await page.getByRole('navigation').getByRole('button', { name: 'Stato', exact: true }).click();
    await page.getByRole('heading', { name: 'Stato delle schede', level: 1 }).waitFor();
    const text = await printed(page, 'Stampa CRF in bianco', 'blank-crf');
    for (const form of study.definition.forms) expect(text).toContain(norm(`${form.specId} ${form.title.it}`));
    for (const form of study.definition.forms) expect(text).toContain(norm(form.fields[0]!.label.it));
    expect(text).toContain(norm(study.definition.signatureMeaning.it));
  });

  it('prints a signed casebook with the signature manifestation: printed name, date and time, meaning', async () => {
    const page = browser.page;
    await page.getByRole('navigation').getByRole('button', { name: 'Pazienti', exact: true }).click();
    await page.getByRole('gridcell', { name: signedSubject }).click();
    await page.getByRole('heading', { name: `Casebook ${signedSubject}`, level: 1 }).waitFor();
    const text = await printed(page, 'Stampa casebook', 'casebook');
    expect(text).toContain(`Casebook ${signedSubject}`);
    expect(text).toContain('Firma elettronica (21 CFR 11.50)');
    const investigator = users.find((u) => u.role === 'investigator')!;
    expect(text).toContain(`Firmato da: ${investigator.displayName} (${investigator.username})`);
    expect(text).toMatch(/Data e ora \(UTC\): \S+/);
    expect(text).toContain('Significato della firma:');
    expect(text).toContain('Sintesi dell’audit trail');
  });
});
