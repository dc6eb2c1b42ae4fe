// Failed logins: counted across processes in the keyring, locking after 5 with growing delays, recorded in the audit trail.

import { openSession } from '../../src/core/auth/open-session';
import { fieldHistory } from '../../src/core/audit/audit-queries';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { listUsers, unlockUser } from '../../src/core/users/manage-users';
import { createTestSite, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('login lockout', () => {
  let tmp: ReturnType<typeof tempDir>;
  let site: TestSite;
  beforeEach(async () => {
    tmp = tempDir();
    site = await createTestSite(tmp.dir);
  });
  afterEach(() => tmp.cleanup());

  const attempt = (password: string): Promise<unknown> => openSession({ dbFile: site.dbFile, username: USERS.data_entry, password, clock: site.clock });

  it('locks the account after 5 consecutive failures, even for the right password, with the remaining delay', async () => {
    for (let i = 1; i <= 4; i += 1) await expect(attempt('nope')).rejects.toMatchObject({ code: 'auth.wrongPassword', details: { remaining: 5 - i } });
    await expect(attempt('nope')).rejects.toMatchObject({ code: 'auth.locked', details: { seconds: 30 } });
    site.setNow('2026-11-25T10:00:10.000Z');
    await expect(attempt(PASSWORDS.data_entry)).rejects.toMatchObject({ code: 'auth.locked', details: { seconds: 20 } });
  });

  it('doubles the delay after each further failure and a success resets the counter', async () => {
    for (let i = 0; i < 5; i += 1) await attempt('nope').catch(() => undefined);
    site.setNow('2026-11-25T10:00:31.000Z');
    await expect(attempt('nope')).rejects.toMatchObject({ code: 'auth.locked', details: { seconds: 60 } });
    site.setNow('2026-11-25T10:01:32.000Z');
    const session = await openSession({ dbFile: site.dbFile, username: USERS.data_entry, password: PASSWORDS.data_entry, clock: site.clock });
    await session.close();
    await expect(attempt('nope')).rejects.toMatchObject({ code: 'auth.wrongPassword', details: { remaining: 4 } });
  });

  it('lets an admin unlock, and writes failures and lockouts to the audit trail at the next open', async () => {
    for (let i = 0; i < 5; i += 1) await attempt('nope').catch(() => undefined);
    const admin = await site.login('admin');
    try {
      expect((await listUsers(admin)).find((u) => u.username === USERS.data_entry)).toMatchObject({ locked: true, failures: 5 });
      await unlockUser(admin, { username: USERS.data_entry });
      const actions = (await auditPage(admin.store.db, 0, 1000)).map((r) => r.action);
      expect(actions.filter((a) => a === 'auth.failure')).toHaveLength(5);
      expect(actions).toContain('auth.locked');
      expect(actions).toContain('user.unlock');
      expect(await fieldHistory(admin, { subjectId: 'IT01-0001' })).toEqual([]);
    } finally {
      await admin.close();
    }
    const session = await openSession({ dbFile: site.dbFile, username: USERS.data_entry, password: PASSWORDS.data_entry, clock: site.clock });
    await session.close();
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    await expect(openSession({ dbFile: site.dbFile, username: 'ghost', password: 'x', clock: site.clock })).rejects.toMatchObject({ code: 'auth.unknownUser' });
  });
});
