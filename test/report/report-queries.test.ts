// The report's Data queries section: queries by site and state, and the median days to the first answer,
// over a hand-built set of queries answered on known days; a store without queries gets a note instead.

import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import { answerQuery, closeQuery, reopenQuery } from '../../src/core/queries/query-actions';
import { applyTransferredQueries, collectQueriesForSite } from '../../src/core/queries/query-transfer';
import { raiseQuery } from '../../src/core/queries/raise-query';
import { buildReport, genericReportData, sectionOf } from '../../src/core/report';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { inWriteTransaction } from '../../src/db/transaction';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { RaiseQueryInput } from '../../src/shared/contract/queries';
import type { ReportBlock } from '../../src/shared/report/report-document';
import { studyModules } from '../../src/studies';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';

type Site = Awaited<ReturnType<TestNetwork['addSite']>>;

describe('the Data queries section of the report', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  const sites = new Map<string, { site: Site; subjectId: string }>();
  const usb = join(tmp.dir, 'usb');

  const withCentral = async <T>(work: (c: Session) => Promise<T>): Promise<T> => {
    const c = await net.central();
    return work(c).finally(() => c.close());
  };
  const withSite = async <T>(siteId: string, work: (s: Session) => Promise<T>): Promise<T> => {
    const s = await sites.get(siteId)!.site.login('data_entry');
    return work(s).finally(() => s.close());
  };
  const sendBundle = async (siteId: string): Promise<void> => {
    const exported = await withSite(siteId, (s) => exportBundle(s, usb));
    await withCentral((c) => mergeBundle(c, exported.file, { registerSites: new Map([[siteId, sites.get(siteId)!.site.fingerprint]]) }));
  };
  const returnQueries = async (siteId: string): Promise<void> => {
    const records = await withCentral((c) => collectQueriesForSite(c.store.db, siteId));
    await withSite(siteId, (s) => inWriteTransaction(s.store.db, (tx) => applyTransferredQueries(s, tx, records)));
  };
  const raise = (siteId: string, text: string): Promise<string> =>
    withCentral(async (c) => (await raiseQuery(c, RaiseQueryInput.parse({ subjectId: sites.get(siteId)!.subjectId, form: 'dm', field: 'weight_kg', text }))).id);
  const answerAt = async (siteId: string, iso: string, queryId: string): Promise<void> => {
    net.setNow(iso);
    await withSite(siteId, (s) => answerQuery(s, { queryId, text: 'Confirmed in source' }));
  };
  const report = (lang: 'en' | 'it'): Promise<Awaited<ReturnType<typeof buildReport>>> => withCentral((c) => buildReport(c, { lang, modules: studyModules }));
  const texts = (blocks: readonly ReportBlock[]): string[] => blocks.flatMap((b) => (b.kind === 'note' ? [b.text] : []));

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    for (const [siteId, weight] of [['IT01', 70], ['IT02', 64]] as const) {
      const site = await net.addSite(siteId);
      const s = await site.login('data_entry');
      try {
        const subjectId = (await createSubject(s, { identity: { sil_surname: 'Rossi' } })).id;
        await saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '1', birth_year: 1961, height_cm: 172, weight_kg: weight, dx_date: '2019-02', comorb_any: '0' }, complete: true }));
        sites.set(siteId, { site, subjectId });
      } finally {
        await s.close();
      }
      await sendBundle(siteId);
    }
  });
  afterAll(() => tmp.cleanup());

  it('says that no query has been raised, with zero counts for every site', async () => {
    const document = await report('en');
    const section = sectionOf(document, 'queries');
    expect(section.blocks).toEqual([{ kind: 'note', text: 'No data query has been raised.' }]);
    const zero = { open: 0, reopened: 0, answered: 0, closed: 0, total: 0, answered_once: 0, median_days_to_answer: null };
    expect(genericReportData(document).queries).toEqual({ by_site: [{ site_id: 'IT01', ...zero }, { site_id: 'IT02', ...zero }], total: zero });
    expect(texts(sectionOf(await report('it'), 'queries').blocks)).toEqual(['Non è stata aperta alcuna query sui dati.']);
  });

  it('counts the queries of each site by state and the median whole days to the first answer, per site and overall', async () => {
    // All raised on 25 November 2026 at 10:00 (the network's clock).
    const q1 = await raise('IT01', 'Weight: please confirm');
    const q2 = await raise('IT01', 'Weight again: please confirm');
    await raise('IT01', 'Height: please confirm');
    const q4 = await raise('IT02', 'Weight: please confirm');
    await raise('IT02', 'Height: please confirm');
    const q6 = await raise('IT02', 'Sex: please confirm');
    for (const siteId of ['IT01', 'IT02']) await returnQueries(siteId);
    await answerAt('IT01', '2026-11-27T09:00:00.000Z', q1); // 1 day 23 hours: 1 whole day
    await answerAt('IT01', '2026-11-30T10:00:00.000Z', q2); // 5 days
    await answerAt('IT02', '2026-11-26T10:00:00.000Z', q6); // 1 day
    await answerAt('IT02', '2026-12-05T10:00:00.000Z', q4); // 10 days
    for (const siteId of ['IT01', 'IT02']) await sendBundle(siteId);
    await withCentral(async (c) => {
      await closeQuery(c, { queryId: q1, text: 'Thank you' });
      await reopenQuery(c, { queryId: q2, text: 'The source says otherwise' });
      await closeQuery(c, { queryId: q4, text: 'Thank you' });
    });
    // IT01: q1 closed, q2 re-opened, q3 open; days 1 and 5, median 3.
    // IT02: q4 closed, q5 open, q6 answered; days 10 and 1, median 5.5.
    // Overall: days 1, 5, 1, 10, median (1 + 5) / 2 = 3.
    const document = await report('en');
    expect(genericReportData(document).queries).toEqual({
      by_site: [
        { site_id: 'IT01', open: 1, reopened: 1, answered: 0, closed: 1, total: 3, answered_once: 2, median_days_to_answer: 3 },
        { site_id: 'IT02', open: 1, reopened: 0, answered: 1, closed: 1, total: 3, answered_once: 2, median_days_to_answer: 5.5 },
      ],
      total: { open: 2, reopened: 1, answered: 1, closed: 2, total: 6, answered_once: 4, median_days_to_answer: 3 },
    });
    const section = sectionOf(document, 'queries');
    expect(section.title).toBe('Data queries');
    expect(texts(section.blocks)).toEqual(['6 queries raised: 2 open, 1 re-opened, 1 answered, 2 closed.']);
    const table = section.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r.cells.map((c) => (typeof c === 'string' ? c : c.text)))).toEqual([
      ['IT01', '1', '1', '0', '1', '3', '2', '3.0'],
      ['IT02', '1', '0', '1', '1', '3', '2', '5.5'],
      ['Total', '2', '1', '1', '2', '6', '4', '3.0'],
    ]);
    const italian = sectionOf(await report('it'), 'queries');
    expect(italian.title).toBe('Query sui dati');
    expect(texts(italian.blocks)).toEqual(['6 query in tutto: 2 aperte, 1 riaperte, 1 con risposta, 2 chiuse.']);
    const italianTable = italian.blocks.find((b) => b.kind === 'table');
    expect(italianTable?.kind === 'table' && italianTable.rows.at(1)!.cells.at(-1)).toBe('5,5');
  });
});
