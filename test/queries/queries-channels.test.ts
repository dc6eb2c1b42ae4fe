// The app's query channels through the dispatcher both transports use: a site lists the queries the centre
// raised, answers one with a text or by a form save naming it, and bad input or a forbidden role is refused.

import { join } from 'node:path';
import { AppContext } from '../../src/core/api/app-context';
import { dispatch } from '../../src/core/api/dispatch';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import { applyTransferredQueries, collectQueriesForSite } from '../../src/core/queries/query-transfer';
import { raiseQuery } from '../../src/core/queries/raise-query';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { inWriteTransaction } from '../../src/db/transaction';
import { studyModules } from '../../src/studies';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { RaiseQueryInput, type QueryOut } from '../../src/shared/contract/queries';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('the queries channels of the app', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let ctx: AppContext;
  let subjectId = '';
  let onWeight = '';
  let onForm = '';
  let onHeight = '';

  const withCentral = async <T>(work: (c: Session) => Promise<T>): Promise<T> => {
    const c = await net.central();
    return work(c).finally(() => c.close());
  };
  const login = async (role: keyof typeof USERS): Promise<void> => {
    expect(await dispatch(ctx, 'auth:login', { username: USERS[role], password: PASSWORDS[role] })).toMatchObject({ ok: true });
  };
  const list = async (input: Record<string, unknown> = {}): Promise<QueryOut[]> => {
    const r = await dispatch(ctx, 'queries:list', input);
    if (!r.ok) throw new Error(r.error.code);
    return r.value as QueryOut[];
  };

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    const site = await net.addSite('IT01');
    const s = await site.login('data_entry');
    try {
      subjectId = (await createSubject(s, { identity: { sil_surname: 'Bianchi' } })).id;
      await saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '1', birth_year: 1958, height_cm: 175, weight_kg: 95, dx_date: '2021-04', comorb_any: '0' }, complete: true }));
      const exported = await exportBundle(s, join(tmp.dir, 'usb'));
      await withCentral((c) => mergeBundle(c, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) }));
      await withCentral(async (c) => {
        onWeight = (await raiseQuery(c, RaiseQueryInput.parse({ subjectId, form: 'dm', field: 'weight_kg', text: 'Weight 95 kg: please confirm', category: 'out_of_range' }))).id;
        onForm = (await raiseQuery(c, RaiseQueryInput.parse({ subjectId, form: 'dm', text: 'Diagnosis date before birth year + 18?', category: 'inconsistent' }))).id;
        onHeight = (await raiseQuery(c, RaiseQueryInput.parse({ subjectId, form: 'dm', field: 'height_cm', text: 'Height: check the chart', category: 'other' }))).id;
      });
      // What the return bundle's queries section carries, applied at the site.
      const records = await withCentral((c) => collectQueriesForSite(c.store.db, 'IT01'));
      await inWriteTransaction(s.store.db, (tx) => applyTransferredQueries(s, tx, records));
    } finally {
      await s.close();
    }
    ctx = new AppContext({ dataDir: join(tmp.dir, 'sites', 'IT01'), modules: studyModules, clock: net.clock });
  });
  afterAll(async () => {
    await ctx.dispose();
    tmp.cleanup();
  });

  it('lists the queries the centre raised, open, with what they are on, their category and who raised them', async () => {
    await login('data_entry');
    const queries = await list();
    expect(queries.map((q) => q.id).sort()).toEqual([onWeight, onForm, onHeight].sort());
    expect(queries.find((q) => q.id === onWeight)).toMatchObject({ subjectId, form: 'dm', instanceNo: 1, field: 'weight_kg', category: 'out_of_range', status: 'open', raisedBy: 'coordinator', text: 'Weight 95 kg: please confirm' });
    expect(queries.find((q) => q.id === onForm)).toMatchObject({ form: 'dm', field: null, category: 'inconsistent' });
    expect(await list({ status: 'answered' })).toEqual([]);
    expect((await list({ subjectId })).length).toBe(3);
  });

  it('answers a query with a text and returns it answered, with the answer by the user logged in', async () => {
    await login('data_entry');
    const r = await dispatch(ctx, 'queries:answer', { queryId: onWeight, text: 'Confirmed in source' });
    expect(r).toMatchObject({ ok: true, value: { id: onWeight, status: 'answered', daysToAnswer: 0 } });
    const answered = r.ok ? (r.value as QueryOut) : undefined;
    expect(answered?.events.at(-1)).toMatchObject({ kind: 'answer', text: 'Confirmed in source', by: USERS.data_entry, origin: 'site' });
    expect((await list({ status: 'answered' })).map((q) => q.id)).toEqual([onWeight]);
  });

  it('answers the query a form save’s reason for change names', async () => {
    await login('data_entry');
    const opened = await dispatch(ctx, 'forms:open', { subjectId, form: 'dm', instanceNo: 1 });
    const version = opened.ok ? (opened.value as { instance: { version: number } }).instance.version : 0;
    const saved = await dispatch(ctx, 'forms:save', { subjectId, form: 'dm', instanceNo: 1, data: { height_cm: 176 }, expectedVersion: version, complete: true, reason: `Corrected from the chart (${onHeight})` });
    expect(saved).toMatchObject({ ok: true });
    expect((await list()).find((q) => q.id === onHeight)).toMatchObject({ status: 'answered' });
  });

  it('refuses malformed input with input.invalid: a bad query id, a text too short, an unknown status or key', async () => {
    await login('data_entry');
    for (const input of [{ queryId: 'Q-12', text: 'Confirmed in source' }, { queryId: onForm, text: 'ok' }, { queryId: onForm }, { queryId: onForm, text: 'Confirmed', extra: 1 }]) {
      expect(await dispatch(ctx, 'queries:answer', input)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    }
    expect(await dispatch(ctx, 'queries:list', { status: 'pending' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await dispatch(ctx, 'queries:list', { subjectId: 42 })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect((await list()).find((q) => q.id === onForm)).toMatchObject({ status: 'open' });
  });

  it('refuses an unknown query with query.notFound and a second answer with query.badTransition', async () => {
    await login('data_entry');
    expect(await dispatch(ctx, 'queries:answer', { queryId: 'Q-000000000000', text: 'Confirmed in source' })).toMatchObject({ ok: false, error: { code: 'query.notFound' } });
    expect(await dispatch(ctx, 'queries:answer', { queryId: onWeight, text: 'Confirmed again' })).toMatchObject({ ok: false, error: { code: 'query.badTransition' } });
  });

  it('lets a monitor list the queries but not answer them (role.forbidden), and nobody logged out', async () => {
    await login('monitor');
    expect((await list()).length).toBe(3);
    expect(await dispatch(ctx, 'queries:answer', { queryId: onForm, text: 'Confirmed in source' })).toMatchObject({ ok: false, error: { code: 'role.forbidden' } });
    await dispatch(ctx, 'auth:logout', {});
    expect(await dispatch(ctx, 'queries:list', {})).toMatchObject({ ok: false, error: { code: 'auth.notLoggedIn' } });
    await login('data_entry');
    expect((await list()).find((q) => q.id === onForm)).toMatchObject({ status: 'open' });
  });
});
