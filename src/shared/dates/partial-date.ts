// Calendar dates as day numbers, and partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as the range of days they allow.

const DAY_MS = 86_400_000;
const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export type DatePrecision = 'year' | 'month' | 'day';

export interface DayRange {
  readonly lo: number;
  readonly hi: number;
}

/** Days since 1970-01-01 of a valid calendar date, or undefined. */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** ISO YYYY-MM-DD of a day number. */
export function isoFromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function todayDayNumber(now: Date = new Date()): number {
  return Math.floor(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS);
}

/** The precision of a partial-date string, or undefined when it is not a valid one. */
export function partialDatePrecision(text: string): DatePrecision | undefined {
  return parsePartialDate(text)?.precision;
}

export function parsePartialDate(text: string): (DayRange & { precision: DatePrecision }) | undefined {
  const m = PARTIAL.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (year < 1800 || year > 2999) return undefined;
  if (m[2] === undefined) {
    return { lo: dayNumber(year, 1, 1)!, hi: dayNumber(year, 12, 31)!, precision: 'year' };
  }
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined) {
    return { lo: dayNumber(year, month, 1)!, hi: dayNumber(year, month, daysInMonth(year, month))!, precision: 'month' };
  }
  const day = dayNumber(year, month, Number(m[3]));
  return day === undefined ? undefined : { lo: day, hi: day, precision: 'day' };
}

/** A full ISO date (YYYY-MM-DD) as a day number, or undefined. */
export function parseIsoDate(text: string): number | undefined {
  const parsed = parsePartialDate(text);
  return parsed?.precision === 'day' ? parsed.lo : undefined;
}

/**
 * One representative day for a partial date, as crf-spec §4 imputes it:
 * the 15th for YYYY-MM, 1 July for YYYY; a full date is itself.
 */
export function imputeDay(range: DayRange): number {
  if (range.lo === range.hi) return range.lo;
  const lo = new Date(range.lo * DAY_MS);
  const hi = new Date(range.hi * DAY_MS);
  const y = lo.getUTCFullYear();
  if (lo.getUTCMonth() === 0 && lo.getUTCDate() === 1 && hi.getUTCFullYear() === y && hi.getUTCMonth() === 11 && hi.getUTCDate() === 31) {
    return dayNumber(y, 7, 1)!;
  }
  if (hi.getUTCFullYear() === y && hi.getUTCMonth() === lo.getUTCMonth() && lo.getUTCDate() === 1) {
    return dayNumber(y, lo.getUTCMonth() + 1, 15)!;
  }
  return Math.floor((range.lo + range.hi) / 2);
}

/** Completed years from birth to a later day (0 or more; negative if the event precedes birth). */
export function completedYears(birthDay: number, eventDay: number): number {
  const b = new Date(birthDay * DAY_MS);
  const e = new Date(eventDay * DAY_MS);
  let years = e.getUTCFullYear() - b.getUTCFullYear();
  if (e.getUTCMonth() < b.getUTCMonth() || (e.getUTCMonth() === b.getUTCMonth() && e.getUTCDate() < b.getUTCDate())) {
    years -= 1;
  }
  return years;
}
