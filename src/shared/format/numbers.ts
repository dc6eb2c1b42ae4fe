// Numbers as people read them: Intl's grouping and decimal mark of the language (it: 12.345,6; en: 12,345.6),
// and the plain form data files and input fields use (shortest round-trip text with the language's mark).

import type { Lang } from '../study/localized';

export const DASH = '—';

const LOCALE: Readonly<Record<Lang, string>> = { it: 'it-IT', en: 'en-GB' };
const fixed = new Map<string, Intl.NumberFormat>();

function fixedFormat(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}${digits}`;
  let f = fixed.get(key);
  if (!f) {
    // Grouping always (Italian CLDR leaves 4-digit numbers ungrouped); no sign on a value that rounds to zero.
    f = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: 'always', signDisplay: 'negative' });
    fixed.set(key, f);
  }
  return f;
}

/** Fixed decimals with grouped thousands: 12.345,6 (it) or 12,345.6 (en); the dash when there is no number. */
export function formatNumber(x: number | null | undefined, digits: number, lang: Lang): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  return fixedFormat(lang, digits).format(x);
}

/** A share 0–1 as a percentage: 75,0% (it) or 75.0% (en). */
export function formatPercent(p: number | null | undefined, lang: Lang, digits = 1): string {
  return p === null || p === undefined ? DASH : `${formatNumber(p * 100, digits, lang)}%`;
}

/**
 * A value as stored, with the language's decimal mark and no grouping: what a data file or an input field
 * holds. Not Intl: Intl prints a double's exact decimal expansion, not the shortest text that reads back as
 * the same number, which is what a value must be to round-trip.
 */
export function formatPlainNumber(n: number, decimalComma: boolean): string {
  const text = String(n);
  return decimalComma ? text.replace('.', ',') : text;
}
