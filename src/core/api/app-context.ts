// The state of one running app (desktop window or loopback server): its data folder, settings, the
// logged-in session, and the inactivity lock that closes the store and forgets the key.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../shared/errors/app-error';
import { Lang } from '../../shared/contract/common';
import { systemClock, type Clock } from '../clock';
import type { StudyModules } from '../modules/study-module';
import type { Session } from '../store/session';
import type { Uploader } from '../bundles/exchange-cycle';
import { ExchangeScheduler } from './exchange-scheduler';
import { JobRegistry } from './jobs';

const Settings = z.object({
  autoLockMinutes: z.number().int().min(1).max(240).default(15),
  lang: Lang.default('it'),
  /** Days after which the app reminds that a backup is due. */
  backupReminderDays: z.number().int().min(1).max(365).default(7),
});
export type Settings = z.infer<typeof Settings>;

export interface AppContextOptions {
  readonly dataDir: string;
  /** The registered study modules (src/studies), handed in by main and the loopback server. */
  readonly modules: StudyModules;
  readonly clock?: Clock;
  /** The periodic exchange's HTTPS client (tests pass one that counts requests); the real one by default. */
  readonly upload?: Uploader;
  /** How often the periodic exchange checks whether an export or upload is due. */
  readonly exchangeTickMs?: number;
}

export class AppContext {
  readonly dataDir: string;
  readonly modules: StudyModules;
  readonly clock: Clock;
  readonly jobs = new JobRegistry();
  readonly upload: Uploader | undefined;
  private readonly exchange: ExchangeScheduler;
  private current: Session | null = null;
  private lastActivity = 0;
  private timer: NodeJS.Timeout | undefined;
  settings: Settings;

  constructor(options: AppContextOptions) {
    this.dataDir = options.dataDir;
    this.modules = options.modules;
    mkdirSync(this.dataDir, { recursive: true });
    this.clock = options.clock ?? systemClock;
    this.upload = options.upload;
    this.exchange = new ExchangeScheduler({ ...(options.upload ? { upload: options.upload } : {}), ...(options.exchangeTickMs ? { tickMs: options.exchangeTickMs } : {}) });
    this.settings = this.readSettings();
    this.timer = setInterval(() => void this.lockIfIdle(), 15_000);
    this.timer.unref();
  }

  /** A data folder holds a site store, or a coordinator's central store (coordinator mode). */
  get centralMode(): boolean {
    return existsSync(join(this.dataDir, 'central.db'));
  }

  get dbFile(): string {
    return join(this.dataDir, this.centralMode ? 'central.db' : 'site.db');
  }

  get initialized(): boolean {
    return existsSync(this.dbFile);
  }

  get session(): Session | null {
    return this.current;
  }

  /** The session for an authenticated call; an idle one is closed first (auto-lock). */
  async requireSession(): Promise<Session> {
    await this.lockIfIdle();
    if (!this.current) throw new AppError('auth.notLoggedIn');
    this.lastActivity = this.clock().getTime();
    return this.current;
  }

  async setSession(session: Session): Promise<void> {
    await this.endSession();
    this.current = session;
    this.lastActivity = this.clock().getTime();
    this.exchange.start(session);
  }

  /** Runs `work` (an exchange cycle asked for by the user) after any automatic one in progress. */
  exchangeExclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.exchange.exclusive(work);
  }

  /** Waits for the automatic exchange cycle in progress. */
  exchangeSettled(): Promise<void> {
    return this.exchange.exclusive(() => Promise.resolve());
  }

  async endSession(): Promise<void> {
    const session = this.current;
    if (session) await this.exchange.stop();
    this.current = null;
    if (session) await session.close();
  }

  async lockIfIdle(): Promise<boolean> {
    if (!this.current) return false;
    const idleMs = this.clock().getTime() - this.lastActivity;
    if (idleMs < this.settings.autoLockMinutes * 60_000) return false;
    await this.endSession();
    return true;
  }

  updateSettings(changes: Partial<Settings>): Settings {
    this.settings = Settings.parse({ ...this.settings, ...changes });
    writeFileSync(join(this.dataDir, 'settings.json'), `${JSON.stringify(this.settings, null, 1)}\n`);
    return this.settings;
  }

  async dispose(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.endSession();
  }

  private readSettings(): Settings {
    const file = join(this.dataDir, 'settings.json');
    try {
      return Settings.parse(existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
    } catch {
      return Settings.parse({});
    }
  }
}
