// The time source of use-cases, replaceable in tests; timestamps are ISO-8601 UTC with milliseconds.

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function isoNow(clock: Clock): string {
  return clock().toISOString();
}
