// seedSite: a site store of any built-in study with users of every role, the site parameters its generator assumes,
// and synthetic patients entered through the core use-cases (the study module's generator, else the generic one).

import { join } from 'node:path';
import { openSession } from '../../core/auth/open-session';
import { systemClock, type Clock } from '../../core/clock';
import { initStore } from '../../core/store/init-site';
import type { Session } from '../../core/store/session';
import { setSiteParam } from '../../core/store/site-settings';
import type { PatientPlan } from '../../core/modules/patient-plan';
import type { SyntheticRun } from '../../core/modules/synthetic';
import { createRng } from '../../core/stats/random';
import { loadBuiltInStudy } from '../../core/study/built-in';
import type { LoadedStudy } from '../../core/study/load-definition';
import { addUser } from '../../core/users/manage-users';
import { parseIsoDate } from '../../shared/dates/partial-date';
import type { Role } from '../../shared/study/definition.schema';
import { enterPatients, type EnteredPatient } from './enter';
import { generatorOf } from './generator-of';

export interface SeededUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly password: string;
}

/** Test accounts of a seeded site (passwords are public: never use a seeded store for real data). */
export function seededUsers(siteId: string): SeededUser[] {
  const s = siteId.toLowerCase();
  return [
    { username: `admin.${s}`, displayName: 'Anna Amministratrice', role: 'admin', password: 'Admin-password-2026' },
    { username: `pi.${s}`, displayName: 'Ivo Sperimentatore', role: 'investigator', password: 'Investigator-pw-2026' },
    { username: `entry.${s}`, displayName: 'Dora Data Manager', role: 'data_entry', password: 'Data-entry-pw-2026' },
    { username: `monitor.${s}`, displayName: 'Mario Monitor', role: 'monitor', password: 'Monitor-password-2026' },
  ];
}

export interface SeedSiteOptions {
  readonly dir: string;
  readonly siteId?: string;
  readonly siteName?: string;
  readonly patients: number;
  readonly seed: string | number;
  /** A fixed clock makes timestamps reproducible too; it must not be before the data cut-off. */
  readonly clock?: Clock;
  readonly signShare?: number;
  readonly lockShare?: number;
  /** Speed mode (benchmarks): one save per form, corrections folded in. */
  readonly fast?: boolean;
  /** Patients left partly entered (drafts, missing items); default 2 per 20 patients, at most 2. */
  readonly incompletePatients?: number;
  /** The study of the site; the built-in ino-all-it by default. */
  readonly study?: LoadedStudy;
  /** Nothing after it is recorded; the generator's default cut-off when absent. */
  readonly dataCutoff?: string;
  /** Generator settings by name (ino-all-it: ecApprovalDate, partialDateShare, missingShare, softOverrideShare, editShare). */
  readonly settings?: Readonly<Record<string, string | number>>;
  readonly onProgress?: (done: number, total: number) => void;
  /** Creates the store instead of a plain `site init` (e.g. from a coordinator's site kit). */
  readonly createStore?: (admin: { username: string; displayName: string; password: string }) => Promise<{ dbFile: string; recoveryCode: string; keyringFile: string }>;
}

export interface SeedSiteResult {
  readonly dbFile: string;
  readonly keyringFile: string;
  readonly siteId: string;
  readonly users: readonly SeededUser[];
  readonly recoveryCode: string;
  readonly subjects: readonly string[];
  readonly entered: readonly EnteredPatient[];
  readonly plans: readonly PatientPlan[];
  readonly timings: { readonly generateMs: number; readonly enterMs: number; readonly setupMs: number };
}

type PlanOptions = Pick<SeedSiteOptions, 'seed' | 'siteId' | 'patients' | 'incompletePatients' | 'study' | 'dataCutoff' | 'settings'>;

function runOf(options: PlanOptions, cutoff: string): SyntheticRun {
  return { dataCutoff: cutoff, settings: options.settings ?? {} };
}

/** The plans seedSite enters, without a database (same seed, site and study → same plans). */
export function sitePlans(options: PlanOptions): PatientPlan[] {
  const siteId = options.siteId ?? 'IT01';
  const generator = generatorOf(options.study ?? loadBuiltInStudy('ino-all-it'));
  const run = runOf(options, options.dataCutoff ?? generator.defaultCutoff);
  const incomplete = options.incompletePatients ?? Math.min(2, Math.floor(options.patients / 10));
  return Array.from({ length: options.patients }, (_, i) => generator.patient(createRng(`${options.seed}/${siteId}/${i}`), { ...run, incomplete: i >= options.patients - incomplete }));
}

export async function seedSite(options: SeedSiteOptions): Promise<SeedSiteResult> {
  const t0 = Date.now();
  const siteId = options.siteId ?? 'IT01';
  const clock = options.clock ?? systemClock;
  const study = options.study ?? loadBuiltInStudy('ino-all-it');
  const generator = generatorOf(study);
  const cutoff = options.dataCutoff ?? generator.defaultCutoff;
  const today = clock().toISOString().slice(0, 10);
  if (parseIsoDate(today)! < (parseIsoDate(cutoff) ?? Infinity)) throw new Error(`the clock (${today}) is before the data cut-off (${cutoff}): dates would lie in the future`);
  const users = seededUsers(siteId);
  const [admin, investigator, dataEntry] = users as [SeededUser, SeededUser, SeededUser, SeededUser];
  const adminCredentials = { username: admin.username, displayName: admin.displayName, password: admin.password };
  const created = options.createStore
    ? await options.createStore(adminCredentials)
    : await (async () => {
        const file = join(options.dir, `${siteId.toLowerCase()}.db`);
        const init = await initStore({ dbFile: file, kind: 'site', siteId, siteName: options.siteName ?? `Ematologia – centro ${siteId}`, study, admin: adminCredentials, clock });
        return { dbFile: file, recoveryCode: init.recoveryCode, keyringFile: init.keyringFile };
      })();
  const { dbFile, recoveryCode, keyringFile } = created;
  const login = (u: SeededUser): Promise<Session> => openSession({ dbFile, username: u.username, password: u.password, clock });
  const sessions: Session[] = [];
  try {
    const adminSession = await login(admin);
    sessions.push(adminSession);
    for (const u of users.slice(1)) await addUser(adminSession, { username: u.username, displayName: u.displayName, role: u.role, password: u.password });
    for (const [name, value] of Object.entries(generator.siteParameters(runOf(options, cutoff)))) await setSiteParam(adminSession, name, value);
    const t1 = Date.now();
    const plans = sitePlans({ ...options, siteId, study, dataCutoff: cutoff });
    const t2 = Date.now();
    const entrySession = await login(dataEntry);
    sessions.push(entrySession);
    const investigatorSession = await login(investigator);
    sessions.push(investigatorSession);
    const entered = await enterPatients({ dataEntry: entrySession, investigator: investigatorSession, admin: adminSession }, plans, {
      investigatorPassword: investigator.password,
      signShare: options.signShare ?? 0.6,
      lockShare: options.lockShare ?? 0,
      ...(options.fast ? { fast: true } : {}),
      seed: `${options.seed}/${siteId}`,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return {
      dbFile,
      keyringFile,
      siteId,
      users,
      recoveryCode,
      subjects: entered.map((e) => e.subjectId),
      entered,
      plans,
      timings: { setupMs: t1 - t0, generateMs: t2 - t1, enterMs: Date.now() - t2 },
    };
  } finally {
    for (const s of sessions.reverse()) await s.close();
  }
}
