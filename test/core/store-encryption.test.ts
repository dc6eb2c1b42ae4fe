// The encrypted site store: nothing readable on disk, a plain SQLite open fails, keys and recovery work.

import { existsSync, readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openSession } from '../../src/core/auth/open-session';
import { recoverAccess } from '../../src/core/auth/recover';
import { saveForm } from '../../src/core/forms/save-form';
import { createSubject } from '../../src/core/subjects/create-subject';
import { openStore } from '../../src/db/open-store';
import { withRawConnection } from '../helpers/raw-connection';
import { AppError } from '../../src/shared/errors/app-error';
import { createTestSite, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('encrypted site store', () => {
  const tmp = tempDir();
  let site: TestSite;
  const identity = { sil_surname: 'Zanzibarini', sil_first_name: 'Quintilio', sil_codice_fiscale: 'RSSMRA85T10A562S' };
  let subjectId = '';

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    const session = await site.login('data_entry');
    try {
      subjectId = (await createSubject(session, { identity })).id;
      await saveForm(session, {
        subjectId,
        form: 'dm',
        data: { sex: '2', birth_year: 1967, height_cm: 163.5, weight_kg: 58.2, dx_date: '2019-04', comorb_any: '1', comorbidities: ['99'], comorb_other: 'Xenodiabetica rara' },
        complete: false,
      });
    } finally {
      await session.close();
    }
  });
  afterAll(() => tmp.cleanup());

  it('keeps no entered value or identifier readable in the database file or its WAL', () => {
    const needles = ['Zanzibarini', 'Quintilio', 'RSSMRA85T10A562S', 'Xenodiabetica', 'comorb_other', 'sil_surname', subjectId];
    for (const file of [site.dbFile, `${site.dbFile}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const needle of needles) expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    }
    expect(readFileSync(site.dbFile).subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
  });

  it('cannot be opened as a plain SQLite database', () => {
    const plain = new BetterSqlite3(site.dbFile, { readonly: true, fileMustExist: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    plain.close();
  });

  it('refuses a wrong password with its code and opens nothing', async () => {
    await expect(openSession({ dbFile: site.dbFile, username: USERS.admin, password: 'wrong-password', clock: site.clock })).rejects.toMatchObject({
      code: 'auth.wrongPassword',
      details: { remaining: 4 },
    });
  });

  it('refuses a wrong raw key on first read with store.notADatabase', async () => {
    await expect(openStore(site.dbFile, Buffer.alloc(32, 7), { create: false })).rejects.toMatchObject({ code: 'store.notADatabase' });
  });

  it('opens the store with the recovery code and sets a new password', async () => {
    await recoverAccess({ dbFile: site.dbFile, code: site.recoveryCode.toLowerCase(), username: USERS.admin, newPassword: 'brand-new-password', clock: site.clock });
    const session = await openSession({ dbFile: site.dbFile, username: USERS.admin, password: 'brand-new-password', clock: site.clock });
    expect(session.user.role).toBe('admin');
    await session.close();
    await expect(openSession({ dbFile: site.dbFile, username: USERS.admin, password: PASSWORDS.admin, clock: site.clock })).rejects.toBeInstanceOf(AppError);
  });

  it('refuses a wrong recovery code', async () => {
    await expect(recoverAccess({ dbFile: site.dbFile, code: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF', username: USERS.admin, newPassword: 'another-password-x', clock: site.clock })).rejects.toMatchObject({
      code: 'auth.wrongRecoveryCode',
    });
  });

  it('refuses a store written by a newer schema version', async () => {
    const session = await site.login('investigator');
    withRawConnection(session, (sqlite) => sqlite.pragma('user_version = 99'));
    const key = Buffer.from(session.dbKey);
    await session.close();
    await expect(openStore(site.dbFile, key, { create: false })).rejects.toMatchObject({ code: 'store.newerSchema', details: { found: 99 } });
  });
});
