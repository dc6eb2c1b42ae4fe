// A coordinator and kit-initialised sites for bundle tests, with a fixed clock and known passphrases.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../src/core/auth/open-session';
import { initSiteFromKit } from '../../src/core/bundles/init-site-from-kit';
import { initCoordinator } from '../../src/core/central/coordinator-init';
import { openCentralSession } from '../../src/core/central/open-central';
import { issueSiteKit } from '../../src/core/central/issue-site-kit';
import type { Clock } from '../../src/core/clock';
import type { Session } from '../../src/core/store/session';
import type { LoadedStudy } from '../../src/core/study/load-definition';
import { addUser } from '../../src/core/users/manage-users';
import { freshPostgresDatabase, type Dialect } from './postgres';
import { miniStudyDefinition, PASSWORDS, USERS } from './site';

export const PASSPHRASE = 'coordinator passphrase 1';

export interface TestNetwork {
  readonly dir: string;
  readonly coordinatorDir: string;
  readonly coordinatorFingerprint: string;
  readonly clock: Clock;
  /** Where the central data is: central.db, or a fresh PostgreSQL database. */
  readonly dialect: Dialect;
  setNow(iso: string): void;
  central(): Promise<Session>;
  addSite(siteId: string): Promise<{ dbFile: string; fingerprint: string; login(role: keyof typeof USERS): Promise<Session> }>;
}

export async function createNetwork(dir: string, study: LoadedStudy = miniStudyDefinition(), dialect: Dialect = 'sqlite'): Promise<TestNetwork> {
  let now = new Date('2026-11-25T10:00:00.000Z');
  const clock: Clock = () => new Date(now);
  const coordinatorDir = join(dir, 'coordinator');
  const database = dialect === 'postgres' ? (await freshPostgresDatabase()).owner : undefined;
  const { coordinator } = await initCoordinator({ dir: coordinatorDir, passphrase: PASSPHRASE, study, clock, ...(database ? { database } : {}) });
  const central = (): Promise<Session> => openCentralSession({ dir: coordinatorDir, passphrase: PASSPHRASE, clock });
  return {
    dir,
    dialect,
    coordinatorDir,
    coordinatorFingerprint: coordinator.fingerprint,
    clock,
    setNow: (iso) => {
      now = new Date(iso);
    },
    central,
    addSite: async (siteId) => {
      const siteDir = join(dir, 'sites', siteId);
      mkdirSync(siteDir, { recursive: true });
      const kitFile = join(siteDir, 'kit.json');
      const session = await central();
      let kit: unknown;
      try {
        kit = await issueSiteKit(session, { siteId, siteName: `Ospedale ${siteId}`, outFile: kitFile });
      } finally {
        await session.close();
      }
      writeFileSync(join(siteDir, 'kit.copy.json'), JSON.stringify(kit));
      const dbFile = join(siteDir, 'site.db');
      const result = await initSiteFromKit({
        dbFile,
        kit,
        expectedFingerprint: coordinator.fingerprint,
        admin: { username: USERS.admin, displayName: 'Admin', password: PASSWORDS.admin },
        clock,
      });
      const admin = await openSession({ dbFile, username: USERS.admin, password: PASSWORDS.admin, clock });
      try {
        for (const role of ['investigator', 'data_entry', 'monitor'] as const) await addUser(admin, { username: USERS[role], displayName: role, role, password: PASSWORDS[role] });
      } finally {
        await admin.close();
      }
      return { dbFile, fingerprint: result.siteFingerprint, login: (role) => openSession({ dbFile, username: USERS[role], password: PASSWORDS[role], clock }) };
    },
  };
}
