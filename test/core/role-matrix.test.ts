// Role rules are enforced in core: every role against every write use-case.

import { join } from 'node:path';
import { backupStore } from '../../src/core/backup/backup-store';
import { lockForm, removeInstance, signForm, unlockForm } from '../../src/core/forms/instance-actions';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { setSiteParam } from '../../src/core/store/site-settings';
import { createSubject } from '../../src/core/subjects/create-subject';
import { getIdentity, setIdentity } from '../../src/core/subjects/identity';
import { addUser, deactivateUser, resetPassword, setRole, unlockUser } from '../../src/core/users/manage-users';
import { SaveFormInput } from '../../src/shared/contract/forms';
import type { Role } from '../../src/shared/study/definition.schema';
import { createTestSite, PASSWORDS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ROLES: Role[] = ['admin', 'investigator', 'data_entry', 'monitor'];
const DM = { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60, dx_date: '2019-03', comorb_any: '0' };

type UseCase = (s: Session, ctx: { subjectId: string; n: number }) => Promise<unknown>;

const USE_CASES: Record<string, { allowed: Role[]; run: UseCase }> = {
  'enrol a subject': { allowed: ['admin', 'investigator', 'data_entry'], run: (s) => createSubject(s, {}) },
  'write the identification log': { allowed: ['admin', 'investigator', 'data_entry'], run: (s, c) => setIdentity(s, { subjectId: c.subjectId, identity: { sil_surname: 'Rossi' } }) },
  'read the identification log': { allowed: ['admin', 'investigator', 'data_entry'], run: (s, c) => getIdentity(s, { subjectId: c.subjectId }) },
  'save clinical data': { allowed: ['admin', 'investigator', 'data_entry'], run: (s, c) => saveForm(s, SaveFormInput.parse({ subjectId: c.subjectId, form: 'ae', data: { ae_term: '10002272', ae_grade: '2', ae_onset: '2020-02' } })) },
  'remove a form instance': { allowed: ['admin', 'investigator', 'data_entry'], run: (s, c) => removeInstance(s, { subjectId: c.subjectId, form: 'ae', instanceNo: 1, reason: 'duplicate entry' }) },
  'sign a form': { allowed: ['investigator'], run: (s, c) => signForm(s, { subjectId: c.subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS[s.user.role] }) },
  'lock a form': { allowed: ['admin'], run: (s, c) => lockForm(s, { subjectId: c.subjectId, form: 'dm', instanceNo: 1 }) },
  'unlock a form': { allowed: ['admin'], run: (s, c) => unlockForm(s, { subjectId: c.subjectId, form: 'dm', instanceNo: 1, reason: 'needs correction' }) },
  'add a user': { allowed: ['admin'], run: (s, c) => addUser(s, { username: `new${c.n}`, displayName: 'New', role: 'data_entry', password: 'long-enough-pw' }) },
  'reset a password': { allowed: ['admin'], run: (s) => resetPassword(s, { username: 'dora', newPassword: PASSWORDS.data_entry }) },
  'unlock a user': { allowed: ['admin'], run: (s) => unlockUser(s, { username: 'dora' }) },
  'change a role': { allowed: ['admin'], run: (s) => setRole(s, { username: 'mario', role: 'monitor' }) },
  'deactivate a user': { allowed: ['admin'], run: (s, c) => deactivateUser(s, { username: `tmp${c.n}` }) },
  'set a site parameter': { allowed: ['admin'], run: (s) => setSiteParam(s, 'site_ec_approval_date', '2018-05-01') },
  'back up the store': { allowed: ['admin'], run: (s, c) => backupStore(s, join(s.info.dbFile, '..', `backup-${c.n}.db`)) },
};

describe('role matrix', () => {
  const tmp = tempDir();
  let site: TestSite;
  let n = 0;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
  });
  afterAll(() => tmp.cleanup());

  /** A subject whose dm form is in the state the use-case needs (signed for lock, locked for unlock …). */
  async function prepare(useCase: string): Promise<{ subjectId: string; n: number }> {
    n += 1;
    const admin = await site.login('admin');
    const inv = await site.login('investigator');
    try {
      const subjectId = (await createSubject(admin, {})).id;
      await saveForm(admin, SaveFormInput.parse({ subjectId, form: 'dm', data: DM, complete: true }));
      await saveForm(admin, SaveFormInput.parse({ subjectId, form: 'ae', data: { ae_term: '10002272', ae_grade: '2', ae_onset: '2020-02' } }));
      if (useCase === 'lock a form' || useCase === 'unlock a form') await signForm(inv, { subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator });
      if (useCase === 'unlock a form') await lockForm(admin, { subjectId, form: 'dm', instanceNo: 1 });
      if (useCase === 'deactivate a user') await addUser(admin, { username: `tmp${n}`, displayName: 'Temp', role: 'data_entry', password: 'long-enough-pw' });
      return { subjectId, n };
    } finally {
      await admin.close();
      await inv.close();
    }
  }

  for (const [name, useCase] of Object.entries(USE_CASES)) {
    for (const role of ROLES) {
      const allowed = useCase.allowed.includes(role);
      it(`${allowed ? 'lets' : 'refuses'} ${role} ${name}`, async () => {
        const ctx = await prepare(name);
        const session = await site.login(role);
        try {
          if (allowed) await useCase.run(session, ctx);
          else await expect(useCase.run(session, ctx)).rejects.toMatchObject({ code: 'role.forbidden' });
        } finally {
          await session.close();
        }
      });
    }
  }

  it('lets a monitor record source data verification, and nothing else in a form', async () => {
    const ctx = await prepare('sdv');
    const monitor = await site.login('monitor');
    try {
      const result = await saveForm(monitor, SaveFormInput.parse({ subjectId: ctx.subjectId, form: 'dm', data: { sdv_done: '1' }, reason: 'SDV visit', complete: true }));
      expect(result.instance.data.sdv_done).toBe('1');
      await expect(saveForm(monitor, SaveFormInput.parse({ subjectId: ctx.subjectId, form: 'dm', data: { height_cm: 170 }, reason: 'x y z' }))).rejects.toMatchObject({ code: 'role.forbidden' });
    } finally {
      await monitor.close();
    }
    const entry = await site.login('data_entry');
    try {
      await expect(saveForm(entry, SaveFormInput.parse({ subjectId: ctx.subjectId, form: 'dm', data: { sdv_done: '0' }, reason: 'x y z' }))).rejects.toMatchObject({ code: 'role.forbidden' });
    } finally {
      await entry.close();
    }
  });
});
