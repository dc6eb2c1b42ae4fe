// The encrypted site store: nothing readable on disk, a plain SQLite open fails, keys and recovery work.

import { readFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openSession } from '../../src/core/auth/open-session';
import { recoverAccess } from '../../src/core/auth/recover';
import { saveForm } from '../../src/core/forms/save-form';
import { createSubject } from '../../src/core/subjects/create-subject';
import { openStore } from '../../src/db/open-store';
import { withRawConnection } from '../helpers/raw-connection';
import { createTestSite, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('encrypted site store', () => {
  // A fresh store per test: some tests change it for good (recovery sets a new password, a newer schema).
  let tmp: ReturnType<typeof tempDir>;
  let site: TestSite;
  const identity = { sil_surname: 'Zanzibarini', sil_first_name: 'Quintilio', sil_codice_fiscale: 'RSSMRA85T10A562S' };
  let subjectId = '';
  let needles: string[] = [];

  beforeEach(async () => {
    tmp = tempDir();
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
    needles = ['Zanzibarini', 'Quintilio', 'RSSMRA85T10A562S', 'Xenodiabetica', 'comorb_other', 'sil_surname', subjectId];
  });
  afterEach(() => tmp.cleanup());

  it('keeps no entered value or identifier readable in the database file', () => {
    const bytes = readFileSync(site.dbFile);
    for (const needle of needles) expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toContain('SQLite format 3');
  });

  it('keeps no entered value or identifier readable in the WAL while the store is open', async () => {
    // The WAL exists only while a connection is open (the last close checkpoints and deletes it): write and
    // read it with the session still open, so the new values are in the WAL and nowhere else yet.
    const session = await site.login('data_entry');
    try {
      const second = await createSubject(session, { identity: { sil_surname: 'Walpurgini', sil_first_name: 'Ottoberto' } });
      await saveForm(session, { subjectId: second.id, form: 'dm', data: { sex: '1', comorb_any: '1', comorbidities: ['99'], comorb_other: 'Walcondrite ignota' }, complete: false });
      const wal = readFileSync(`${site.dbFile}-wal`);
      // A WAL header (32 bytes) and at least one frame (24-byte header + a 4096-byte page).
      expect(wal.length).toBeGreaterThanOrEqual(32 + 24 + 4096);
      for (const needle of [...needles, 'Walpurgini', 'Ottoberto', 'Walcondrite', second.id]) expect(wal.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    } finally {
      await session.close();
    }
  });

  it('cannot be opened as a plain SQLite database', () => {
    const plain = new BetterSqlite3(site.dbFile, { readonly: true, fileMustExist: true });
    try {
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    } finally {
      plain.close();
    }
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
    await expect(openSession({ dbFile: site.dbFile, username: USERS.admin, password: PASSWORDS.admin, clock: site.clock })).rejects.toMatchObject({ code: 'auth.wrongPassword' });
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
