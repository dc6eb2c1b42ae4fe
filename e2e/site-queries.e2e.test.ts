// Data queries at the site, in real Chromium through the loopback transport. Everything before the UI goes
// through the `edc` CLI: coordinator init, site kit, site set-up from it, a subject's F02, site export,
// central merge, two queries raised on F02 fields, the return bundle written. At the site the return bundle is
// imported in the Exchange screen; the counts show in the subject list and casebook, the badges and texts on
// the fields; one query is answered with a text, the other by correcting the value with the pre-filled reason
// for change; the Queries screen lists both answered, and `edc queries list --json` says so too. axe-core finds
// no violation on the screens that show queries.

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { QueryOut } from '../src/shared/contract/queries';
import { edc as runEdc } from '../test/helpers/cli';
import { startApp, type AppServer } from './support/app-server';
import { openBrowser, type Browser } from './support/browser';
import { patient } from './support/patient';
import { axeViolations } from './support/axe';
import { scenarioSteps } from './support/steps';

const SHOTS = join(__dirname, '..', 'artifacts', 'screenshots');
const PASSPHRASE = 'e2e coordinator passphrase';
const ADMIN = { username: 'anna', password: 'admin-password-1' };
const WEIGHT_QUERY = 'Peso 140 kg alla prima dose: confermare sulla cartella';
const HEIGHT_QUERY = 'Altezza 107 cm: cifre invertite? Correggere';

let root: string;
let coordinatorDir: string;
let siteDir: string;
let dbFile: string;
let subjectId = '';
let weightQuery = '';
let heightQuery = '';
let returnFile = '';
let app: AppServer;
let browser: Browser;
let page: Page;

/** `edc` in this process, with its output captured; a non-zero exit fails the step with what it said. */
async function edc(args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  const result = await runEdc(args, { EDC_PASSPHRASE: PASSPHRASE, EDC_PASSWORD: ADMIN.password, ...env }, root);
  if (result.code !== 0) throw new Error(`edc ${args.join(' ')} exited ${result.code}: ${result.err}${result.out}`);
  return result.out;
}

const siteArgs = (): string[] => ['--db', dbFile, '--user', ADMIN.username];

function heading(name: string | RegExp, level = 1): Locator {
  return page.getByRole('heading', { name, level });
}

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

/** axe-core's violations on the page as it is now (ids and where), none expected. */
async function axeViolationList(): Promise<string[]> {
  return (await axeViolations(page)).map((v) => `${v.id}: ${v.nodes.join(', ')}`);
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** One step of the scenario: skipped once an earlier one failed, with a screenshot of where it failed. */
const { step } = scenarioSteps(async () => {
  await page?.screenshot({ path: join(SHOTS, 'site-queries-failure.png'), fullPage: true });
});

/** The centre and the site through the CLI, up to the return bundle that carries two queries on F02. */
async function prepareThroughCli(): Promise<void> {
  coordinatorDir = join(root, 'coordinator');
  siteDir = join(root, 'site');
  dbFile = join(siteDir, 'site.db');
  mkdirSync(siteDir, { recursive: true });
  await edc(['coordinator', 'init', '--dir', coordinatorDir, '--study', 'ino-all-it', '--name', 'Centro coordinatore (e2e)']);
  const kitFile = join(root, 'IT01.kit.json');
  const kitOut = await edc(['coordinator', 'site-kit', '--dir', coordinatorDir, '--site', 'IT01', '--site-name', 'Ematologia IT01', '--out', kitFile]);
  const coordinatorFingerprint = /coordinator fingerprint\s+([0-9a-f ]+)/i.exec(kitOut)?.[1]?.trim() ?? '';
  expect(coordinatorFingerprint).not.toBe('');
  const initOut = await edc(['site', 'init', '--db', dbFile, '--kit', kitFile, '--coordinator-fingerprint', coordinatorFingerprint, '--admin', ADMIN.username, '--admin-name', 'Anna Amministratrice']);
  const siteFingerprint = (/send it to the coordinating centre\):\s*\n\s*([0-9a-f ]+)/i.exec(initOut)?.[1] ?? '').replace(/\s/g, '');
  expect(siteFingerprint).toMatch(/^[0-9a-f]{64}$/);

  subjectId = (await edc(['subject', 'add', ...siteArgs()])).trim();
  const dm = patient(subjectId).find(([form]) => form === 'dm')![1][0]!;
  await edc(['form', 'save', ...siteArgs(), '--subject', subjectId, '--form', 'dm', '--instance', '1', '--data', JSON.stringify({ ...dm, weight_kg: 140, height_cm: 107 })]);
  await edc(['export', ...siteArgs(), '--out', join(root, 'usb')]);
  await edc(['merge', '--dir', coordinatorDir, '--register-site', `IT01:${siteFingerprint}`, join(root, 'usb')]);

  const raise = async (field: string, text: string, category: string): Promise<string> => {
    const out = await edc(['queries', 'raise', '--dir', coordinatorDir, '--subject', subjectId, '--form', 'dm', '--field', field, '--text', text, '--category', category]);
    return /Q-[0-9A-F]{12}/.exec(out)![0];
  };
  weightQuery = await raise('weight_kg', WEIGHT_QUERY, 'out_of_range');
  heightQuery = await raise('height_cm', HEIGHT_QUERY, 'inconsistent');
  const written = await edc(['return', 'export', '--dir', coordinatorDir, '--site', 'IT01', '--out', join(root, 'back')]);
  returnFile = /return bundle\s+(\S+\.edcreturn)/.exec(written)![1]!;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'edc-e2e-queries-'));
  await prepareThroughCli();
  app = await startApp({ dataDir: siteDir });
  browser = await openBrowser(app.server.url);
  page = browser.page;
  page.setDefaultTimeout(20_000);
  await page.goto(app.server.launchUrl);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (root && process.env.EDC_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
});

describe('queries at the site', () => {
  step('imports the return bundle in the Exchange screen', async () => {
    await heading('Accesso').waitFor();
    await page.getByLabel('Nome utente', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await heading('Pazienti').waitFor();
    await nav('Esportazione');
    await page.getByLabel('File del pacchetto di ritorno', { exact: true }).fill(returnFile);
    await page.getByRole('button', { name: 'Importa pacchetto di ritorno' }).click();
    await page.getByRole('status').filter({ hasText: /Pacchetto di ritorno n\. 1 applicato/ }).waitFor();
  });

  step('counts the open queries in the subject list and the casebook, with no axe violation', async () => {
    await nav('Pazienti');
    const row = page.getByRole('row').filter({ hasText: subjectId });
    await row.getByRole('gridcell').last().filter({ hasText: '2' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Query aperte' }).count()).toBe(1);
    await row.click();
    await heading(/Casebook/).waitFor();
    const dm = page.getByRole('listitem', { name: /^F02 / });
    await dm.locator('.query-badge').filter({ hasText: '2 query' }).waitFor();
    await page.getByRole('button', { name: 'Query del paziente (2 in attesa di risposta)' }).waitFor();
    expect(await axeViolationList()).toEqual([]);
    await shot('q01-casebook-queries');
  });

  step('shows each query next to its field with its text, category and who raised it, with no axe violation', async () => {
    await page.getByRole('listitem', { name: /^F02 / }).getByRole('button', { name: /^Apri: / }).click();
    await heading(/^F02 /).waitFor();
    const onWeight = page.getByRole('group', { name: 'Query su Peso alla prima dose' });
    await onWeight.waitFor();
    expect(await onWeight.locator('.query-badge').textContent()).toBe('1 query');
    expect(await onWeight.textContent()).toContain(WEIGHT_QUERY);
    expect(await onWeight.textContent()).toContain('Fuori intervallo · aperta da coordinator');
    expect(await page.getByRole('group', { name: 'Query su Altezza' }).textContent()).toContain(HEIGHT_QUERY);
    expect(await axeViolationList()).toEqual([]);
    await shot('q02-field-badges');
  });

  step('answers the weight query with a text', async () => {
    await page.getByRole('button', { name: `Rispondi alla query ${weightQuery}` }).first().click();
    const dialog = page.getByRole('dialog', { name: `Risposta alla query ${weightQuery}` });
    await dialog.getByLabel('Risposta', { exact: true }).fill('Confermato nei documenti originali: 140 kg');
    await dialog.getByRole('button', { name: 'Invia la risposta' }).click();
    await page.getByRole('status').filter({ hasText: `Risposta alla query ${weightQuery} registrata.` }).waitFor();
    await page.getByRole('group', { name: 'Query su Peso alla prima dose' }).waitFor({ state: 'detached' });
  });

  step('answers the height query by correcting the value, the reason for change pre-filled with its id', async () => {
    await page.getByRole('textbox', { name: 'Altezza', exact: true }).fill('170');
    await page.getByRole('button', { name: 'Salva bozza' }).click();
    const dialog = page.getByRole('dialog', { name: 'Motivo della modifica' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Il salvataggio risponde alle query citate nella motivazione: ${heightQuery}.`);
    expect(await dialog.locator('textarea').inputValue()).toBe(`Corretto in risposta alla query ${heightQuery}`);
    await shot('q03-reason-names-query');
    await dialog.getByRole('button', { name: 'Salva bozza' }).click();
    await page.getByRole('status').filter({ hasText: 'Bozza salvata.' }).waitFor();
    await page.getByRole('group', { name: 'Query su Altezza' }).waitFor({ state: 'detached' });
  });

  step('lists both answered on the Queries screen, with no axe violation', async () => {
    await nav('Query');
    await heading('Query').waitFor();
    await page.getByText('Nessuna query.').waitFor();
    await page.getByLabel('Stato', { exact: true }).selectOption('answered');
    const table = page.getByRole('table', { name: 'Query' });
    await table.getByRole('row').nth(2).waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes(subjectId) && r.includes('Con risposta'))).toBe(true);
    expect(rows.some((r) => r.includes('Confermato nei documenti originali: 140 kg'))).toBe(true);
    expect(await axeViolationList()).toEqual([]);
    await shot('q04-queries-screen');
  });

  step('says answered in `edc queries list --json`, with the answers given in the UI', async () => {
    await page.getByRole('button', { name: 'Esci' }).click();
    await heading('Accesso').waitFor();
    const listed = JSON.parse(await edc(['queries', 'list', ...siteArgs(), '--json'])) as QueryOut[];
    const byId = new Map(listed.map((q) => [q.id, q]));
    expect(byId.get(weightQuery)).toMatchObject({ status: 'answered', field: 'weight_kg' });
    expect(byId.get(weightQuery)!.events.at(-1)).toMatchObject({ kind: 'answer', text: 'Confermato nei documenti originali: 140 kg', by: ADMIN.username, origin: 'site' });
    expect(byId.get(heightQuery)).toMatchObject({ status: 'answered', field: 'height_cm' });
    expect(byId.get(heightQuery)!.events.at(-1)).toMatchObject({ kind: 'answer', text: `Corretto in risposta alla query ${heightQuery}` });
    expect(browser.foreign).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
