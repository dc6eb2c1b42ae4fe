// Failed logins: counted across processes in the keyring, locking after 5 with growing delays, recorded in the
// audit trail; a name that is no user is answered, counted and locked the same way.

import { readFileSync } from 'node:fs';
import { openSession } from '../../src/core/auth/open-session';
import { keyringPathFor } from '../../src/core/keys/keyring';
import { AppError } from '../../src/shared/errors/app-error';
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
    for (let i = 0; i < 5; i += 1) await expect(attempt('nope')).rejects.toMatchObject({ code: i < 4 ? 'auth.wrongPassword' : 'auth.locked' });
    site.setNow('2026-11-25T10:00:31.000Z');
    await expect(attempt('nope')).rejects.toMatchObject({ code: 'auth.locked', details: { seconds: 60 } });
    site.setNow('2026-11-25T10:01:32.000Z');
    const session = await openSession({ dbFile: site.dbFile, username: USERS.data_entry, password: PASSWORDS.data_entry, clock: site.clock });
    await session.close();
    await expect(attempt('nope')).rejects.toMatchObject({ code: 'auth.wrongPassword', details: { remaining: 4 } });
  });

  it('lets an admin unlock, and writes failures and lockouts to the audit trail at the next open', async () => {
    for (let i = 0; i < 5; i += 1) await expect(attempt('nope')).rejects.toMatchObject({ code: i < 4 ? 'auth.wrongPassword' : 'auth.locked' });
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

  /** The refusal of one login attempt: its code, details and message in both languages. */
  async function refusalOf(username: string, password: string): Promise<{ code: string; details: unknown; it: string; en: string }> {
    const error: unknown = await openSession({ dbFile: site.dbFile, username, password, clock: site.clock }).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof AppError)) throw new Error(`expected a refusal for ${username}, got ${String(error)}`);
    return { code: error.code, details: error.details, it: error.messageIn('it'), en: error.messageIn('en') };
  }

  it('gives the same code and message for an unknown user as for a wrong password', async () => {
    const wrong = await refusalOf(USERS.data_entry, 'nope');
    const unknown = await refusalOf('ghost', 'nope');
    expect(wrong).toMatchObject({ code: 'auth.wrongPassword', details: { remaining: 4 } });
    expect(unknown).toEqual(wrong);
  });

  it('counts and locks an unknown user name as it does a real one, answer for answer', async () => {
    const real: unknown[] = [];
    const ghost: unknown[] = [];
    for (let i = 0; i < 6; i += 1) {
      real.push(await refusalOf(USERS.data_entry, 'nope'));
      ghost.push(await refusalOf('ghost', 'nope'));
    }
    expect(ghost).toEqual(real);
    expect(real.slice(4)).toEqual([expect.objectContaining({ code: 'auth.locked', details: { seconds: 30 } }), expect.objectContaining({ code: 'auth.locked', details: { seconds: 30 } })]);
  });

  it('keeps no unknown user name readable in the keyring', async () => {
    await refusalOf('ghost-typed-password-7', 'nope');
    expect(readFileSync(keyringPathFor(site.dbFile), 'utf8')).not.toContain('ghost-typed-password-7');
  });

  it('takes about as long to refuse an unknown user as to refuse a wrong password', async () => {
    // Interleaved, four of each (a fifth would lock), medians compared: the key derivation dominates both.
    const elapsed = async (username: string): Promise<number> => {
      const start = performance.now();
      await refusalOf(username, 'nope');
      return performance.now() - start;
    };
    const real: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      real.push(await elapsed(USERS.data_entry));
      unknown.push(await elapsed(`ghost-${i}`));
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    expect(median(unknown)).toBeGreaterThan(median(real) * 0.5);
    expect(median(unknown)).toBeLessThan(median(real) * 2);
  });
});
