// Day-number arithmetic for the generator: ISO dates in and out, month/year coarsening for partial dates.

import { dayNumber, isoFromDay, parseIsoDate } from '../../../shared/dates/partial-date';

export type Day = number;

export function day(iso: string): Day {
  const d = parseIsoDate(iso);
  if (d === undefined) throw new Error(`not an ISO date: ${iso}`);
  return d;
}

export const iso = isoFromDay;

export function yearOf(d: Day): number {
  return Number(isoFromDay(d).slice(0, 4));
}

/** YYYY-MM of a day. */
export function monthOf(d: Day): string {
  return isoFromDay(d).slice(0, 7);
}

/** Last day of the month a day falls in. */
export function endOfMonth(d: Day): Day {
  const [y, m] = isoFromDay(d).split('-').map(Number) as [number, number];
  return dayNumber(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1)! - 1;
}

export function fromYmd(y: number, m: number, dd: number): Day {
  const d = dayNumber(y, m, dd);
  if (d === undefined) throw new Error(`invalid date ${y}-${m}-${dd}`);
  return d;
}

export const YEAR_DAYS = 365.25;
