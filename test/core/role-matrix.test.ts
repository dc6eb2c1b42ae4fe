// Role rules are enforced in core: every role against every write use-case; what a role may do is done
// (the row, the state and the audit entry read back), what it may not is refused and leaves no trace.

import { join } from 'node:path';
import { openSession } from '../../src/core/auth/open-session';
import { backupStore, type BackupResult } from '../../src/core/backup/backup-store';
import { getFormInstance, lockForm, removeInstance, signForm, unlockForm } from '../../src/core/forms/instance-actions';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { getSiteParams, setSiteParam } from '../../src/core/store/site-settings';
import { getCasebook } from '../../src/core/subjects/casebook';
import { createSubject } from '../../src/core/subjects/create-subject';
import { getIdentity, setIdentity } from '../../src/core/subjects/identity';
import { addUser, deactivateUser, listUsers, resetPassword, setRole, unlockUser } from '../../src/core/users/manage-users';
import { auditPage, countAudit } from '../../src/db/repositories/audit.repository';
import type { AuditRow } from '../../src/db/schema/tables';
import { SaveFormInput } from '../../src/shared/contract/forms';
import type { InstanceOverview, SubjectSummary } from '../../src/shared/contract/subjects';
import type { UserSummary } from '../../src/shared/contract/users';
import type { Role } from '../../src/shared/study/definition.schema';
import { createTestSite, PASSWORDS, USERS, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const ROLES: Role[] = ['admin', 'investigator', 'data_entry', 'monitor'];
const DM = { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60, dx_date: '2019-03', comorb_any: '0' };
const AE = { ae_term: '10002272', ae_grade: '2', ae_onset: '2020-02' };
const TMP_PASSWORD = 'long-enough-pw';

/** What a use-case gets: a fresh subject (dm complete, one ae) and, for user administration, a fresh user. */
interface Context {
  readonly subjectId: string;
  readonly n: number;
  readonly user: string;
}
type UseCase = (s: Session, ctx: Context) => Promise<unknown>;
/** Asserts what an allowed use-case did, read back through core. */
type Effect = (s: Session, ctx: Context, result: unknown) => Promise<void>;

interface UseCaseSpec {
  readonly allowed: Role[];
  readonly run: UseCase;
  readonly effect: Effect;
  /** The audit entry it writes (reads write none). */
  readonly audited?: (ctx: Context) => Partial<AuditRow>;
}

const instanceOf = async (s: Session, subjectId: string, form: string, instanceNo: number): Promise<InstanceOverview | undefined> =>
  (await getCasebook(s, { subjectId })).instances.find((i) => i.form === form && i.instanceNo === instanceNo);
const userOf = async (s: Session, username: string): Promise<UserSummary | undefined> => (await listUsers(s)).find((u) => u.username === username);
const canLogin = (username: string, password: string): Promise<boolean> =>
  openSession({ dbFile: site.dbFile, username, password, clock: site.clock }).then(
    async (session) => {
      await session.close();
      return true;
    },
    () => false,
  );

let site: TestSite;

const USE_CASES: Record<string, UseCaseSpec> = {
  'enrol a subject': {
    allowed: ['admin', 'investigator', 'data_entry'],
    run: (s) => createSubject(s, {}),
    effect: async (s, _c, result) => {
      const id = (result as SubjectSummary).id;
      expect((await getCasebook(s, { subjectId: id })).subject).toMatchObject({ id, siteId: 'IT01', instances: 0 });
    },
    audited: () => ({ action: 'subject.create' }),
  },
  'write the identification log': {
    allowed: ['admin', 'investigator', 'data_entry'],
    run: (s, c) => setIdentity(s, { subjectId: c.subjectId, identity: { sil_surname: 'Rossi' } }),
    effect: async (s, c) => expect(await getIdentity(s, { subjectId: c.subjectId })).toMatchObject({ sil_surname: 'Rossi' }),
    audited: (c) => ({ action: 'identity.update', subject_id: c.subjectId }),
  },
  'read the identification log': {
    allowed: ['admin', 'investigator', 'data_entry'],
    run: (s, c) => getIdentity(s, { subjectId: c.subjectId }),
    effect: async (_s, _c, result) => expect(result).toMatchObject({ sil_surname: 'Bianchi' }),
  },
  'save clinical data': {
    allowed: ['admin', 'investigator', 'data_entry'],
    run: (s, c) => saveForm(s, SaveFormInput.parse({ subjectId: c.subjectId, form: 'ae', data: AE })),
    effect: async (s, c) => {
      expect(await instanceOf(s, c.subjectId, 'ae', 2)).toMatchObject({ status: 'draft', updatedBy: s.user.username });
      expect((await getFormInstance(s, { subjectId: c.subjectId, form: 'ae', instanceNo: 2 })).data).toMatchObject(AE);
    },
    audited: (c) => ({ action: 'field.change', subject_id: c.subjectId, form_key: 'ae', instance_no: 2, field: 'ae_term' }),
  },
  'remove a form instance': {
    allowed: ['admin', 'investigator', 'data_entry'],
    run: (s, c) => removeInstance(s, { subjectId: c.subjectId, form: 'ae', instanceNo: 1, reason: 'duplicate entry' }),
    effect: async (s, c) => expect(await instanceOf(s, c.subjectId, 'ae', 1)).toBeUndefined(),
    audited: (c) => ({ action: 'form.remove', subject_id: c.subjectId, form_key: 'ae', instance_no: 1, reason: 'duplicate entry' }),
  },
  'sign a form': {
    allowed: ['investigator'],
    run: (s, c) => signForm(s, { subjectId: c.subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS[s.user.role] }),
    effect: async (s, c) => expect(await instanceOf(s, c.subjectId, 'dm', 1)).toMatchObject({ status: 'signed', signedBy: s.user.username }),
    audited: (c) => ({ action: 'form.sign', subject_id: c.subjectId, form_key: 'dm', instance_no: 1 }),
  },
  'lock a form': {
    allowed: ['admin'],
    run: (s, c) => lockForm(s, { subjectId: c.subjectId, form: 'dm', instanceNo: 1 }),
    effect: async (s, c) => expect(await instanceOf(s, c.subjectId, 'dm', 1)).toMatchObject({ status: 'locked', lockedBy: s.user.username }),
    audited: (c) => ({ action: 'form.lock', subject_id: c.subjectId, form_key: 'dm', old_value: 'signed', new_value: 'locked' }),
  },
  'unlock a form': {
    allowed: ['admin'],
    run: (s, c) => unlockForm(s, { subjectId: c.subjectId, form: 'dm', instanceNo: 1, reason: 'needs correction' }),
    effect: async (s, c) => expect(await instanceOf(s, c.subjectId, 'dm', 1)).toMatchObject({ status: 'signed', lockedBy: null }),
    audited: (c) => ({ action: 'form.unlock', subject_id: c.subjectId, form_key: 'dm', reason: 'needs correction' }),
  },
  'add a user': {
    allowed: ['admin'],
    run: (s, c) => addUser(s, { username: `new${c.n}`, displayName: 'New', role: 'data_entry', password: TMP_PASSWORD }),
    effect: async (s, c) => {
      expect(await userOf(s, `new${c.n}`)).toMatchObject({ role: 'data_entry', active: true });
      expect(await canLogin(`new${c.n}`, TMP_PASSWORD)).toBe(true);
    },
    audited: (c) => ({ action: 'user.add', details: `{"role":"data_entry","username":"new${c.n}"}` }),
  },
  'reset a password': {
    allowed: ['admin'],
    run: (s, c) => resetPassword(s, { username: c.user, newPassword: 'reset-password-9' }),
    effect: async (_s, c) => {
      expect(await canLogin(c.user, 'reset-password-9')).toBe(true);
      expect(await canLogin(c.user, TMP_PASSWORD)).toBe(false);
    },
    audited: (c) => ({ action: 'user.passwordReset', details: `{"username":"${c.user}"}` }),
  },
  'unlock a user': {
    allowed: ['admin'],
    run: (s, c) => unlockUser(s, { username: c.user }),
    effect: async (s, c) => {
      expect(await userOf(s, c.user)).toMatchObject({ locked: false, failures: 0 });
      expect(await canLogin(c.user, TMP_PASSWORD)).toBe(true);
    },
    audited: (c) => ({ action: 'user.unlock', details: `{"username":"${c.user}"}` }),
  },
  'change a role': {
    allowed: ['admin'],
    run: (s, c) => setRole(s, { username: c.user, role: 'monitor' }),
    effect: async (s, c) => expect(await userOf(s, c.user)).toMatchObject({ role: 'monitor' }),
    audited: (c) => ({ action: 'user.role', old_value: 'data_entry', new_value: 'monitor', details: `{"username":"${c.user}"}` }),
  },
  'deactivate a user': {
    allowed: ['admin'],
    run: (s, c) => deactivateUser(s, { username: c.user }),
    effect: async (s, c) => {
      expect(await userOf(s, c.user)).toMatchObject({ active: false });
      expect(await canLogin(c.user, TMP_PASSWORD)).toBe(false);
    },
    audited: (c) => ({ action: 'user.deactivate', details: `{"username":"${c.user}"}` }),
  },
  'set a site parameter': {
    allowed: ['admin'],
    run: (s, c) => setSiteParam(s, 'site_ec_approval_date', `2018-05-${String((c.n % 28) + 1).padStart(2, '0')}`),
    effect: async (s, c) => expect((await getSiteParams(s)).site_ec_approval_date).toBe(`2018-05-${String((c.n % 28) + 1).padStart(2, '0')}`),
    audited: (c) => ({ action: 'site.param', field: 'site_ec_approval_date', new_value: `2018-05-${String((c.n % 28) + 1).padStart(2, '0')}` }),
  },
  'back up the store': {
    allowed: ['admin'],
    run: (s, c) => backupStore(s, join(s.info.dbFile, '..', `backup-${c.n}.db`)),
    effect: async (_s, c, result) => {
      // The copy opens with the same password and holds the subject prepared just before.
      const copy = await openSession({ dbFile: (result as BackupResult).file, username: USERS.admin, password: PASSWORDS.admin, clock: site.clock });
      try {
        expect((await getCasebook(copy, { subjectId: c.subjectId })).instances.map((i) => `${i.form}#${i.instanceNo}`).sort()).toEqual(['ae#1', 'dm#1']);
      } finally {
        await copy.close();
      }
    },
    audited: () => ({ action: 'store.backup' }),
  },
};

/** The audit entries after the first `id` (ids run 1, 2, 3 … in a sound trail). */
const auditAfter = (s: Session, id: number): Promise<AuditRow[]> => auditPage(s.store.db, id, 10_000);

describe('role matrix', () => {
  const tmp = tempDir();
  let n = 0;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
  });
  afterAll(() => tmp.cleanup());

  /** A subject whose dm form is in the state the use-case needs (signed for lock, locked for unlock …). */
  async function prepare(useCase: string): Promise<Context> {
    n += 1;
    const user = `tmp${n}`;
    const admin = await site.login('admin');
    const inv = await site.login('investigator');
    try {
      const subjectId = (await createSubject(admin, {})).id;
      await saveForm(admin, SaveFormInput.parse({ subjectId, form: 'dm', data: DM, complete: true }));
      await saveForm(admin, SaveFormInput.parse({ subjectId, form: 'ae', data: AE }));
      if (useCase === 'lock a form' || useCase === 'unlock a form') await signForm(inv, { subjectId, form: 'dm', instanceNo: 1, password: PASSWORDS.investigator });
      if (useCase === 'unlock a form') await lockForm(admin, { subjectId, form: 'dm', instanceNo: 1 });
      if (useCase === 'read the identification log') await setIdentity(admin, { subjectId, identity: { sil_surname: 'Bianchi' } });
      await addUser(admin, { username: user, displayName: 'Temp', role: 'data_entry', password: TMP_PASSWORD });
      if (useCase === 'unlock a user') {
        for (let i = 0; i < 5; i += 1) expect(await canLogin(user, 'wrong-password')).toBe(false);
        expect(await userOf(admin, user)).toMatchObject({ locked: true });
      }
      return { subjectId, n, user };
    } finally {
      await admin.close();
      await inv.close();
    }
  }

  for (const [name, useCase] of Object.entries(USE_CASES)) {
    for (const role of ROLES) {
      const allowed = useCase.allowed.includes(role);
      it(`${allowed ? 'lets' : 'refuses'} ${role} ${name}${allowed ? '' : ', recording nothing'}`, async () => {
        const ctx = await prepare(name);
        const session = await site.login(role);
        try {
          // Read after the login, which writes the failures it finds pending (a locked user's) to the trail.
          const before = await countAudit(session.store.db);
          if (allowed) {
            const result = await useCase.run(session, ctx);
            await useCase.effect(session, ctx, result);
            if (useCase.audited) expect(await auditAfter(session, before)).toContainEqual(expect.objectContaining({ ...useCase.audited(ctx), user: session.user.username }));
          } else {
            await expect(useCase.run(session, ctx)).rejects.toMatchObject({ code: 'role.forbidden' });
            expect(await auditAfter(session, before)).toEqual([]);
          }
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
