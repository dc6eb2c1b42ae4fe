// Issue 16: data entry in Chromium (playwright-core, the e2e launch flags) on the 500-subject seeded site, p95 over
// 20 runs: a form opened from the casebook until all its fields are painted, "mark complete" until the
// confirmation is painted, and the status matrix until its rows are painted; each next to the same API call with
// its result inserted as plain HTML (innerHTML) in the same page. Goals: ≤ 150 ms, ≤ 150 ms, ≤ 300 ms.

import { AppContext } from '../src/core/api/app-context';
import { openSession } from '../src/core/auth/open-session';
import { openForm } from '../src/core/forms/open-form';
import { saveForm } from '../src/core/forms/save-form';
import { listSubjects } from '../src/core/subjects/list-subjects';
import { startLoopbackServer } from '../src/server/loopback-server';
import { SaveFormInput } from '../src/shared/contract/forms';
import { studyModules } from '../src/studies';
import { demoStudy } from '../src/tools/demo/run-demo';
import { openBrowser } from '../e2e/support/browser';
import { seededSite } from './fixtures';
import { measurement, percentile, type Benchmark } from './measure';
import { ENTRY_PAGE_HELPERS, entryPage, type Ready } from './ui-entry-page';
import { ensureRenderer } from './ui-renderer';
import { dirname } from 'node:path';

// The goals are for the 500-subject site; --quick reuses the 60-subject site the store benchmark seeds.
const PATIENTS = 500;
const QUICK_PATIENTS = 60;
/** The form opened from the casebook (the largest the nurse enters once per patient) and the one completed. */
const OPENED = 'dx';
const COMPLETED = 'ae';

/** A draft F07 instance per run (and one for its baseline): a copy of the subject's first adverse event. */
interface Draft {
  readonly subjectId: string;
  readonly instanceNo: number;
  /** Fields the form shows: its fields less those its conditions hide. */
  readonly shown: number;
  /** Fields F03 shows for this subject. */
  readonly openedShown: number;
}

async function prepareDrafts(dbFile: string, username: string, password: string, count: number): Promise<Draft[]> {
  const study = demoStudy().compiled;
  const session = await openSession({ dbFile, username, password });
  try {
    const drafts: Draft[] = [];
    for (const subject of await listSubjects(session, { filter: 'all' })) {
      if (drafts.length === count) break;
      const [ae, dx] = await Promise.all([openForm(session, { subjectId: subject.id, form: COMPLETED, instanceNo: 1 }), openForm(session, { subjectId: subject.id, form: OPENED, instanceNo: 1 })]);
      if (!ae.instance || !dx.instance) continue;
      const sequence = study.form(COMPLETED)!.sequenceField;
      const data = Object.fromEntries(Object.entries(ae.instance.data).filter(([name]) => name !== sequence));
      const saved = await saveForm(session, SaveFormInput.parse({ subjectId: subject.id, form: COMPLETED, data, complete: false }));
      drafts.push({
        subjectId: subject.id,
        instanceNo: saved.instance.instanceNo,
        shown: study.form(COMPLETED)!.fields.length - saved.instance.hidden.length,
        openedShown: study.form(OPENED)!.fields.length - dx.instance.hidden.length,
      });
    }
    if (drafts.length < count) throw new Error(`only ${drafts.length} subjects have an F07 and an F03 to work on, ${count} needed`);
    return drafts;
  } finally {
    await session.close();
  }
}

const p95 = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 95);

export const uiEntryBenchmark: Benchmark = {
  name: 'ui-entry',
  async run(ctx) {
    const rendererDir = ensureRenderer(ctx);
    const runs = ctx.quick ? 5 : 20;
    const patients = ctx.quick ? QUICK_PATIENTS : PATIENTS;
    const site = await seededSite(ctx, patients);
    const entry = site.users.find((u) => u.role === 'data_entry')!;
    // Each run completes its own draft; its baseline completes another through the same API call.
    const drafts = await prepareDrafts(site.dbFile, entry.username, entry.password, 2 * (runs + 1));
    const app = new AppContext({ dataDir: dirname(site.dbFile), modules: studyModules });
    const server = await startLoopbackServer({ ctx: app, rendererDir, log: (line) => ctx.log(`  server: ${line}`) });
    const browser = await openBrowser(server.url);
    try {
      const page = browser.page;
      page.setDefaultTimeout(30_000);
      await page.goto(server.launchUrl);
      await page.getByLabel('Nome utente', { exact: true }).fill(entry.username);
      await page.getByLabel('Password', { exact: true }).fill(entry.password);
      await page.getByRole('button', { name: 'Accedi' }).click();
      await page.getByRole('heading', { name: 'Pazienti', level: 1 }).waitFor();
      await page.evaluate(ENTRY_PAGE_HELPERS);
      const bench = entryPage(page);
      const study = demoStudy().compiled;
      const opened = study.form(OPENED)!;
      const completed = study.form(COMPLETED)!;
      const heading = (name: string) => page.getByRole('heading', { name, level: 1 });

      const open: number[] = [];
      const openPlain: number[] = [];
      const complete: number[] = [];
      const completePlain: number[] = [];
      const matrix: number[] = [];
      const matrixPlain: number[] = [];
      // Run 0 warms caches (study compile, JIT) like a user's first form of the day; it is not counted.
      for (let run = 0; run <= runs; run += 1) {
        const draft = drafts[2 * run]!;
        const other = drafts[2 * run + 1]!;
        const counted = run > 0;
        await page.getByRole('navigation').getByRole('button', { name: 'Pazienti', exact: true }).click();
        // The list is virtualised: the subject is found by its code, as a nurse would.
        await page.getByRole('searchbox').fill(draft.subjectId);
        await page.getByRole('gridcell', { name: draft.subjectId, exact: true }).click();
        await heading(`Casebook ${draft.subjectId}`).waitFor();
        await page.getByRole('button', { name: `Apri: ${opened.title.it}`, exact: true }).waitFor();

        const fields: Ready = { selector: 'form.form-fields .field', min: draft.openedShown };
        const opening = await bench.timeClick({ selector: 'button[aria-label]', text: `Apri: ${opened.title.it}` }, fields);
        const openingPlain = await bench.timeOpenPlain({ subjectId: other.subjectId, form: OPENED, instanceNo: 1 }, other.openedShown);
        await page.getByRole('button', { name: 'Torna al casebook', exact: true }).click();
        await heading(`Casebook ${draft.subjectId}`).waitFor();

        await page.getByRole('button', { name: `Apri: ${completed.title.it} #${draft.instanceNo}`, exact: true }).click();
        await page.locator('form.form-fields .field').nth(draft.shown - 1).waitFor();
        const completing = await bench.timeClick({ selector: '.form-actions button.primary', text: 'Segna come completa' }, { selector: '.save-message', text: 'Scheda completata.' });
        const completingPlain = await bench.timeCompletePlain({ subjectId: other.subjectId, form: COMPLETED, instanceNo: other.instanceNo });
        await page.getByRole('heading', { level: 1 }).filter({ hasText: completed.specId }).waitFor();

        await page.getByRole('navigation').getByRole('button', { name: 'Impostazioni', exact: true }).click();
        await heading('Impostazioni').waitFor();
        const showing = await bench.timeClick({ selector: 'nav button', text: 'Stato' }, { selector: '.matrix-body [role=row]', text: `${patients} pazienti`, textIn: '.matrix-screen .count' });
        const showingPlain = await bench.timeMatrixPlain();
        if (showingPlain.rows !== patients) throw new Error(`the status matrix call returned ${showingPlain.rows} subjects, expected ${patients}`);
        if (counted) {
          open.push(opening.ms);
          openPlain.push(openingPlain);
          complete.push(completing.ms);
          completePlain.push(completingPlain);
          matrix.push(showing.ms);
          matrixPlain.push(showingPlain.ms);
        }
      }
      if (browser.foreign.length > 0 || browser.pageErrors.length > 0) throw new Error(`page problems: ${[...browser.foreign, ...browser.pageErrors].join('; ')}`);

      return [
        measurement({ name: `form open from the casebook, ${opened.specId} (${opened.fields.length} fields), p95 of ${runs}`, value: p95(open), unit: 'ms', baseline: p95(openPlain), goal: '≤ 150 ms', met: (v) => v <= 150 }),
        measurement({ name: `mark complete to confirmation, ${completed.specId}, p95 of ${runs}`, value: p95(complete), unit: 'ms', baseline: p95(completePlain), goal: '≤ 150 ms', met: (v) => v <= 150 }),
        measurement({ name: `status matrix (${patients} subjects), p95 of ${runs}`, value: p95(matrix), unit: 'ms', baseline: p95(matrixPlain), goal: '≤ 300 ms', met: (v) => v <= 300 }),
      ];
    } finally {
      await browser.close();
      await server.close();
      await app.dispose();
    }
  },
};
