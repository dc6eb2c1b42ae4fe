// Number, percentage, interval and date formatting of the report (Italian: decimal comma, dd/mm/yyyy; English: ISO dates).

import type { ReportLang } from './types';

export const DASH = '—';

/** Fixed decimals with grouped thousands: 12.345,6 (it) or 12,345.6 (en). */
export function formatNumber(x: number | null | undefined, digits: number, lang: ReportLang): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return DASH;
  const [int, frac] = Math.abs(x).toFixed(digits).split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'it' ? '.' : ',');
  const sign = x < 0 && Number(`${int}.${frac ?? '0'}`) !== 0 ? '-' : '';
  return `${sign}${grouped}${frac === undefined ? '' : (lang === 'it' ? ',' : '.') + frac}`;
}

export function formatPercent(p: number | null | undefined, lang: ReportLang, digits = 1): string {
  return p === null || p === undefined ? DASH : `${formatNumber(p * 100, digits, lang)}%`;
}

/** "a–b" (an interval), with the dash when a bound is undefined. */
export function formatRange(lo: string, hi: string): string {
  return `${lo}–${hi}`;
}

/** A proportion as "x/n (p%, lo–hi%)". */
export function formatProportion(p: { x: number; n: number; estimate: number | null; lower: number | null; upper: number | null }, lang: ReportLang): string {
  if (p.n === 0) return `0/0 (${DASH})`;
  return `${p.x}/${p.n} (${formatPercent(p.estimate, lang)}; ${formatRange(formatPercent(p.lower, lang), formatPercent(p.upper, lang))})`;
}

export function formatDate(iso: string | null | undefined, lang: ReportLang): string {
  if (!iso) return DASH;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return lang === 'it' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[1]}-${m[2]}-${m[3]}`;
}

export function formatDateTime(iso: string, lang: ReportLang): string {
  return `${formatDate(iso, lang)} ${iso.slice(11, 16)} UTC`;
}

/** "2024-03" as 03/2024 (it) or 2024-03 (en). */
export function formatMonth(month: string | null | undefined, lang: ReportLang): string {
  if (!month) return DASH;
  return lang === 'it' ? `${month.slice(5, 7)}/${month.slice(0, 4)}` : month;
}
