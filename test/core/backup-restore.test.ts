// Backup and restore: an online copy encrypted like the store, verified, restorable without losing anything.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../src/core/auth/open-session';
import { backupStore } from '../../src/core/backup/backup-store';
import { restoreStore } from '../../src/core/backup/restore-store';
import { saveForm } from '../../src/core/forms/save-form';
import { getCasebook } from '../../src/core/subjects/casebook';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createTestSite, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('backup and restore', () => {
  const tmp = tempDir();
  let site: TestSite;
  let subjectId: string;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    const admin = await site.login('admin');
    try {
      subjectId = (await createSubject(admin, { identity: { sil_surname: 'Backupinski' } })).id;
      await saveForm(admin, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '1', height_cm: 181.5 } }));
    } finally {
      await admin.close();
    }
  });
  afterAll(() => tmp.cleanup());

  it('writes an encrypted, verified copy with its keyring while the store is open', async () => {
    const admin = await site.login('admin');
    const other = await site.login('data_entry');
    try {
      const out = join(tmp.dir, 'usb', 'backup-1.db');
      mkdirSync(join(tmp.dir, 'usb'));
      const result = await backupStore(admin, out);
      expect(result.auditEntries).toBeGreaterThan(5);
      expect(existsSync(result.keyringFile)).toBe(true);
      expect(readFileSync(out).includes(Buffer.from('Backupinski'))).toBe(false);
      await expect(backupStore(admin, out)).rejects.toMatchObject({ code: 'store.exists' });
    } finally {
      await admin.close();
      await other.close();
    }
  });

  it('restores to a new place and keeps an existing store aside only when asked', async () => {
    const backup = join(tmp.dir, 'usb', 'backup-1.db');
    const target = join(tmp.dir, 'restored.db');
    const first = await restoreStore({ backupFile: backup, dbFile: target, username: USERS.admin, password: PASSWORDS.admin, replace: false });
    expect(first.keptAside).toBeNull();
    const session = await openSession({ dbFile: target, username: USERS.data_entry, password: PASSWORDS.data_entry });
    try {
      const book = await getCasebook(session, { subjectId });
      expect(book.instances).toHaveLength(1);
    } finally {
      await session.close();
    }
    await expect(restoreStore({ backupFile: backup, dbFile: target, username: USERS.admin, password: PASSWORDS.admin, replace: false })).rejects.toMatchObject({ code: 'store.exists' });
    const second = await restoreStore({ backupFile: backup, dbFile: target, username: USERS.admin, password: PASSWORDS.admin, replace: true });
    expect(second.keptAside).toMatch(/restored\.db\.replaced-/);
    expect(existsSync(second.keptAside!)).toBe(true);
  });

  it('refuses a restore by a non-admin of the backup', async () => {
    await expect(
      restoreStore({ backupFile: join(tmp.dir, 'usb', 'backup-1.db'), dbFile: join(tmp.dir, 'other.db'), username: USERS.data_entry, password: PASSWORDS.data_entry, replace: false }),
    ).rejects.toMatchObject({ code: 'role.forbidden' });
    expect(existsSync(join(tmp.dir, 'other.db'))).toBe(false);
  });
});
