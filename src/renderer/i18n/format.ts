// Dates and numbers as people read and type them: dd/mm/yyyy in Italian (ISO in English), decimal comma in
// Italian; always stored as ISO dates and JavaScript numbers.

import { parsePartialDate, type DatePrecision } from '../../shared/dates/partial-date';
import type { Lang } from '../../shared/study/localized';

const ISO = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
const DMY = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/;
const MY = /^(\d{1,2})[/.](\d{4})$/;

const pad = (n: string): string => n.padStart(2, '0');

/** ISO (possibly partial) date → display text. */
export function formatDate(iso: string, lang: Lang): string {
  const m = ISO.exec(iso);
  if (!m || lang === 'en') return iso;
  const [, y, mo, d] = m;
  if (d !== undefined && mo !== undefined) return `${pad(d)}/${pad(mo)}/${y}`;
  if (mo !== undefined) return `${pad(mo)}/${y}`;
  return y ?? iso;
}

/**
 * Typed text → ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or undefined when it is not a valid date.
 * Both conventions are accepted whatever the language: dd/mm/yyyy (or dd.mm.yyyy, mm/yyyy) and ISO.
 */
export function parseDateText(text: string): string | undefined {
  const t = text.trim();
  let iso: string | undefined;
  const iso1 = ISO.exec(t);
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

/** A timestamp (ISO with time, UTC) in local time: dd/mm/yyyy hh:mm in Italian, yyyy-mm-dd hh:mm in English. */
export function formatTimestamp(ts: string, lang: Lang): string {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const two = (n: number): string => String(n).padStart(2, '0');
  const date = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
  return `${formatDate(date, lang)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

export function formatNumber(n: number, lang: Lang): string {
  const text = String(n);
  return lang === 'it' ? text.replace('.', ',') : text;
}

/** Date placeholder for the language and precision. */
export function datePlaceholder(lang: Lang, precision: DatePrecision): string {
  if (lang === 'it') return precision === 'day' ? 'gg/mm/aaaa' : 'aaaa, mm/aaaa o gg/mm/aaaa';
  return precision === 'day' ? 'yyyy-mm-dd' : 'yyyy, yyyy-mm or yyyy-mm-dd';
}
