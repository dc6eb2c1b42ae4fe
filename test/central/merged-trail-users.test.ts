// The users of each merged site's trail, kept by the merge beside the trail (for the ODM AdminData), and built
// once from the trails already merged when an older central store is opened.

import { join } from 'node:path';
import { sql } from 'kysely';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { signForm } from '../../src/core/forms/instance-actions';
import { saveForm } from '../../src/core/forms/save-form';
import { createSubject } from '../../src/core/subjects/create-subject';
import { setRole } from '../../src/core/users/manage-users';
import { kyselyOf } from '../../src/db/handle';
import { SCHEMA_VERSION } from '../../src/db/migrations';
import { auditUsers } from '../../src/db/repositories/audit-users.repository';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { DIALECTS } from '../helpers/postgres';
import { PASSWORDS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { withSession } from '../helpers/session';

type Site = Awaited<ReturnType<TestNetwork['addSite']>>;

const usersOf = (net: TestNetwork, siteId?: string): ReturnType<typeof auditUsers> =>
  withSession(net.central(), (c) => auditUsers(c.store.db, { table: 'site_audit', ...(siteId !== undefined ? { siteId } : {}) }));

/** The same facts as they read from a site store's own trail (its GROUP BY over the table). */
const siteTrailUsers = (site: Site): ReturnType<typeof auditUsers> => withSession(site.login('admin'), (s) => auditUsers(s.store.db, { table: 'audit' }));

const withoutSite = (users: Awaited<ReturnType<typeof auditUsers>>): unknown => ({
  actors: users.actors.map((a) => a.user),
  facts: users.facts.map(({ siteId: _siteId, ...fact }) => fact),
});

describe.each(DIALECTS)('users of the merged trails (on %s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  let sites: Record<'IT01' | 'IT02', Site>;

  const mergeFrom = async (siteId: 'IT01' | 'IT02'): Promise<void> => {
    const file = (await withSession(sites[siteId].login('data_entry'), (s) => exportBundle(s, join(tmp.dir, 'usb')))).file;
    await withSession(net.central(), (c) => mergeBundle(c, file, { registerSites: new Map([[siteId, sites[siteId].fingerprint]]) }));
  };

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    sites = { IT01: await net.addSite('IT01'), IT02: await net.addSite('IT02') };
    const subjectId = await withSession(sites.IT01.login('data_entry'), async (s) => {
      const subject = await createSubject(s, {});
      await saveForm(s, SaveFormInput.parse({ subjectId: subject.id, form: 'dm', data: { site_code: 'IT01', sex: '1', birth_year: 1961, height_cm: 172, weight_kg: 70, dx_date: '2019-02', comorb_any: '0' }, complete: true }));
      return subject.id;
    });
    await withSession(sites.IT01.login('investigator'), (s) => signForm(s, { subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator }));
    await mergeFrom('IT01');
    await mergeFrom('IT02');
    // IT01 again, after a role change: its second snapshot replaces the first.
    await withSession(sites.IT01.login('admin'), (s) => setRole(s, { username: 'mario', role: 'data_entry' }));
    await mergeFrom('IT01');
  });
  afterAll(() => tmp.cleanup());

  it("gives each site the users, roles and signers its own trail names, once each, after the site's snapshot was replaced", async () => {
    for (const siteId of ['IT01', 'IT02'] as const) {
      const central = await usersOf(net, siteId);
      expect(central.actors.every((a) => a.siteId === siteId)).toBe(true);
      expect(withoutSite(central)).toEqual(withoutSite(await siteTrailUsers(sites[siteId])));
    }
  });

  it('names the role change and the name the investigator signed with', async () => {
    const { facts } = await usersOf(net, 'IT01');
    expect(facts.filter((f) => f.action === 'user.role')).toEqual([{ siteId: 'IT01', user: 'anna', action: 'user.role', newValue: 'data_entry', details: { username: 'mario' } }]);
    expect(facts.filter((f) => f.action === 'form.sign')).toEqual([{ siteId: 'IT01', user: 'ivo', action: 'form.sign', newValue: null, details: expect.objectContaining({ displayName: 'investigator' }) }]);
  });

  it('lists every site when no site is named', async () => {
    const all = await usersOf(net);
    const each = [...(await usersOf(net, 'IT01')).actors, ...(await usersOf(net, 'IT02')).actors];
    expect(all.actors).toEqual(each);
  });

  it('builds the same users from the trails already merged when a store from before this version is opened', async () => {
    const before = await usersOf(net);
    await withSession(net.central(), async (c) => {
      const k = kyselyOf(c.store.db);
      await sql`DROP TABLE site_audit_users`.execute(k);
      await sql`DROP TABLE site_user_changes`.execute(k);
      if (dialect === 'sqlite') await sql.raw(`PRAGMA user_version = ${SCHEMA_VERSION - 1}`).execute(k);
      else await sql`UPDATE edc_schema SET version = ${SCHEMA_VERSION - 1}`.execute(k);
    });
    expect(await usersOf(net)).toEqual(before);
  });
});
