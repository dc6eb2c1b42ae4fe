// A site store for tests: created with a study definition, a fixed clock, and users of every role.

import { join, resolve } from 'node:path';
import { openSession } from '../../src/core/auth/open-session';
import type { Clock } from '../../src/core/clock';
import { initStore } from '../../src/core/store/init-site';
import type { Session } from '../../src/core/store/session';
import { loadDefinition, type LoadedStudy } from '../../src/core/study/load-definition';
import { addUser } from '../../src/core/users/manage-users';
import type { Role } from '../../src/shared/study/definition.schema';

export const MINI_STUDY_DIR = resolve(__dirname, '../fixtures/mini-study');
export const PASSWORDS: Record<Role, string> = {
  admin: 'admin-password-1',
  investigator: 'investigator-pw-2',
  data_entry: 'data-entry-pw-3',
  monitor: 'monitor-password-4',
};
export const USERS: Record<Role, string> = { admin: 'anna', investigator: 'ivo', data_entry: 'dora', monitor: 'mario' };

export interface TestSite {
  readonly dbFile: string;
  readonly recoveryCode: string;
  readonly study: LoadedStudy;
  login(role: Role): Promise<Session>;
  clock: Clock;
  setNow(iso: string): void;
}

let miniStudy: LoadedStudy | undefined;
export function miniStudyDefinition(): LoadedStudy {
  miniStudy ??= loadDefinition(MINI_STUDY_DIR);
  return miniStudy;
}

export async function createTestSite(dir: string, options: { study?: LoadedStudy; siteId?: string; now?: string } = {}): Promise<TestSite> {
  let now = new Date(options.now ?? '2026-11-25T10:00:00.000Z');
  const clock: Clock = () => new Date(now);
  const study = options.study ?? miniStudyDefinition();
  const dbFile = join(dir, 'site.db');
  const { recoveryCode } = await initStore({
    dbFile,
    kind: 'site',
    siteId: options.siteId ?? 'IT01',
    siteName: 'Ospedale di prova',
    study,
    admin: { username: USERS.admin, displayName: 'Anna Admin', password: PASSWORDS.admin },
    clock,
  });
  const admin = await openSession({ dbFile, username: USERS.admin, password: PASSWORDS.admin, clock });
  try {
    for (const role of ['investigator', 'data_entry', 'monitor'] as const) {
      await addUser(admin, { username: USERS[role], displayName: role, role, password: PASSWORDS[role] });
    }
  } finally {
    await admin.close();
  }
  return {
    dbFile,
    recoveryCode,
    study,
    clock,
    setNow: (iso) => {
      now = new Date(iso);
    },
    login: (role) => openSession({ dbFile, username: USERS[role], password: PASSWORDS[role], clock }),
  };
}
