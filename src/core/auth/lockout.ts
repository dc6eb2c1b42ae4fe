// Lockout policy: after 5 consecutive failures an account locks, for 30 s, then twice as long after
// each further failure, up to an hour; a success or an administrator's unlock resets it.

export const MAX_FAILURES = 5;
const BASE_SECONDS = 30;
const MAX_SECONDS = 3600;

export function lockSeconds(failures: number): number {
  if (failures < MAX_FAILURES) return 0;
  return Math.min(BASE_SECONDS * 2 ** (failures - MAX_FAILURES), MAX_SECONDS);
}

export function remainingLockSeconds(lockedUntil: string | null, now: Date): number {
  if (!lockedUntil) return 0;
  const ms = Date.parse(lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** Counts one more failure on a counter (a user's or an unknown name's) and returns the lock it now earns, in seconds. */
export function recordFailure(counter: { failures: number; lockedUntil: string | null; updatedAt: string }, now: Date): number {
  counter.failures += 1;
  const seconds = lockSeconds(counter.failures);
  counter.lockedUntil = seconds > 0 ? new Date(now.getTime() + seconds * 1000).toISOString() : null;
  counter.updatedAt = now.toISOString();
  return seconds;
}
