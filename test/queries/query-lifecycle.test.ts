// Data queries end to end without bundles of their own: raised at the centre on merged data, carried to the
// site by the transfer functions of the return bundle's `queries` section, answered there (by text or by a
// form save naming the query), closed and re-opened at the centre; every transition audited.

import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import { answerQuery, closeQuery, reopenQuery } from '../../src/core/queries/query-actions';
import { listQueryViews } from '../../src/core/queries/list-queries';
import { raiseQuery } from '../../src/core/queries/raise-query';
import { applyTransferredQueries, collectQueriesForSite, TransferredQuery } from '../../src/core/queries/query-transfer';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { inWriteTransaction } from '../../src/db/transaction';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { RaiseQueryInput } from '../../src/shared/contract/queries';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';
import { DIALECTS } from '../helpers/postgres';

describe.each(DIALECTS)('data queries (%s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  let subjectId: string;

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    site = await net.addSite('IT01');
    const s = await site.login('data_entry');
    try {
      subjectId = (await createSubject(s, { identity: { sil_surname: 'Rossi' } })).id;
      await saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '1', birth_year: 1961, height_cm: 172, weight_kg: 70, dx_date: '2019-02', comorb_any: '0' }, complete: true }));
      const exported = await exportBundle(s, join(tmp.dir, 'usb'));
      const central = await net.central();
      try {
        await mergeBundle(central, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      } finally {
        await central.close();
      }
    } finally {
      await s.close();
    }
  });
  afterAll(() => tmp.cleanup());

  async function withCentral<T>(work: (c: Session) => Promise<T>): Promise<T> {
    const c = await net.central();
    try {
      return await work(c);
    } finally {
      await c.close();
    }
  }
  async function withSite<T>(work: (s: Session) => Promise<T>): Promise<T> {
    const s = await site.login('data_entry');
    try {
      return await work(s);
    } finally {
      await s.close();
    }
  }
  /** What a return bundle would carry, through its record schema, applied at the site. */
  async function transferToSite(): Promise<void> {
    const records = await withCentral((c) => collectQueriesForSite(c.store.db, 'IT01'));
    const parsed = records.map((r) => TransferredQuery.parse(JSON.parse(JSON.stringify(r))));
    await withSite((s) => inWriteTransaction(s.store.db, (tx) => applyTransferredQueries(s, tx, parsed)));
  }
  const raise = (c: Session, input: Record<string, unknown>): ReturnType<typeof raiseQuery> => raiseQuery(c, RaiseQueryInput.parse({ subjectId, ...input }));

  it('raises a query on a field at the centre, open, with its raise event and an audit entry', async () => {
    await withCentral(async (c) => {
      const q = await raise(c, { form: 'dm', field: 'weight_kg', text: 'Weight 70 kg: please confirm in source', category: 'out_of_range' });
      expect(q).toMatchObject({ siteId: 'IT01', subjectId, form: 'dm', instanceNo: 1, field: 'weight_kg', status: 'open', category: 'out_of_range', raisedBy: 'coordinator' });
      expect(q.id).toMatch(/^Q-[0-9A-F]{12}$/);
      const [listed] = (await listQueryViews(c, {})).filter((x) => x.id === q.id);
      expect(listed!.events).toEqual([expect.objectContaining({ kind: 'raise', by: 'coordinator', origin: 'centre', text: 'Weight 70 kg: please confirm in source' })]);
      const trail = await auditPage(c.store.db, 0, 1000);
      expect(trail.filter((e) => e.action === 'query.raise').map((e) => JSON.parse(e.details!).query)).toContain(q.id);
    });
  });

  it('refuses a query on a subject, instance or field the central data does not have', async () => {
    await withCentral(async (c) => {
      await expect(raiseQuery(c, RaiseQueryInput.parse({ subjectId: 'IT01-0099', text: 'who is this?' }))).rejects.toMatchObject({ code: 'subject.notFound' });
      await expect(raise(c, { form: 'nope', text: 'which form?' })).rejects.toMatchObject({ code: 'form.unknown' });
      await expect(raise(c, { form: 'cyc', instanceNo: 3, text: 'which cycle?' })).rejects.toMatchObject({ code: 'form.notFound' });
      await expect(raise(c, { form: 'dm', field: 'shoe_size', text: 'which field?' })).rejects.toMatchObject({ code: 'query.unknownField' });
      await expect(raise(c, { field: 'weight_kg', text: 'which form?' })).rejects.toMatchObject({ code: 'query.formRequired' });
    });
  });

  it('runs open → answered (at the site) → re-opened → answered by a form save → closed, the same state in both stores', async () => {
    const q = await withCentral((c) => raise(c, { form: 'dm', field: 'height_cm', text: 'Height: please check', category: 'inconsistent' }));
    await transferToSite();
    const atSite = await withSite(async (s) => {
      expect((await listQueryViews(s, { status: 'open' })).map((x) => x.id)).toContain(q.id);
      return answerQuery(s, { queryId: q.id, text: 'Confirmed in source' });
    });
    expect(atSite.status).toBe('answered');
    // The centre cannot answer; the site cannot close.
    await withCentral((c) => expect(answerQuery(c, { queryId: q.id, text: 'try' })).rejects.toMatchObject({ code: 'store.wrongKind' }));
    await withSite((s) => expect(closeQuery(s, { queryId: q.id, text: 'try' })).rejects.toMatchObject({ code: 'store.wrongKind' }));

    // The answer reaches the centre in a site bundle (step 3); here the centre re-opens the query it raised.
    await withCentral(async (c) => {
      await expect(reopenQuery(c, { queryId: q.id, text: 'still wrong' })).rejects.toMatchObject({ code: 'query.badTransition' });
    });
    const closed = await withCentral((c) => closeQuery(c, { queryId: q.id, text: 'Accepted' }));
    expect(closed.status).toBe('closed');
    const reopened = await withCentral((c) => reopenQuery(c, { queryId: q.id, text: 'Height does not match the chart, please correct' }));
    expect(reopened.status).toBe('reopened');
    await transferToSite();
    await withSite(async (s) => {
      const [seen] = (await listQueryViews(s, {})).filter((x) => x.id === q.id);
      expect(seen!.status).toBe('reopened');
      const saved = await saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { height_cm: 171 }, complete: true, reason: `Corrected from chart, ${q.id}` }));
      expect(saved.instance.data.height_cm).toBe(171);
      const [after] = (await listQueryViews(s, {})).filter((x) => x.id === q.id);
      expect(after).toMatchObject({ status: 'answered' });
      // The first answer and the close were made without seeing each other: concurrent, in either order.
      expect(after!.events.map((e) => e.kind).sort()).toEqual(['answer', 'answer', 'close', 'raise', 'reopen']);
      expect(after!.events.at(-1)!.kind).toBe('answer');
      expect(after!.events.at(-1)!.text).toBe(`Corrected from chart, ${q.id}`);
      const trail = await auditPage(s.store.db, 0, 10_000);
      expect(trail.filter((e) => e.action === 'query.answer').length).toBe(2);
      expect(trail.filter((e) => e.action === 'query.received').length).toBeGreaterThanOrEqual(3);
      expect((await verifyAuditChain(s.store.db)).ok).toBe(true);
    });
  });

  it('refuses a form save whose reason names a query of another record, writing nothing', async () => {
    const q = await withCentral((c) => raise(c, { text: 'Consent date missing from the chart', category: 'protocol' }));
    await transferToSite();
    await withSite(async (s) => {
      await expect(saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { weight_kg: 71 }, complete: true, reason: 'Fixing Q-000000000000' }))).rejects.toMatchObject({ code: 'query.notFound' });
      const [still] = (await listQueryViews(s, {})).filter((x) => x.id === q.id);
      expect(still!.status).toBe('open');
    });
  });

  it('refuses, at the site, queries of another site and applies nothing', async () => {
    const records = await withCentral((c) => collectQueriesForSite(c.store.db, 'IT01'));
    const foreign = records.map((r) => ({ ...r, site_id: 'IT02' }));
    await withSite(async (s) => {
      const before = (await listQueryViews(s, {})).length;
      await expect(inWriteTransaction(s.store.db, (tx) => applyTransferredQueries(s, tx, foreign))).rejects.toMatchObject({ code: 'query.otherSite' });
      expect((await listQueryViews(s, {})).length).toBe(before);
    });
  });

  it('applies the same transfer twice as a no-op', async () => {
    await transferToSite();
    const once = await withSite(async (s) => ({ queries: await listQueryViews(s, {}), audit: (await auditPage(s.store.db, 0, 10_000)).length }));
    await transferToSite();
    const twice = await withSite(async (s) => ({ queries: await listQueryViews(s, {}), audit: (await auditPage(s.store.db, 0, 10_000)).length }));
    expect(twice).toEqual(once);
  });
});
