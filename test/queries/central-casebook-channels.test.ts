// The coordinator's channels through the dispatcher both transports use: raising a query on a field of the
// merged data, closing and re-opening it with a comment, the subject's review marks and locks, and the return
// bundle written after a merge; bad input, an unknown target and a site store are refused with their codes.

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppContext } from '../../src/core/api/app-context';
import { dispatch } from '../../src/core/api/dispatch';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { importReturn, readReturnFile } from '../../src/core/bundles/import-return';
import { COORDINATOR_USER } from '../../src/core/central/coordinator-files';
import { lockCentral } from '../../src/core/central/central-locks';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import { listQueryViews } from '../../src/core/queries/list-queries';
import { markReviewed } from '../../src/core/review/review-marks';
import { createSubject } from '../../src/core/subjects/create-subject';
import { studyModules } from '../../src/studies';
import type { SubjectMarks } from '../../src/shared/contract/central-casebook';
import { SaveFormInput } from '../../src/shared/contract/forms';
import type { QueryOut } from '../../src/shared/contract/queries';
import type { ReturnExportResult } from '../../src/shared/contract/return-bundles';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('the coordinator casebook channels of the app', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let central: AppContext;
  let subjectId = '';
  let other = '';
  let raised = '';
  let siteLogin: Awaited<ReturnType<TestNetwork['addSite']>>['login'];

  const value = <T>(r: Awaited<ReturnType<typeof dispatch>>): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value as T;
  };

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    const site = await net.addSite('IT01');
    siteLogin = site.login;
    const s = await site.login('data_entry');
    try {
      subjectId = (await createSubject(s, {})).id;
      other = (await createSubject(s, {})).id;
      await saveForm(s, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '1', birth_year: 1958, height_cm: 175, weight_kg: 95, dx_date: '2021-04', comorb_any: '0' }, complete: true }));
      const exported = await exportBundle(s, join(tmp.dir, 'usb'));
      const c = await net.central();
      try {
        await mergeBundle(c, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      } finally {
        await c.close();
      }
    } finally {
      await s.close();
    }
    central = new AppContext({ dataDir: net.coordinatorDir, modules: studyModules, clock: net.clock });
    expect(await dispatch(central, 'auth:login', { username: COORDINATOR_USER, password: PASSPHRASE })).toMatchObject({ ok: true });
  });
  afterAll(async () => {
    await central.dispose();
    tmp.cleanup();
  });

  it('raises a query on a field of a merged form, open, by the coordinator, as `edc queries list` then lists it', async () => {
    const q = value<QueryOut>(await dispatch(central, 'queries:raise', { subjectId, form: 'dm', instanceNo: 1, field: 'weight_kg', text: 'Weight 95 kg: please confirm', category: 'out_of_range' }));
    expect(q).toMatchObject({ subjectId, siteId: 'IT01', form: 'dm', instanceNo: 1, field: 'weight_kg', category: 'out_of_range', status: 'open', raisedBy: COORDINATOR_USER });
    raised = q.id;
    const c = await net.central();
    try {
      expect((await listQueryViews(c, { subjectId })).map((x) => [x.id, x.status])).toEqual([[raised, 'open']]);
    } finally {
      await c.close();
    }
  });

  it('refuses a raise with bad input (input.invalid), on a form never entered (form.notFound) or an unknown field (query.unknownField)', async () => {
    for (const input of [{ subjectId, form: 'dm', text: 'no' }, { subjectId, form: 'dm', text: 'Please check', category: 'wrong' }, { subjectId: 'X', text: 'Please check' }, { subjectId, text: 'Please check', extra: true }]) {
      expect(await dispatch(central, 'queries:raise', input)).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    }
    expect(await dispatch(central, 'queries:raise', { subjectId: other, form: 'dm', field: 'weight_kg', text: 'Please check' })).toMatchObject({ ok: false, error: { code: 'form.notFound' } });
    expect(await dispatch(central, 'queries:raise', { subjectId, form: 'dm', field: 'no_such_field', text: 'Please check' })).toMatchObject({ ok: false, error: { code: 'query.unknownField' } });
  });

  it('closes the query with a comment, refuses a second close, and re-opens it with another', async () => {
    const closed = value<QueryOut>(await dispatch(central, 'queries:close', { queryId: raised, text: 'Not needed after all' }));
    expect(closed).toMatchObject({ id: raised, status: 'closed' });
    expect(closed.events.at(-1)).toMatchObject({ kind: 'close', text: 'Not needed after all', by: COORDINATOR_USER, origin: 'centre' });
    expect(await dispatch(central, 'queries:close', { queryId: raised, text: 'Again' })).toMatchObject({ ok: false, error: { code: 'query.badTransition' } });
    const reopened = value<QueryOut>(await dispatch(central, 'queries:reopen', { queryId: raised, text: 'Still 95 kg in the new bundle' }));
    expect(reopened).toMatchObject({ status: 'reopened' });
    expect(reopened.events.map((e) => e.kind)).toEqual(['raise', 'close', 'reopen']);
  });

  it("shows the subject's review marks and the locks that freeze it, and not another subject's", async () => {
    const empty = value<SubjectMarks>(await dispatch(central, 'central:subjectMarks', { subjectId }));
    expect(empty).toEqual({ reviews: [], locks: [] });
    const c = await net.central();
    try {
      await markReviewed(c, { subjectId, form: 'dm', instanceNo: 1 });
      await lockCentral(c, { scope: 'subject', target: other, reason: 'Withdrawn consent', coordinatorDir: net.coordinatorDir });
      await lockCentral(c, { scope: 'site', target: 'IT01', reason: 'Site closed for audit', coordinatorDir: net.coordinatorDir });
    } finally {
      await c.close();
    }
    const marks = value<SubjectMarks>(await dispatch(central, 'central:subjectMarks', { subjectId }));
    expect(marks.reviews).toEqual([expect.objectContaining({ subjectId, form: 'dm', instanceNo: 1, side: 'centre', markedBy: COORDINATOR_USER })]);
    expect(marks.locks.map((l) => [l.scope, l.target, l.reason])).toEqual([['site', 'IT01', 'Site closed for audit']]);
    expect(await dispatch(central, 'central:subjectMarks', { subjectId: 'IT01-9999' })).toMatchObject({ ok: false, error: { code: 'subject.notFound' } });
  });

  it('writes the return bundle of a merged site to the folder given, which the site imports with the query in it', async () => {
    const folder = join(tmp.dir, 'back');
    const result = value<ReturnExportResult>(await dispatch(central, 'return:export', { siteId: 'IT01', folder }));
    expect(result).toMatchObject({ siteId: 'IT01', sequence: 1 });
    expect(readdirSync(folder)).toEqual([result.file.slice(folder.length + 1)]);
    const s = await siteLogin('data_entry');
    try {
      expect(await importReturn(s, readReturnFile(result.file))).toMatchObject({ status: 'applied', sequence: 1 });
      expect((await listQueryViews(s, {})).map((q) => [q.id, q.status])).toEqual([[raised, 'reopened']]);
    } finally {
      await s.close();
    }
  });

  it('refuses a return export for an unknown site (return.unknownSite) or a bad site code (input.invalid), writing nothing', async () => {
    const folder = join(tmp.dir, 'nothing');
    expect(await dispatch(central, 'return:export', { siteId: 'IT09', folder })).toMatchObject({ ok: false, error: { code: 'return.unknownSite' } });
    expect(await dispatch(central, 'return:export', { siteId: 'it01', folder })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(existsSync(folder)).toBe(false);
  });

  it('refuses raising, closing and the subject marks on a site store (store.wrongKind)', async () => {
    const site = new AppContext({ dataDir: join(tmp.dir, 'sites', 'IT01'), modules: studyModules, clock: net.clock });
    try {
      expect(await dispatch(site, 'auth:login', { username: USERS.admin, password: PASSWORDS.admin })).toMatchObject({ ok: true });
      expect(await dispatch(site, 'queries:raise', { subjectId, form: 'dm', field: 'weight_kg', text: 'Please check' })).toMatchObject({ ok: false, error: { code: 'store.wrongKind' } });
      expect(await dispatch(site, 'queries:close', { queryId: raised, text: 'Closing here' })).toMatchObject({ ok: false, error: { code: 'store.wrongKind' } });
      expect(await dispatch(site, 'central:subjectMarks', { subjectId })).toMatchObject({ ok: false, error: { code: 'store.wrongKind' } });
    } finally {
      await site.dispose();
    }
  });
});
