// Dates as people read and type them: dd/mm/yyyy (mm/yyyy, yyyy for partial dates) in Italian, ISO in
// English; always stored as ISO text. Timestamps in local time for the screen and in UTC for documents.

import { parsePartialDate, type DatePrecision } from '../dates/partial-date';
import type { Lang } from '../study/localized';
import { DASH } from './numbers';

const ISO_PREFIX = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/;
const ISO_TEXT = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
const DMY = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const MY = /^(\d{1,2})[/.](\d{4})$/;

const pad = (n: string): string => n.padStart(2, '0');

/** ISO date (full or partial; a timestamp's date part) in the day-first form: 25/11/2026, 11/2026, 2026. */
export function dayFirst(iso: string): string {
  const m = ISO_PREFIX.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (d !== undefined && mo !== undefined) return `${pad(d)}/${pad(mo)}/${y}`;
  if (mo !== undefined) return `${pad(mo)}/${y}`;
  return y ?? iso;
}

/** A (partial) ISO date for reading: day first in Italian, ISO in English; the dash when there is none. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return DASH;
  if (lang === 'en') {
    const m = ISO_PREFIX.exec(iso);
    return m ? m[0] : iso;
  }
  return dayFirst(iso);
}

/** "2024-03" as 03/2024 (it) or 2024-03 (en). */
export function formatMonth(month: string | null | undefined, lang: Lang): string {
  return month ? formatDate(month.slice(0, 7), lang) : DASH;
}

/** A timestamp in UTC, as documents print it: 25/11/2026 10:00 UTC (it), 2026-11-25 10:00 UTC (en). */
export function formatTimestampUtc(ts: string, lang: Lang): string {
  return `${formatDate(ts, lang)} ${ts.slice(11, 16)} UTC`;
}

const localParts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** A timestamp in the machine's local time, as the screen shows it: 25/11/2026 11:00 (it), 2026-11-25 11:00 (en). */
export function formatTimestampLocal(ts: string, lang: Lang): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const p = Object.fromEntries(localParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${formatDate(`${p.year}-${p.month}-${p.day}`, lang)} ${p.hour}:${p.minute}`;
}

// Building an Intl formatter costs about a millisecond, more than a form field's render: one per language and
// precision, made when first needed.
const spelledFormats = new Map<string, Intl.DateTimeFormat>();

function spelledFormat(lang: Lang, month: boolean, day: boolean): Intl.DateTimeFormat {
  const key = `${lang}:${month ? 'm' : ''}${day ? 'd' : ''}`;
  let format = spelledFormats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', ...(month ? { month: 'long' } : {}), ...(day ? { day: 'numeric' } : {}) };
    format = new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', options);
    spelledFormats.set(key, format);
  }
  return format;
}

/** A (partial) ISO date with the month spelled out, to confirm what was typed: 15 marzo 2020, March 2020, 2020. */
export function formatDateSpelled(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number);
  return spelledFormat(lang, Boolean(m), Boolean(d)).format(new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1)));
}

/**
 * Typed text → ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or undefined when it is not a valid date. Both
 * conventions are accepted whatever the language: dd/mm/yyyy (or dd.mm.yyyy, mm/yyyy) and ISO.
 */
export function parseDateText(text: string): string | undefined {
  const t = text.trim();
  let iso: string | undefined;
  const iso1 = ISO_TEXT.exec(t);
  const dmy = DMY.exec(t);
  const my = MY.exec(t);
  if (iso1) iso = [iso1[1], iso1[2] && pad(iso1[2]), iso1[3] && pad(iso1[3])].filter(Boolean).join('-');
  else if (dmy) iso = `${dmy[3]}-${pad(dmy[2]!)}-${pad(dmy[1]!)}`;
  else if (my) iso = `${my[2]}-${pad(my[1]!)}`;
  return iso && parsePartialDate(iso) ? iso : undefined;
}

export function precisionOf(iso: string): DatePrecision | undefined {
  return parsePartialDate(iso)?.precision;
}
