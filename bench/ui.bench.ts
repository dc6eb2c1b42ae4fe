// Issue 3: the UI in Chromium (playwright-core, the e2e launch flags) against the loopback transport: the time
// from navigation to the last field painted for F02 + F03 (59 fields), and to the subject list painted with 5,000
// subjects, each next to the same page inserting as many plain inputs / table rows with innerHTML (same data call).
// Goals: ≤ 100 ms and ≤ 300 ms. Timed in the page with performance marks; paint = next frame + a task.

import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AppContext } from '../src/core/api/app-context';
import { studyModules } from '../src/studies';
import { openSession } from '../src/core/auth/open-session';
import { saveForm } from '../src/core/forms/save-form';
import { keyringPathFor } from '../src/core/keys/keyring';
import { initStore } from '../src/core/store/init-site';
import { loadBuiltInStudy } from '../src/core/study/built-in';
import { createSubject } from '../src/core/subjects/create-subject';
import { addUser } from '../src/core/users/manage-users';
import { startLoopbackServer } from '../src/server/loopback-server';
import { SaveFormInput } from '../src/shared/contract/forms';
import { openBrowser } from '../e2e/support/browser';
import { patient } from '../e2e/support/patient';
import { measurement, percentile, type BenchContext, type Benchmark } from './measure';
import { ensureRenderer } from './ui-renderer';
import { ENTRY_PAGE_HELPERS, entryPage } from './ui-entry-page';

const FIXTURE_VERSION = 1;
const ADMIN = { username: 'bench.admin', displayName: 'Bench Admin', password: 'bench-admin-password' };
const ENTRY = { username: 'bench.entry', displayName: 'Bench Entry', password: 'bench-entry-password' };
const FORMS = ['dm', 'dx'] as const;

/** A site store with `subjects` empty subjects and F02 + F03 entered for the first, cached between runs. */
async function subjectsFixture(ctx: BenchContext, subjects: number): Promise<string> {
  const cached = join(ctx.cacheDir, `ui-site-${subjects}-v${FIXTURE_VERSION}`);
  const cachedDb = join(cached, 'site.db');
  if (!existsSync(cachedDb)) {
    rmSync(cached, { recursive: true, force: true });
    mkdirSync(cached, { recursive: true });
    ctx.log(`  creating ${subjects} subjects through core (cached afterwards)…`);
    const t = Date.now();
    const building = join(cached, 'building.db');
    await initStore({ dbFile: building, kind: 'site', siteId: 'IT01', siteName: 'Bench site', study: loadBuiltInStudy('ino-all-it'), admin: ADMIN });
    const admin = await openSession({ dbFile: building, username: ADMIN.username, password: ADMIN.password });
    try {
      await addUser(admin, { ...ENTRY, role: 'data_entry' });
    } finally {
      await admin.close();
    }
    const entry = await openSession({ dbFile: building, username: ENTRY.username, password: ENTRY.password });
    try {
      const first = (await createSubject(entry, {})).id;
      for (let i = 1; i < subjects; i += 1) await createSubject(entry, {});
      const data = new Map(patient(first));
      for (const form of FORMS) await saveForm(entry, SaveFormInput.parse({ subjectId: first, form, data: data.get(form)![0]! }));
    } finally {
      await entry.close();
    }
    cpSync(building, cachedDb);
    cpSync(keyringPathFor(building), keyringPathFor(cachedDb));
    rmSync(building, { force: true });
    rmSync(keyringPathFor(building), { force: true });
    ctx.log(`  created in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  }
  const dir = join(ctx.workDir, `ui-site-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  cpSync(cachedDb, join(dir, 'site.db'));
  cpSync(keyringPathFor(cachedDb), keyringPathFor(join(dir, 'site.db')));
  return dir;
}

// ------------------------------------------------------------------ measured in the page

/**
 * Timing helpers installed in the page (plain JavaScript: it runs in Chromium, where the DOM is; this file is
 * type-checked for Node). `painted()` resolves after the next frame has been produced.
 */
const PAGE_HELPERS = `
window.__edcBench = (() => {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  }));
  /** The baseline of a form: as many labelled inputs inserted with innerHTML, then the next paint. */
  async function timePlainInputs(n) {
    const host = document.createElement('div');
    document.body.prepend(host);
    const t = performance.now();
    host.innerHTML = Array.from({ length: n }, (_, i) => '<div class="field"><label for="b' + i + '">Field ' + i + '</label><input id="b' + i + '" type="text" value="' + i + '"></div>').join('');
    await painted();
    const ms = performance.now() - t;
    host.remove();
    return ms;
  }
  /** The baseline of the list: the same API call, every row inserted with innerHTML, then the next paint. */
  async function timePlainTable() {
    const host = document.createElement('div');
    document.body.prepend(host);
    const t = performance.now();
    const response = await fetch('/api/subjects%3Alist', { method: 'POST', headers: { 'content-type': 'application/json', 'x-edc-token': sessionStorage.getItem('edc.launchToken') || '' }, body: JSON.stringify({ filter: 'all' }) });
    const body = await response.json();
    const rows = body.value.map((s) => '<tr><td>' + s.id + '</td><td>' + s.createdAt + '</td><td>' + s.complete + '/' + s.instances + '</td><td>' + s.signed + '</td><td>' + (s.failedHard + s.failedSoft) + '</td><td>' + s.missingItems + '</td></tr>');
    host.innerHTML = '<table><tbody>' + rows.join('') + '</tbody></table>';
    await painted();
    const ms = performance.now() - t;
    host.remove();
    return { ms, rows: rows.length };
  }
  return { timePlainInputs, timePlainTable };
})();
`;

const call = <T>(page: Page, fn: string, ...args: unknown[]): Promise<T> => page.evaluate(`window.__edcBench.${fn}(${args.map((a) => JSON.stringify(a)).join(', ')})`) as Promise<T>;

function timePlainInputs(page: Page, fields: number): Promise<number> {
  return call(page, 'timePlainInputs', fields);
}

function timePlainTable(page: Page): Promise<{ ms: number; rows: number }> {
  return call(page, 'timePlainTable');
}

async function clickAndWait(page: Page, name: string | RegExp, heading: string | RegExp): Promise<void> {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).first().click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

const median = (xs: number[]): number => percentile([...xs].sort((a, b) => a - b), 50);

export const uiBenchmark: Benchmark = {
  name: 'ui',
  async run(ctx) {
    const rendererDir = ensureRenderer(ctx);
    const subjects = ctx.quick ? 1000 : 5000;
    const dataDir = await subjectsFixture(ctx, subjects);
    const app = new AppContext({ dataDir, modules: studyModules });
    const server = await startLoopbackServer({ ctx: app, rendererDir, log: (line) => ctx.log(`  server: ${line}`) });
    const browser = await openBrowser(server.url);
    const rounds = ctx.quick ? 3 : 9;
    try {
      const page = browser.page;
      page.setDefaultTimeout(30_000);
      await page.goto(server.launchUrl);
      await page.getByLabel('Nome utente', { exact: true }).fill(ENTRY.username);
      await page.getByLabel('Password', { exact: true }).fill(ENTRY.password);
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.getByRole('heading', { name: 'Pazienti', level: 1 }).waitFor();
      await page.evaluate(PAGE_HELPERS);
      await page.evaluate(ENTRY_PAGE_HELPERS);
      const clicks = entryPage(page);
      const study = loadBuiltInStudy('ino-all-it').compiled;
      const titles = FORMS.map((f) => study.form(f)!.title.it);

      // The form: F02 then F03 opened from the casebook, each from the click to its last field painted.
      await page.getByRole('gridcell', { name: 'IT01-0001' }).click();
      await page.getByRole('heading', { name: 'Casebook IT01-0001', level: 1 }).waitFor();
      const formTimes: number[] = [];
      const plainTimes: number[] = [];
      const screenTimes: number[] = [];
      const screenPlainTimes: number[] = [];
      let fields = 0;
      for (let round = 0; round < rounds + 1; round += 1) {
        let total = 0;
        let plain = 0;
        fields = 0;
        for (const title of titles) {
          // The casebook has its data (the button says "Apri", not "Compila") before the click is timed.
          await page.getByRole('button', { name: `Apri: ${title}`, exact: true }).waitFor();
          const { ms, count } = await clicks.timeClick({ selector: 'button[aria-label]', text: `Apri: ${title}`, exact: true }, { selector: 'form.form-fields .field' });
          const inputs = await timePlainInputs(page, count);
          total += ms;
          fields += count;
          plain += inputs;
          if (round > 0) {
            screenTimes.push(ms);
            screenPlainTimes.push(inputs);
          }
          await clickAndWait(page, 'Torna al casebook', 'Casebook IT01-0001');
        }
        // The first round warms caches (study compile, JIT) like a user's first form of the day; not counted.
        if (round > 0) {
          formTimes.push(total);
          plainTimes.push(plain);
        }
      }

      // The subject list: from Settings back to the list, until its rows and count are painted.
      const listTimes: number[] = [];
      const tableTimes: number[] = [];
      let listed = 0;
      for (let round = 0; round < rounds + 1; round += 1) {
        await page.getByRole('navigation').getByRole('button', { name: 'Impostazioni', exact: true }).click();
        await page.getByRole('heading', { name: 'Impostazioni', level: 1 }).waitFor();
        const { ms } = await clicks.timeClick({ selector: 'nav button', text: 'Pazienti', exact: true }, { selector: '.grid-body [role=row]', text: `${subjects} pazienti`, textIn: 'body' });
        const plain = await timePlainTable(page);
        listed = plain.rows;
        if (round > 0) {
          listTimes.push(ms);
          tableTimes.push(plain.ms);
        }
      }
      if (listed !== subjects) throw new Error(`the list call returned ${listed} subjects, expected ${subjects}`);
      if (browser.foreign.length > 0 || browser.pageErrors.length > 0) throw new Error(`page problems: ${[...browser.foreign, ...browser.pageErrors].join('; ')}`);

      const defined = FORMS.reduce((n, f) => n + study.form(f)!.fields.length, 0);
      return [
        measurement({ name: `form render, F02+F03 (${defined} fields, ${fields} shown), median`, value: median(formTimes), unit: 'ms', baseline: median(plainTimes), goal: '≤ 100 ms', met: (v) => v <= 100 }),
        measurement({ name: 'form render, one screen (F02 or F03), median', value: median(screenTimes), unit: 'ms', baseline: median(screenPlainTimes), goal: '-' }),
        measurement({ name: `subject list render (${subjects} subjects), median`, value: median(listTimes), unit: 'ms', baseline: median(tableTimes), goal: '≤ 300 ms', met: (v) => v <= 300 }),
      ];
    } finally {
      await browser.close();
      await server.close();
      await app.dispose();
    }
  },
};
