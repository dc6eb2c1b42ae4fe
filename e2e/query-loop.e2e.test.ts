// The whole query loop between a site data folder and a coordinator folder, through files, in two real
// Chromium windows. The CLI does only what the app does not offer: the coordinator folder and the site kit,
// `queries generate` and the study lock. Site: set up from the kit at first run, a subject and its F02 entered,
// bundle exported. Centre: bundle merged, a query raised by hand on a field of the read-only casebook, more
// raised by generate, the return bundle exported from the merge screen. Site: return bundle imported, one query
// answered with a text, the generated one by correcting the value, second bundle exported. Centre: merged, both
// queries closed in the casebook, the study locked; its return bundle makes the site's forms read-only.

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { loadBuiltInStudy } from '../src/core/study/built-in';
import type { QueryOut } from '../src/shared/contract/queries';
import { edc as runEdc } from '../test/helpers/cli';
import type { Browser } from './support/browser';
import { FormFiller } from './support/form-filler';
import { patient } from './support/patient';
import { openSiteAndCentre, type SiteAndCentre } from './support/site-and-centre';
import { scenarioSteps } from './support/steps';

const SHOTS = join(__dirname, '..', 'artifacts', 'screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PASSPHRASE = 'e2e coordinator passphrase';
const ADMIN = { username: 'anna', displayName: 'Anna Amministratrice', password: 'admin-password-1' };
const SUBJECT = 'IT01-0001';
const WEIGHT_QUERY = 'Peso 140 kg alla prima dose: confermare sulla cartella';
const WEIGHT_ANSWER = 'Confermato nei documenti originali: 140 kg';
const study = loadBuiltInStudy('ino-all-it');
const F02 = `F02 ${study.compiled.form('dm')!.title.it}`;
const label = (field: string): string => study.compiled.field('dm', field)!.field.label.it;

let root: string;
let coordinatorDir: string;
let kitFile: string;
let coordinatorFingerprint = '';
let siteFingerprint = '';
let handQuery = '';
let generated: string[] = [];
let birthQuery = '';
let pair: SiteAndCentre | undefined;
let siteBrowser: Browser;
let centreBrowser: Browser;
const started = Date.now();

const site = (): Page => siteBrowser.page;
const centre = (): Page => centreBrowser.page;
const usb = (): string => join(root, 'usb');
const back = (): string => join(root, 'back');

/** `edc` in this process; a non-zero exit fails the step with what it said. */
async function edc(args: readonly string[]): Promise<string> {
  const result = await runEdc(args, { EDC_PASSPHRASE: PASSPHRASE }, root);
  if (result.code !== 0) throw new Error(`edc ${args.join(' ')} exited ${result.code}: ${result.err}${result.out}`);
  return result.out;
}

async function centralQueries(): Promise<Map<string, QueryOut>> {
  const listed = JSON.parse(await edc(['queries', 'list', '--dir', coordinatorDir, '--json'])) as QueryOut[];
  return new Map(listed.map((q) => [q.id, q]));
}

function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { name, level: 1 });
}

async function nav(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

function statusText(page: Page, text: string | RegExp): Locator {
  return page.getByRole('status').filter({ hasText: text });
}

/** One step of the scenario: not run once an earlier one failed, with screenshots of both windows. */
const { step } = scenarioSteps(async () => {
  await siteBrowser?.page.screenshot({ path: join(SHOTS, 'query-loop-failure-site.png'), fullPage: true }).catch(() => undefined);
  await centreBrowser?.page.screenshot({ path: join(SHOTS, 'query-loop-failure-centre.png'), fullPage: true });
});

/** axe-core's violations on the page as it is now (ids and where), none expected. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(AXE_SOURCE);
  return (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`)) as string[];
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The site exports its next bundle to the USB folder from the Export screen. */
async function exportFromSite(sequence: number): Promise<void> {
  const page = site();
  await nav(page, 'Esportazione');
  await page.getByLabel('Cartella di destinazione', { exact: true }).fill(usb());
  await page.getByRole('button', { name: 'Esporta pacchetto' }).click();
  await page.getByText(new RegExp(`^Pacchetto n\\. ${sequence} scritto: `)).waitFor();
}

/** The centre merges the USB folder (or one bundle of it) from the Merge screen; `totals` is what the report says. */
async function mergeAtCentre(totals: string, path = usb()): Promise<void> {
  const page = centre();
  // From another screen: a fresh merge screen (on it already: keep the sites registered there).
  if (!(await heading(page, 'Accorpamento dei pacchetti').isVisible())) await nav(page, 'Accorpamento');
  await heading(page, 'Accorpamento dei pacchetti').waitFor();
  await page.getByLabel('Cartelle o file dei pacchetti', { exact: true }).fill(path);
  await page.getByRole('button', { name: 'Accorpa', exact: true }).click();
  await page.getByText(totals).waitFor();
}

/** After a merge, the return bundle offered on the Merge screen, written to the "back" folder; its path. */
async function exportReturnAtCentre(sequence: number): Promise<string> {
  const page = centre();
  const offer = page.getByRole('region', { name: 'Pacchetti di ritorno' });
  await offer.getByLabel('Cartella dei pacchetti di ritorno', { exact: true }).fill(back());
  await offer.getByRole('button', { name: 'Esporta il pacchetto di ritorno per IT01' }).click();
  await offer.getByText(new RegExp(`^Pacchetto di ritorno n\\. ${sequence} per IT01 scritto: `)).waitFor();
  const file = readdirSync(back()).filter((f) => f.endsWith('.edcreturn')).sort().at(-1)!;
  expect(file).toMatch(new RegExp(`_IT01_R${String(sequence).padStart(6, '0')}_`));
  return join(back(), file);
}

async function importReturnAtSite(file: string, sequence: number): Promise<void> {
  const page = site();
  await nav(page, 'Esportazione');
  await page.getByLabel('File del pacchetto di ritorno', { exact: true }).fill(file);
  await page.getByRole('button', { name: 'Importa pacchetto di ritorno' }).click();
  await statusText(page, new RegExp(`Pacchetto di ritorno n\\. ${sequence} applicato`)).waitFor();
}

/** The central casebook of the subject, reached from the status matrix. */
async function openCentralCasebook(): Promise<void> {
  const page = centre();
  await nav(page, 'Stato');
  await page.getByRole('rowheader', { name: SUBJECT, exact: true }).getByRole('button').click();
  await heading(page, `Casebook ${SUBJECT}`).waitFor();
}

async function openF02(page: Page): Promise<void> {
  await page.getByRole('listitem', { name: F02 }).getByRole('button', { name: /^Apri: / }).click();
  await heading(page, /^F02 /).waitFor();
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  root = mkdtempSync(join(tmpdir(), 'edc-e2e-loop-'));
  coordinatorDir = join(root, 'coordinator');
  kitFile = join(root, 'IT01.kit.json');
  await edc(['coordinator', 'init', '--dir', coordinatorDir, '--study', 'ino-all-it', '--name', 'Centro coordinatore (e2e)']);
  const kitOut = await edc(['coordinator', 'site-kit', '--dir', coordinatorDir, '--site', 'IT01', '--site-name', 'Ematologia IT01', '--out', kitFile]);
  coordinatorFingerprint = (/coordinator fingerprint\s+([0-9a-f ]+)/i.exec(kitOut)?.[1] ?? '').replace(/\s/g, '');
  expect(coordinatorFingerprint).toMatch(/^[0-9a-f]{64}$/);
  pair = await openSiteAndCentre({ centreDir: coordinatorDir });
  ({ siteBrowser, centreBrowser } = pair);
}, 120_000);

afterAll(async () => {
  await pair?.close();
  if (root && process.env.EDC_E2E_KEEP !== '1') rmSync(root, { recursive: true, force: true });
  process.stdout.write(`query loop took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

describe('the query loop between a site and the coordinating centre, through files', () => {
  step('site: set up at first run from the kit, the coordinator fingerprint confirmed', async () => {
    const page = site();
    await heading(page, 'Primo avvio: creazione del centro').waitFor();
    await page.getByLabel('File del kit (.kit.json)', { exact: true }).fill(kitFile);
    await page.getByRole('button', { name: 'Leggi il kit' }).click();
    await page.getByLabel('Impronta letta dal centro coordinatore', { exact: true }).fill(coordinatorFingerprint);
    await page.getByText('L’impronta coincide.').waitFor();
    await page.getByLabel('Nome utente', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('Nome e cognome', { exact: true }).fill(ADMIN.displayName);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Ripetere la password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Crea il centro dal kit' }).click();
    await heading(page, 'Codice di recupero').waitFor();
    await page.getByLabel('Ho stampato / conservato il codice', { exact: true }).check();
    await page.getByRole('button', { name: 'Continua' }).click();
    await heading(page, 'Pazienti').waitFor();
  });

  step('site: enrols a subject and saves its F02 as a draft, born 2010 (a hard check fails) and weighing 140 kg', async () => {
    const page = site();
    await page.getByRole('button', { name: 'Nuovo paziente' }).click();
    await heading(page, 'Nuovo paziente').waitFor();
    await page.getByLabel('Cognome', { exact: true }).fill('Rossi');
    await page.getByLabel('Nome', { exact: true }).fill('Mario');
    await page.getByRole('button', { name: 'Crea paziente' }).click();
    await heading(page, `Casebook ${SUBJECT}`).waitFor();
    await page.getByRole('button', { name: `Compila: ${study.compiled.form('dm')!.title.it}` }).click();
    await heading(page, /^F02 /).waitFor();
    const dm = patient(SUBJECT).find(([form]) => form === 'dm')![1][0]!;
    await new FormFiller(page, study.compiled).fill('dm', { ...dm, birth_year: 2010, weight_kg: 140 });
    await page.getByRole('group', { name: label('birth_year'), exact: true }).getByText(/^Errore R_BIRTH_YEAR/).waitFor();
    await page.getByRole('button', { name: /^Salva bozza/ }).click();
    await statusText(page, 'Bozza salvata.').waitFor();
  });

  step('site: exports its first bundle; centre: merges it, the site registered by the fingerprint its screen shows', async () => {
    await exportFromSite(1);
    siteFingerprint = (await site().locator('code.fingerprint[data-fingerprint]').first().getAttribute('data-fingerprint')) ?? '';
    expect(siteFingerprint).toMatch(/^[0-9a-f]{64}$/);
    const page = centre();
    await heading(page, 'Accesso').waitFor();
    await page.getByLabel('Passphrase del coordinatore', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await heading(page, 'Riepilogo del centro coordinatore').waitFor();
    await nav(page, 'Accorpamento');
    await page.getByLabel('Codice del centro', { exact: true }).fill('IT01');
    await page.getByLabel('Impronta della chiave del centro', { exact: true }).fill(siteFingerprint);
    await page.getByRole('button', { name: 'Aggiungi centro' }).click();
    await mergeAtCentre('1 accorpati, 0 invariati, 0 rifiutati.');
  });

  step('centre: the read-only casebook of the subject shows its F02 with the values entered, nothing editable, with no axe violation', async () => {
    await openCentralCasebook();
    const page = centre();
    await page.getByRole('region', { name: 'Verifica sui documenti originali e blocchi' }).getByText('Non bloccato dal centro coordinatore.').waitFor();
    await page.getByRole('region', { name: 'Query del centro coordinatore su questo paziente' }).getByText('Nessuna query su questo paziente.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await openF02(page);
    expect(await page.getByRole('textbox', { name: label('weight_kg'), exact: true }).inputValue()).toBe('140');
    expect(await page.locator('form.form-fields input:not([readonly]):not([disabled]):not([type=radio]):not([type=checkbox])').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Salva bozza/ }).count()).toBe(0);
  });

  step('centre: raises a query by hand on the weight field, which then shows on the field; the dialog has no axe violation', async () => {
    const page = centre();
    await page.getByRole('button', { name: `Nuova query su ${label('weight_kg')}` }).click();
    const dialog = page.getByRole('dialog', { name: `Nuova query su ${label('weight_kg')}` });
    await dialog.getByLabel('Domanda al centro', { exact: true }).fill(WEIGHT_QUERY);
    await dialog.getByLabel('Categoria', { exact: true }).selectOption('out_of_range');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Invia la query' }).click();
    handQuery = /Q-[0-9A-F]{12}/.exec((await statusText(page, /^Query Q-[0-9A-F]{12} aperta\.$/).textContent()) ?? '')![0];
    const notes = page.getByRole('group', { name: `Query su ${label('weight_kg')}` });
    expect(await notes.textContent()).toContain(WEIGHT_QUERY);
    await shot(centre(), 'l01-centre-raised');
    expect((await centralQueries()).get(handQuery)).toMatchObject({ subjectId: SUBJECT, form: 'dm', field: 'weight_kg', category: 'out_of_range', status: 'open' });
  });

  step('centre: `queries generate` raises the failed hard check, not the hand-raised query again', async () => {
    const out = JSON.parse(await edc(['queries', 'generate', '--dir', coordinatorDir, '--json'])) as { raised: string[] };
    generated = out.raised;
    const queries = await centralQueries();
    birthQuery = generated.find((id) => queries.get(id)?.checkId === 'R_BIRTH_YEAR') ?? '';
    expect(queries.get(birthQuery)).toMatchObject({ subjectId: SUBJECT, form: 'dm', field: 'birth_year', status: 'open' });
    expect(generated).not.toContain(handQuery);
  });

  step('centre: the merge screen offers the return bundle after a merge, and writes it (no axe violation); the site imports it', async () => {
    // The bundle merged again is a no-op; the run offers the site's return bundle, now with every query.
    await mergeAtCentre('0 accorpati, 1 invariati, 0 rifiutati.');
    await shot(centre(), 'l02-return-offer');
    const file = await exportReturnAtCentre(1);
    expect(await axeViolations(centre())).toEqual([]);
    await importReturnAtSite(file, 1);
  });

  step('site: answers the hand-raised query with a text, and the generated one by correcting the birth year', async () => {
    const page = site();
    await nav(page, 'Pazienti');
    await page.getByRole('gridcell', { name: SUBJECT }).click();
    await heading(page, `Casebook ${SUBJECT}`).waitFor();
    await openF02(page);
    await page.getByRole('button', { name: `Rispondi alla query ${handQuery}` }).first().click();
    const answer = page.getByRole('dialog', { name: `Risposta alla query ${handQuery}` });
    await answer.getByLabel('Risposta', { exact: true }).fill(WEIGHT_ANSWER);
    await answer.getByRole('button', { name: 'Invia la risposta' }).click();
    await statusText(page, `Risposta alla query ${handQuery} registrata.`).waitFor();
    const birth = page.getByRole('group', { name: `Query su ${label('birth_year')}` });
    await birth.waitFor();
    await page.getByRole('textbox', { name: label('birth_year'), exact: true }).fill('1970');
    await page.getByRole('button', { name: /^Salva bozza/ }).click();
    const reason = page.getByRole('dialog', { name: 'Motivo della modifica' });
    await reason.getByRole('button', { name: 'Salva bozza' }).click();
    await statusText(page, 'Bozza salvata.').waitFor();
    await birth.waitFor({ state: 'detached' });
    await shot(site(), 'l03-site-answered');
  });

  step('site: exports the answers in its second bundle; centre: merges it and sees both queries answered', async () => {
    await exportFromSite(2);
    await mergeAtCentre('1 accorpati, 1 invariati, 0 rifiutati.');
    await openCentralCasebook();
    const table = centre().getByRole('table', { name: 'Query del centro coordinatore su questo paziente' });
    const row = table.getByRole('row').filter({ hasText: handQuery });
    await row.getByText(WEIGHT_ANSWER, { exact: false }).waitFor();
    expect(await row.textContent()).toContain('Con risposta');
  });

  step('centre: closes both answered queries in the casebook', async () => {
    const page = centre();
    for (const id of [handQuery, birthQuery]) {
      await page.getByRole('button', { name: `Chiudi la query ${id}` }).click();
      const dialog = page.getByRole('dialog', { name: `Chiusura della query ${id}` });
      await dialog.getByRole('button', { name: 'Chiudi', exact: true }).click();
      await statusText(page, `Query ${id} chiusa.`).waitFor();
    }
    await shot(centre(), 'l04-centre-closed');
    const queries = await centralQueries();
    expect(queries.get(handQuery)!.events.map((e) => [e.kind, e.origin])).toEqual([
      ['raise', 'centre'],
      ['answer', 'site'],
      ['close', 'centre'],
    ]);
    expect(queries.get(birthQuery)).toMatchObject({ status: 'closed' });
  });

  step('centre: the study is locked; the casebook names the lock and its return bundle freezes the site', async () => {
    await edc(['central', 'lock', '--dir', coordinatorDir, '--study', '--reason', 'Database pulito: analisi finale']);
    await openCentralCasebook();
    await centre().getByText(/^Studio bloccato da coordinator il .*: Database pulito: analisi finale$/).waitFor();
    // The last bundle again (the first one is now stale): a no-op run that offers the return bundle.
    const last = readdirSync(usb()).filter((f) => f.endsWith('.edcbundle')).sort().at(-1)!;
    await mergeAtCentre('0 accorpati, 1 invariati, 0 rifiutati.', join(usb(), last));
    const file = await exportReturnAtCentre(2);
    await importReturnAtSite(file, 2);
  });

  step('site: the queries are closed and the locked study refuses a change', async () => {
    const page = site();
    await nav(page, 'Query');
    await page.getByLabel('Stato', { exact: true }).selectOption('closed');
    expect(await page.getByRole('table', { name: 'Query' }).locator('tbody tr').count()).toBe(2);
    await nav(page, 'Pazienti');
    await page.getByRole('gridcell', { name: SUBJECT }).click();
    await openF02(page);
    await page.getByRole('textbox', { name: label('weight_kg'), exact: true }).fill('139');
    await page.getByRole('button', { name: /^Salva bozza/ }).click();
    await page.getByRole('alert').filter({ hasText: 'è congelata dal centro coordinatore' }).waitFor();
    await shot(site(), 'l05-site-frozen');
    for (const b of [siteBrowser, centreBrowser]) {
      expect(b.foreign).toEqual([]);
      expect(b.pageErrors).toEqual([]);
    }
  });
});
