// The whole site workflow in real Chromium against the loopback transport: first run, users, enrolment with the
// identification log, every ino-all-it form filled for a realistic patient, a hard and a soft check, an edit with a
// reason, auto-lock with input kept, signature, lock, lockout; then the database and audit trail read through core;
// axe-core finds no violation on each dialog (override, removal, unsaved changes, reason for change, history, sign, lock).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { fieldHistory } from '../src/core/audit/audit-queries';
import { verifyAuditChain } from '../src/core/store/audit-chain';
import { openSession } from '../src/core/auth/open-session';
import type { Session } from '../src/core/store/session';
import { loadBuiltInStudy } from '../src/core/study/built-in';
import { getCasebook } from '../src/core/subjects/casebook';
import { getIdentity } from '../src/core/subjects/identity';
import { auditPage } from '../src/db/repositories/audit.repository';
import { listInstancesOfSubject } from '../src/db/repositories/form-instances.repository';
import type { AuditEntry } from '../src/db/domain';
import type { FormData } from '../src/shared/study/entries';
import { startApp, type AppServer } from './support/app-server';
import { openBrowser, type Browser } from './support/browser';
import { FormFiller } from './support/form-filler';
import { patient, SOS } from './support/patient';
import { until } from './support/until';
import { axeViolations } from './support/axe';
import { scenarioSteps } from './support/steps';

const SHOTS = join(__dirname, '..', 'artifacts', 'screenshots');
const SUBJECT = 'IT01-0001';
const ADMIN = { username: 'anna', displayName: 'Anna Amministratrice', password: 'admin-password-1' };
const INVESTIGATOR = { username: 'ivo', displayName: 'Ivo Sperimentatore', password: 'investigator-pw-2' };
const DATA_ENTRY = { username: 'dora', displayName: 'Dora Data Manager', password: 'data-entry-pw-3' };
const MONITOR = { username: 'mario', displayName: 'Mario Monitor', password: 'monitor-password-4' };

const study = loadBuiltInStudy('ino-all-it');
const PATIENT = new Map(patient(SUBJECT));
const titleOf = (form: string): string => study.compiled.form(form)!.title.it;

let app: AppServer;
/** Set when a step fails: the later steps depend on it and are reported as not run. */
let browser: Browser;
let page: Page;
let fill: FormFiller;
const started = Date.now();

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

function heading(name: string | RegExp): Locator {
  return page.getByRole('heading', { name, level: 1 });
}

async function login(user: { username: string; password: string }): Promise<void> {
  await heading('Accesso').waitFor();
  await page.getByLabel('Nome utente', { exact: true }).fill(user.username);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await heading('Pazienti').waitFor();
}

async function logout(): Promise<void> {
  await page.getByRole('button', { name: 'Esci' }).click();
  await heading('Accesso').waitFor();
}

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name }).click();
}

async function openCasebook(): Promise<void> {
  if (!(await heading(/^Casebook/).isVisible())) {
    await nav('Pazienti');
    await page.getByRole('gridcell', { name: SUBJECT }).click();
  }
  await heading(`Casebook ${SUBJECT}`).waitFor();
}

/** Clicks a casebook button (Compila / Apri / Aggiungi) for a form, optionally an instance. */
async function openFromCasebook(action: 'Compila' | 'Apri' | 'Aggiungi', form: string, instanceNo?: number): Promise<void> {
  await openCasebook();
  const name = `${action}: ${titleOf(form)}${instanceNo ? ` #${instanceNo}` : ''}`;
  await page.getByRole('button', { name, exact: true }).click();
  await heading(new RegExp(`^${study.compiled.form(form)!.specId} `)).waitFor();
}

const statusText = (): Locator => page.locator('.save-message');

/** Presses a save button and waits until the save landed (message shown, nothing unsaved left). */
async function saveWith(button: RegExp, message: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await until(`"${message}"`, async () => (await statusText().textContent())?.includes(message) ?? false);
  await until('no unsaved changes', async () => !(await page.getByText('Modifiche non salvate').isVisible()));
}

const markComplete = (): Promise<void> => saveWith(/^Segna come completa/, 'Scheda completata.');
const saveDraft = (): Promise<void> => saveWith(/^Salva bozza/, 'Bozza salvata.');

async function enterForm(form: string, data: FormData, instanceNo?: number): Promise<void> {
  const repeating = study.compiled.isRepeating(form);
  await openFromCasebook(repeating ? 'Aggiungi' : 'Compila', form);
  await fill.fill(form, data);
  await markComplete();
  if (instanceNo !== undefined) await heading(new RegExp(`#${instanceNo}$`)).waitFor();
}

/** One step of the scenario: skipped once an earlier one failed, with a screenshot of where it failed. */
const { step, brokenAt } = scenarioSteps(async () => {
  await page?.screenshot({ path: join(SHOTS, 'failure.png'), fullPage: true });
});

async function textOf(locator: Locator): Promise<string> {
  return (await locator.textContent()) ?? '';
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startApp();
  browser = await openBrowser(app.server.url);
  page = browser.page;
  page.setDefaultTimeout(20_000);
  fill = new FormFiller(page, study.compiled);
  // A controllable clock in the page: auto-lock and the lockout countdown without waiting for real minutes.
  await page.clock.install();
  await page.goto(app.server.launchUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  process.stdout.write(`e2e scenario took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
});

describe('a site’s data entry in the browser, end to end', () => {
  step('first run: creates the site and shows the recovery code once, with a print button', async () => {
    await heading('Primo avvio: creazione del centro').waitFor();
    // The launch token is taken from the fragment and removed from the address bar.
    expect(page.url()).not.toContain('token=');
    // This site works without a coordinating centre: the second choice of the first run.
    await page.getByLabel('Autonomo, senza scambio di dati', { exact: true }).check();
    await page.getByLabel('Codice centro', { exact: true }).fill('IT01');
    await page.getByLabel('Nome del centro', { exact: true }).fill('Ematologia – Ospedale di prova');
    // Two studies are built in (ino-all-it and htn-registry): this site runs ino-all-it.
    await page.getByLabel('Studio', { exact: true }).selectOption('ino-all-it');
    await page.getByLabel('Nome utente', { exact: true }).fill(ADMIN.username);
    await page.getByLabel('Nome e cognome', { exact: true }).fill(ADMIN.displayName);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('Ripetere la password', { exact: true }).fill('something-else-1');
    await page.getByRole('button', { name: 'Crea il centro' }).click();
    await page.getByText('Le due password non coincidono').waitFor();
    await page.getByLabel('Ripetere la password', { exact: true }).fill(ADMIN.password);
    await shot('01-first-run');
    await page.getByRole('button', { name: 'Crea il centro' }).click();

    await heading('Codice di recupero').waitFor();
    const code = await textOf(page.getByText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3,}$/));
    expect(code.length).toBeGreaterThanOrEqual(20);
    await page.getByRole('button', { name: 'Stampa' }).waitFor();
    const proceed = page.getByRole('button', { name: 'Continua' });
    expect(await proceed.isDisabled()).toBe(true);
    await shot('02-recovery-code');
    await page.getByLabel('Ho stampato / conservato il codice', { exact: true }).check();
    await proceed.click();
    await heading('Pazienti').waitFor();
  });

  step('admin: sets the site’s EC approval date, adds the investigator, data-entry and monitor users, backs up', async () => {
    await nav('Impostazioni');
    const param = page.getByLabel('Data di approvazione del CE del centro', { exact: true });
    await param.fill('01/12/2023');
    await page.getByRole('button', { name: /^Salva Data/ }).click();
    await page.getByText(/salvato\.$/).waitFor();

    await nav('Utenti');
    for (const [user, role] of [
      [INVESTIGATOR, 'investigator'],
      [DATA_ENTRY, 'data_entry'],
      [MONITOR, 'monitor'],
    ] as const) {
      await page.getByLabel('Nome utente', { exact: true }).fill(user.username);
      await page.getByLabel('Nome e cognome', { exact: true }).fill(user.displayName);
      await page.getByLabel('Ruolo', { exact: true }).selectOption(role);
      await page.getByLabel('Password iniziale', { exact: true }).fill(user.password);
      await page.getByLabel('Ripetere la password', { exact: true }).fill(user.password);
      await page.getByRole('button', { name: 'Aggiungi utente' }).click();
      await page.getByText(`Utente ${user.username} aggiunto.`).waitFor();
    }
    await page.getByRole('rowheader', { name: MONITOR.username }).waitFor();
    await shot('03-users');

    // The reminder shows until the first backup; the browser transport takes a typed folder.
    await page.getByText('Promemoria: non è mai stato eseguito un backup.').waitFor();
    await page.getByRole('button', { name: 'Vai al backup' }).click();
    const folder = join(app.dataDir, 'backups');
    mkdirSync(folder, { recursive: true });
    await page.getByLabel('Cartella di destinazione', { exact: true }).fill(folder);
    await page.getByRole('button', { name: 'Esegui backup' }).click();
    await page.getByText(/^Backup creato:/).waitFor();
    await shot('04-backup');
    await logout();
  });

  step('data entry: enrols a subject with a site-only identification-log entry', async () => {
    await login(DATA_ENTRY);
    // Data entry has no user administration or backup.
    expect(await page.getByRole('navigation').getByRole('button', { name: 'Utenti' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Nuovo paziente' }).click();
    await heading('Nuovo paziente').waitFor();
    await page.getByText('solo centro').waitFor();
    await page.getByLabel('Cognome', { exact: true }).fill('Rossi');
    await page.getByLabel('Nome', { exact: true }).fill('Mario');
    await page.getByLabel('Codice fiscale', { exact: true }).fill('RSSMRA85T10A562X');
    await page.getByLabel('Numero di cartella clinica / nosologico', { exact: true }).fill('2020/004512\nDH-88231');
    await page.getByLabel('Data di nascita completa', { exact: true }).fill('12/05/1970');
    await page.getByLabel('Data di registrazione', { exact: true }).fill('01/03/2024');
    await page.getByRole('button', { name: 'Crea paziente' }).click();
    await page.getByText('Codice fiscale non valido').waitFor();
    await page.getByLabel('Codice fiscale', { exact: true }).fill('RSSMRA85T10A562S');
    await shot('05-new-subject');
    await page.getByRole('button', { name: 'Crea paziente' }).click();
    await heading(`Casebook ${SUBJECT}`).waitFor();
    await shot('06-casebook-empty');
  });

  step('F01 and F02: a hard limit, a hard check and a soft check as you type; completion refused, then overridden with a reason', async () => {
    await openFromCasebook('Compila', 'elig');
    // What the app knows it fills itself, read-only: the casebook's subject id and the user's own site only.
    const subjectBox = fill.fieldOf('elig', 'subject_id').getByRole('textbox');
    expect(await subjectBox.inputValue()).toBe(SUBJECT);
    expect(await subjectBox.getAttribute('readonly')).not.toBeNull();
    const sites = fill.fieldOf('elig', 'site_code').getByRole('radio');
    expect(await sites.count()).toBe(1);
    expect(await sites.first().isChecked()).toBe(true);
    expect(await sites.first().isDisabled()).toBe(true);
    // The registration date of a new patient proposes today (the server's date, as the app shows it).
    const today = new Date();
    const proposed = `${String(today.getDate()).padStart(2, '0')}/${String(today.getMonth() + 1).padStart(2, '0')}/${today.getFullYear()}`;
    const registration = fill.fieldOf('elig', 'registration_date').getByRole('textbox');
    expect(await registration.inputValue()).toBe(proposed);
    // Entering a form puts the focus on its first field one can type in (here after the two the app fills).
    await until('focus on the first field', async () => (await page.locator(':focus').getAttribute('id')) === (await registration.getAttribute('id')));
    await fill.fill('elig', PATIENT.get('elig')![0]!);
    await markComplete();
    // Alt+N goes on to the next form of the casebook.
    await page.keyboard.press('Alt+N');
    await heading(/^F02 /).waitFor();

    const height = fill.fieldOf('dm', 'height_cm');
    await height.getByRole('textbox').fill('99');
    await height.getByRole('textbox').press('Tab');
    await height.getByText('Valore fuori dai limiti ammessi (100–230)').waitFor();

    await fill.fill('dm', { ...PATIENT.get('dm')![0]!, birth_year: 2010, bsa_chart_m2: 2.05 });
    // Calculated live: Mosteller BSA for 170 cm / 70 kg.
    expect(await textOf(fill.fieldOf('dm', 'bsa_m2').locator('output'))).toBe('1,82');
    const birthYear = fill.fieldOf('dm', 'birth_year');
    await birthYear.getByText(/^Errore R_BIRTH_YEAR/).waitFor();
    await fill.fieldOf('dm', 'bsa_chart_m2').getByText(/^Avviso EC08/).waitFor();
    await shot('07-form-checks');

    await page.getByRole('button', { name: /^Segna come completa/ }).click();
    await page.getByRole('alert').filter({ hasText: 'Impossibile segnare come completa' }).waitFor();

    await birthYear.getByRole('textbox').fill('1970');
    await until('the hard check to clear', async () => (await birthYear.getByText(/R_BIRTH_YEAR/).count()) === 0);
    await fill.fieldOf('dm', 'bsa_chart_m2').getByRole('button', { name: 'Conferma con motivo: avviso EC08' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confermare l’avviso EC08' });
    await dialog.getByLabel('Motivo', { exact: true }).fill('BSA di cartella calcolata con il peso della visita precedente');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Conferma con motivo' }).click();
    await fill.fieldOf('dm', 'bsa_chart_m2').getByText(/motivo da salvare/).waitFor();
    await markComplete();
    await fill.fieldOf('dm', 'bsa_chart_m2').getByText(/confermato: BSA di cartella/).waitFor();
  });

  step('F03–F06: diagnosis, prior line, two inotuzumab cycles with live dose calculations, response', async () => {
    await enterForm('dx', PATIENT.get('dx')![0]!);
    await enterForm('pt', PATIENT.get('pt')![0]!, 1);
    const [cycle1, cycle2] = PATIENT.get('ino')!;
    await openFromCasebook('Aggiungi', 'ino');
    await fill.fill('ino', cycle1!);
    expect(await textOf(fill.fieldOf('ino', 'cyc_bsa_m2').locator('output'))).toBe('1,82');
    expect(await textOf(fill.fieldOf('ino', 'cyc_dose_mg').locator('output'))).toBe('3,25');
    expect(await textOf(fill.fieldOf('ino', 'cyc_dose_mg_m2').locator('output'))).toBe('1,786');
    await shot('08-form-ino-calculated');
    await markComplete();
    await enterForm('ino', cycle2!, 2);
    await enterForm('resp', PATIENT.get('resp')![0]!, 1);
  });

  step('F07/F08: CTCAE type-ahead over 837 terms, grades limited to the term, SOS/VOD record linked to its AE', async () => {
    const [sos, febrile] = PATIENT.get('ae')!;
    await openFromCasebook('Aggiungi', 'ae');
    const term = fill.fieldOf('ae', 'ae_term');
    // Searched in Italian; shown in Italian with the English CTCAE term beside it and the SOC in Italian.
    await term.getByRole('combobox').fill('ostruzione sinus');
    await page.getByRole('option', { name: new RegExp(`^Sindrome da ostruzione sinusoidale \\(Sinusoidal obstruction syndrome\\) Patologie epatobiliari · ${SOS}$`) }).click();
    const grade = fill.fieldOf('ae', 'ae_grade');
    // CTCAE v5.0 has no grade 1 for SOS; each grade shows its definition.
    expect(await grade.getByRole('radio').count()).toBe(4);
    await grade.getByText('Blood bilirubin >5 mg/dL; coagulation modifier indicated (e.g., defibrotide); reversal of flow on ultrasound').waitFor();
    await fill.fill('ae', sos!);
    expect(await textOf(fill.fieldOf('ae', 'ae_soc').locator('output'))).toBe('Patologie epatobiliari');
    // Without its F08 record the SOS AE cannot be complete yet (EC48a): saved as a draft.
    await fill.fieldOf('ae', 'ae_term').getByText(/^Errore EC48a/).waitFor();
    await shot('09-form-ae-ctcae');
    await saveDraft();

    await openFromCasebook('Aggiungi', 'ae');
    await fill.fill('ae', febrile!); // picked by MedDRA code
    await markComplete();

    await enterForm('vod', PATIENT.get('vod')![0]!, 1);
    await openFromCasebook('Apri', 'ae', 1);
    await fill.fieldOf('ae', 'ae_term').getByText(/EC48a/).waitFor({ state: 'detached' });
    await markComplete();
  });

  step('F09–F12: transplant, follow-up contacts and status, resource use, end of study', async () => {
    await enterForm('st', PATIENT.get('st')![0]!, 1);
    await enterForm('fu_contact', PATIENT.get('fu_contact')![0]!, 1);
    // A contact entered twice by mistake: saved as a draft, then removed with a reason.
    await openFromCasebook('Aggiungi', 'fu_contact');
    await fill.fill('fu_contact', { fu_date: '2026-03-10', fu_source: '2' });
    await saveDraft();
    await openCasebook();
    await page.getByRole('button', { name: `Rimuovi: ${titleOf('fu_contact')} #2`, exact: true }).click();
    const remove = page.getByRole('dialog', { name: `Rimuovere ${titleOf('fu_contact')} n. 2?` });
    await remove.getByLabel('Motivo', { exact: true }).fill('Contatto inserito due volte');
    expect(await axeViolations(page)).toEqual([]);
    await remove.getByRole('button', { name: 'Rimuovi' }).click();
    await until('the instance to go', async () => (await page.getByRole('button', { name: `Apri: ${titleOf('fu_contact')} #2`, exact: true }).count()) === 0);
    await enterForm('fu', PATIENT.get('fu')![0]!);
    const [vials, bedDays] = PATIENT.get('ru')!;
    await openFromCasebook('Aggiungi', 'ru');
    // Choosing a category narrows the items; choosing an item proposes its unit cost from the study's table.
    await fill.fieldOf('ru', 'ru_category').getByRole('combobox').selectOption('1');
    const items = fill.fieldOf('ru', 'ru_item').getByRole('combobox');
    expect(await items.locator('option').allTextContents()).toEqual(['— scegliere —', ...['INO_VIAL_LIST', 'INO_VIAL_PUBLIC', 'INO_VIAL_CU', 'OTHER'].map((c) => study.compiled.field('ru', 'ru_item')!.choices!.find((x) => x.code === c)!.label.it)]);
    await items.selectOption('INO_VIAL_LIST');
    await until('the default unit cost proposed', async () => (await fill.fieldOf('ru', 'ru_unit_cost').getByRole('textbox').inputValue()) === '11590,03');
    await fill.fill('ru', vials!);
    await markComplete();
    await heading(/#1$/).waitFor();
    await enterForm('ru', bedDays!, 2);
    await enterForm('eos', PATIENT.get('eos')![0]!);
    expect(await textOf(fill.fieldOf('eos', 'forms_complete').locator('output'))).toBe('Sì');
    expect(await textOf(fill.fieldOf('eos', 'open_queries').locator('output'))).toBe('0');
    await openCasebook();
    await page.getByText(/^16 di 16 schede complete, 0 firmate, 0 controlli aperti, 0 dati mancanti\.$/).waitFor();
    await shot('10-casebook-complete');
  });

  step('auto-locks after 15 idle minutes over the form, and after re-login the typed input is still there', async () => {
    await openFromCasebook('Apri', 'dm');
    const hb = fill.fieldOf('dm', 'hb').getByRole('textbox');
    await hb.fill('9,6');
    await page.getByText('Modifiche non salvate').waitFor();
    await page.clock.fastForward('16:00');
    await heading('Sessione bloccata').waitFor();
    await shot('11-auto-locked');
    await page.getByLabel('Password', { exact: true }).fill(DATA_ENTRY.password);
    await page.getByRole('button', { name: 'Accedi' }).click();
    await heading(/^F02 /).waitFor();
    expect(await hb.inputValue()).toBe('9,6');

    // Leaving with unsaved changes asks first.
    await page.getByRole('button', { name: 'Torna al casebook' }).click();
    await page.getByRole('alertdialog', { name: 'Modifiche non salvate' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('alertdialog', { name: 'Modifiche non salvate' }).getByRole('button', { name: 'Resta nella scheda' }).click();
    expect(await hb.inputValue()).toBe('9,6');
  });

  step('edits a completed form: the reason for change is asked and lands in the field history', async () => {
    await page.keyboard.press('Control+Enter');
    const dialog = page.getByRole('dialog', { name: 'Motivo della modifica' });
    await dialog.getByLabel('Motivo', { exact: true }).fill('Correzione da referto di laboratorio');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Segna come completa' }).click();
    await until('completion', async () => (await statusText().textContent())?.includes('Scheda completata.') ?? false);
    await fill.fieldOf('dm', 'hb').getByRole('button', { name: 'Storico delle modifiche: Emoglobina' }).click();
    const history = page.getByRole('dialog', { name: /^Storico: / });
    await history.getByRole('cell', { name: 'Correzione da referto di laboratorio' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot('12-field-history');
    await history.getByRole('button', { name: 'Chiudi' }).click();
    await logout();
  });

  step('investigator signs two forms with the password again, after reading the meaning of the signature', async () => {
    await login(INVESTIGATOR);
    for (const form of ['dm', 'eos']) {
      await openFromCasebook('Apri', form);
      await page.getByRole('button', { name: 'Firma', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: /^Firma di / });
      await dialog.getByText(study.definition.signatureMeaning.it).waitFor();
      await dialog.getByLabel('Password (di nuovo)', { exact: true }).fill('not-my-password');
      await dialog.getByRole('button', { name: 'Firma' }).click();
      await dialog.getByRole('alert').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await dialog.getByLabel('Password (di nuovo)', { exact: true }).fill(INVESTIGATOR.password);
      if (form === 'dm') await shot('13-sign');
      await dialog.getByRole('button', { name: 'Firma' }).click();
      await page.getByText('Scheda firmata.').waitFor();
      await page.getByText(`firmata da ${INVESTIGATOR.username}`).waitFor();
    }
    await logout();
  });

  step('admin locks the signed form', async () => {
    await login(ADMIN);
    await openFromCasebook('Apri', 'dm');
    await page.getByRole('button', { name: 'Blocca', exact: true }).click();
    await page.getByRole('alertdialog', { name: 'Bloccare la scheda?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('alertdialog', { name: 'Bloccare la scheda?' }).getByRole('button', { name: 'Blocca' }).click();
    await page.getByText('Scheda bloccata.').waitFor();
    expect(await fill.fieldOf('dm', 'hb').getByRole('textbox').getAttribute('readonly')).not.toBeNull();
    await page.getByRole('button', { name: 'Sblocca' }).waitFor();
    // The UI speaks English on request.
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('button', { name: 'Back to the casebook' }).click();
    await heading(`Casebook ${SUBJECT}`).waitFor();
    await page.getByRole('button', { name: 'Passa all’italiano' }).click();
    await page.getByRole('button', { name: 'Elenco pazienti' }).click();
    await page.getByRole('gridcell', { name: SUBJECT }).waitFor();
    await shot('14-subject-list');
    await logout();
  });

  step('the monitor sees no identification log and cannot enrol', async () => {
    await login(MONITOR);
    expect(await page.getByRole('button', { name: 'Nuovo paziente' }).count()).toBe(0);
    await openCasebook();
    expect(await page.getByRole('heading', { name: /Registro di identificazione/ }).count()).toBe(0);
    await logout();
  });

  step('locks an account after five wrong passwords and shows the remaining delay', async () => {
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await page.getByLabel('Nome utente', { exact: true }).fill(MONITOR.username);
      await page.getByLabel('Password', { exact: true }).fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Accedi' }).click();
      if (attempt < 4) await page.getByText(`Ancora ${5 - attempt} tentativi prima del blocco dell’account.`).waitFor();
      if (attempt === 4) await page.getByText('Ancora 1 tentativo prima del blocco dell’account.').waitFor();
    }
    const locked = page.getByText(/^Account bloccato dopo ripetuti errori: riprovare tra (\d+) s/);
    await locked.waitFor();
    const seconds = Number(/tra (\d+) s/.exec(await textOf(locked))![1]);
    expect(seconds).toBeGreaterThan(20);
    expect(seconds).toBeLessThanOrEqual(30);
    await shot('15-lockout');
    await page.clock.fastForward(10_000);
    await until('the countdown to move', async () => Number(/tra (\d+) s/.exec(await textOf(locked))?.[1] ?? 99) <= seconds - 9);
    // Even the right password is refused while locked.
    expect(await page.getByRole('button', { name: 'Accedi' }).isDisabled()).toBe(true);
  });

  step('an administrator unlocks the account, and the user logs in again', async () => {
    await page.clock.fastForward(25_000);
    await page.getByText('Il blocco è terminato: è possibile riprovare.').waitFor();
    await login(ADMIN);
    await nav('Utenti');
    await page.getByRole('row', { name: new RegExp(`^${MONITOR.username} `) }).getByText(/^bloccato \(\d+ s\)$|^5 tentativi falliti$/).waitFor();
    await page.getByRole('button', { name: `Sblocca ${MONITOR.username}` }).click();
    await page.getByText(`${MONITOR.username} sbloccato.`).waitFor();
    await logout();
    await login(MONITOR);
    await logout();
  });

  step('made no request outside its own origin and had no page errors', () => {
    expect(browser.foreign).toEqual([]);
    expect(browser.failed).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
    expect(app.serverLog).toEqual([]);
  });
});

describe('what the browser session left in the database, read through core', () => {
  let session: Session;
  let audit: AuditEntry[];

  beforeAll(async () => {
    const broken = brokenAt();
    if (broken) throw new Error(`not run: the step "${broken}" failed`);
    session = await openSession({ dbFile: join(app.dataDir, 'site.db'), username: ADMIN.username, password: ADMIN.password });
    audit = await auditPage(session.store.db, 0, 100_000);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('holds every form of the casebook, complete, with no open check or missing item; one signed, one locked', async () => {
    const casebook = await getCasebook(session, { subjectId: SUBJECT });
    const statuses = Object.fromEntries(casebook.instances.map((i) => [`${i.form}#${i.instanceNo}`, i.status]));
    expect(statuses).toEqual({
      'elig#1': 'complete',
      'dm#1': 'locked',
      'dx#1': 'complete',
      'pt#1': 'complete',
      'ino#1': 'complete',
      'ino#2': 'complete',
      'resp#1': 'complete',
      'ae#1': 'complete',
      'ae#2': 'complete',
      'vod#1': 'complete',
      'st#1': 'complete',
      'fu_contact#1': 'complete',
      'fu#1': 'complete',
      'ru#1': 'complete',
      'ru#2': 'complete',
      'eos#1': 'signed',
    });
    expect(casebook.formsComplete).toBe(true);
    expect(casebook.openQueries).toBe(0);
    expect(casebook.subject.missingItems).toBe(0);
    const dm = casebook.instances.find((i) => i.form === 'dm')!;
    expect(dm.failures.map((f) => [f.id, f.overridden?.reason])).toEqual([['EC08', 'BSA di cartella calcolata con il peso della visita precedente']]);
  });

  it('stored the values as entered, in ISO dates and numbers', async () => {
    const instances = await listInstancesOfSubject(session.store.db, SUBJECT);
    const data = (form: string, n = 1): FormData => instances.find((i) => i.form === form && i.instanceNo === n)!.data;
    expect(data('dm')).toMatchObject({ birth_year: 1970, hb: 9.6, bsa_chart_m2: 2.05, baseline_date: '2020-03-01' });
    expect(data('dx')).toMatchObject({ dx_date: '2018-05', other_lesions: ['0'] });
    expect(data('ae', 1)).toMatchObject({ ae_seq: 1, ae_term: SOS, ae_grade: '3' });
    expect(data('vod')).toMatchObject({ vod_ae_seq: 1, vod_signs: ['1', '2', '3'] });
    expect(data('resp')).toMatchObject({ mrd_sensitivity: 1e-4 });
    expect(data('elig')).toMatchObject({ site_code: 'IT01', registration_date: '2024-03-01' });
  });

  it('keeps the identification log apart, readable by site roles', async () => {
    expect(await getIdentity(session, { subjectId: SUBJECT })).toMatchObject({
      sil_subject_id: SUBJECT,
      sil_surname: 'Rossi',
      sil_codice_fiscale: 'RSSMRA85T10A562S',
      sil_hospital_record_no: ['2020/004512', 'DH-88231'],
      sil_birth_date: '1970-05-12',
    });
  });

  it('audited the change with its reason, the override, the signatures, the lock, the lockout; the chain verifies', async () => {
    const hb = await fieldHistory(session, { subjectId: SUBJECT, form: 'dm', field: 'hb' });
    expect(hb.map((e) => [e.oldValue, e.newValue, e.reason, e.user])).toEqual([
      [null, '9.8', null, DATA_ENTRY.username],
      ['9.8', '9.6', 'Correzione da referto di laboratorio', DATA_ENTRY.username],
    ]);
    const actions = (action: string): AuditEntry[] => audit.filter((a) => a.action === action);
    expect(actions('check.override').map((a) => [a.form_key, a.reason, a.user])).toEqual([['dm', 'BSA di cartella calcolata con il peso della visita precedente', DATA_ENTRY.username]]);
    expect(actions('form.sign').map((a) => [a.form_key, a.user])).toEqual([
      ['dm', INVESTIGATOR.username],
      ['eos', INVESTIGATOR.username],
    ]);
    expect(actions('form.lock').map((a) => [a.form_key, a.user])).toEqual([['dm', ADMIN.username]]);
    expect(actions('user.add').map((a) => (JSON.parse(a.details ?? '{}') as { username?: string }).username)).toEqual([ADMIN.username, INVESTIGATOR.username, DATA_ENTRY.username, MONITOR.username]);
    expect(actions('subject.create').map((a) => a.subject_id)).toEqual([SUBJECT]);
    expect(actions('identity.update')).toHaveLength(1);
    expect(actions('site.param').map((a) => [a.field, a.new_value])).toEqual([['site_ec_approval_date', '2023-12-01']]);
    expect(actions('form.create')).toHaveLength(17);
    expect(actions('form.remove').map((a) => [a.form_key, a.instance_no, a.reason])).toEqual([['fu_contact', 2, 'Contatto inserito due volte']]);
    expect(actions('user.unlock').length).toBe(1);
    // Failures of a signature password count like login failures; the five at login lock the monitor.
    const failures = actions('auth.failure').map((a) => JSON.parse(a.details ?? '{}') as { user?: string });
    expect(failures.filter((f) => f.user === MONITOR.username)).toHaveLength(5);
    expect(actions('auth.locked').map((a) => (JSON.parse(a.details ?? '{}') as { user?: string }).user)).toContain(MONITOR.username);
    expect(await verifyAuditChain(session.store.db)).toMatchObject({ ok: true });
  });
});
