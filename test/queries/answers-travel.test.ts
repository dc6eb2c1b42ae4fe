// Answers travel to the centre in the next site bundle (query_events.ndjson) and are merged by id; an
// answer that arrives for a query the centre has since closed is kept and shown as late, not lost.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportCsv } from '../../src/core/exports/csv/export-csv';
import { studyModules } from '../../src/studies';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import { listQueryViews } from '../../src/core/queries/list-queries';
import { answerQuery, closeQuery } from '../../src/core/queries/query-actions';
import { applyTransferredQueries, collectQueriesForSite } from '../../src/core/queries/query-transfer';
import { raiseQuery } from '../../src/core/queries/raise-query';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { inWriteTransaction } from '../../src/db/transaction';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { RaiseQueryInput } from '../../src/shared/contract/queries';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { DIALECTS } from '../helpers/postgres';

describe.each(DIALECTS)('query answers in site bundles (%s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  let subjectId: string;
  const usb = join(tmp.dir, 'usb');

  const withCentral = async <T>(work: (c: Session) => Promise<T>): Promise<T> => {
    const c = await net.central();
    return work(c).finally(() => c.close());
  };
  const withSite = async <T>(work: (s: Session) => Promise<T>): Promise<T> => {
    const s = await site.login('data_entry');
    return work(s).finally(() => s.close());
  };
  const sendBundle = async (): Promise<void> => {
    const exported = await withSite((s) => exportBundle(s, usb));
    await withCentral((c) => mergeBundle(c, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) }));
  };
  const returnQueries = async (): Promise<void> => {
    const records = await withCentral((c) => collectQueriesForSite(c.store.db, 'IT01'));
    await withSite((s) => inWriteTransaction(s.store.db, (tx) => applyTransferredQueries(s, tx, records)));
  };

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    site = await net.addSite('IT01');
    await withSite(async (s) => {
      subjectId = (await createSubject(s, { identity: { sil_surname: 'Verdi' } })).id;
      await saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '2', birth_year: 1970, height_cm: 160, weight_kg: 60, dx_date: '2020-03', comorb_any: '0' }, complete: true }));
    });
    // A bundle written before any answer has no query_events.ndjson, and merges as before.
    await sendBundle();
  });
  afterAll(() => tmp.cleanup());

  it('merges an answer given at the site, the query then answered at the centre too, once however often it arrives', async () => {
    const q = await withCentral((c) => raiseQuery(c, RaiseQueryInput.parse({ subjectId, form: 'dm', field: 'weight_kg', text: 'Please confirm the weight' })));
    await returnQueries();
    await withSite((s) => answerQuery(s, { queryId: q.id, text: 'Confirmed in source' }));
    await sendBundle();
    await sendBundle();
    const [atCentre] = await withCentral((c) => listQueryViews(c, { subjectId }));
    expect(atCentre).toMatchObject({ id: q.id, status: 'answered', lateAnswers: 0, daysToAnswer: 0 });
    expect(atCentre!.events.filter((e) => e.kind === 'answer')).toEqual([expect.objectContaining({ text: 'Confirmed in source', by: 'dora', origin: 'site', late: false })]);
    const trail = await withCentral((c) => auditPage(c.store.db, 0, 10_000));
    expect(trail.filter((e) => e.action === 'query.answerMerged')).toHaveLength(1);
  });

  it('keeps an answer to a query closed meanwhile, marked late, the query staying closed on both sides', async () => {
    const q = await withCentral((c) => raiseQuery(c, RaiseQueryInput.parse({ subjectId, form: 'dm', text: 'Consent form copy missing', category: 'protocol' })));
    await returnQueries();
    await withCentral((c) => closeQuery(c, { queryId: q.id, text: 'Found it in the binder' }));
    await withSite((s) => answerQuery(s, { queryId: q.id, text: 'Copy sent by post' }));
    await sendBundle();
    const atCentre = (await withCentral((c) => listQueryViews(c, {}))).find((x) => x.id === q.id)!;
    expect(atCentre).toMatchObject({ status: 'closed', lateAnswers: 1 });
    expect(atCentre.events.find((e) => e.kind === 'answer')).toMatchObject({ text: 'Copy sent by post', late: true });
    await returnQueries();
    const atSite = (await withSite((s) => listQueryViews(s, {}))).find((x) => x.id === q.id)!;
    expect(atSite).toMatchObject({ status: 'closed', lateAnswers: 1 });
  });
});

describe('queries.csv', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('lists every query of the central export with its state, last answer and late answers', async () => {
    const net = await createNetwork(tmp.dir);
    const site = await net.addSite('IT01');
    const s = await site.login('data_entry');
    const subjectId = (await createSubject(s, { identity: { sil_surname: 'Neri' } })).id;
    await saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '1', birth_year: 1950, height_cm: 180, weight_kg: 80, dx_date: '2018-03', comorb_any: '0' }, complete: true }));
    const exported = await exportBundle(s, join(tmp.dir, 'usb')).finally(() => s.close());
    const c = await net.central();
    try {
      await mergeBundle(c, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      const q = await raiseQuery(c, RaiseQueryInput.parse({ subjectId, form: 'dm', field: 'height_cm', text: '=180 cm? please check', category: 'out_of_range' }));
      const out = join(tmp.dir, 'csv');
      const result = await exportCsv(c, out, { dialect: 'rfc4180', modules: studyModules });
      expect(result.files.map((f) => f.name)).toContain('queries.csv');
      const lines = readFileSync(join(out, 'queries.csv'), 'utf8').trim().split('\r\n');
      expect(lines[0]).toBe('query_id,site_id,subject_id,form,instance_no,field,check_id,category,status,text,raised_by,raised_at,updated_at,answers,last_answer,last_answer_by,last_answer_at,late_answers,days_to_answer');
      expect(lines).toHaveLength(2);
      expect(lines[1]!.startsWith(`${q.id},IT01,${subjectId},dm,1,height_cm,,out_of_range,open,`)).toBe(true);
    } finally {
      await c.close();
    }
  });
});
