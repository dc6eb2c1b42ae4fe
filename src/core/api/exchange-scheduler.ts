// Runs the periodic exchange for the logged-in site user: at login (an export missed while the app was
// closed), every few minutes, and at logout or auto-lock. One cycle at a time; a failed cycle never ends the
// session (its outcome is in the status and the audit trail, and the next tick tries again).

import { runExchangeCycle, type Uploader } from '../bundles/exchange-cycle';
import { may } from '../store/permissions';
import type { Session } from '../store/session';

export const EXCHANGE_TICK_MS = 10 * 60_000;

export interface ExchangeSchedulerOptions {
  readonly upload?: Uploader;
  readonly tickMs?: number;
}

export class ExchangeScheduler {
  private session: Session | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly options: ExchangeSchedulerOptions = {}) {}

  /** Starts for a session that may export (a site store, a role with bundle.export); runs a first cycle. */
  start(session: Session): void {
    if (session.info.kind !== 'site' || !may(session.user.role, 'bundle.export')) return;
    this.session = session;
    this.timer = setInterval(() => void this.runNow(), this.options.tickMs ?? EXCHANGE_TICK_MS);
    this.timer.unref();
    void this.runNow();
  }

  /** Runs `work` after the cycle in progress, so two cycles never export or upload at once. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.running.then(work);
    this.running = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** One cycle now, after the one in progress; resolves when it is done. */
  runNow(): Promise<void> {
    const session = this.session;
    if (!session) return this.running;
    return this.exclusive(async () => {
      if (this.session !== session) return;
      try {
        await runExchangeCycle(session, this.options.upload ? { upload: this.options.upload } : {});
      } catch {
        // Kept in the status (the interval stays overdue, the queue keeps its entry); tried again next tick.
      }
    });
  }

  /** Before the session closes: a last cycle (an export due now is not left for the next login). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (!this.session) return;
    await this.runNow();
    this.session = null;
  }
}
