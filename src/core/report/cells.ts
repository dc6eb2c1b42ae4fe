// Report cell texts built on the shared formatting module: intervals, proportions with their exact CI, counts with a share.

import { DASH, formatNumber, formatPercent } from '../../shared/format';
import type { Lang } from '../../shared/study/localized';

export interface ProportionLike {
  readonly x: number;
  readonly n: number;
  readonly estimate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** "a–b", an interval. */
export function formatRange(lo: string, hi: string): string {
  return `${lo}–${hi}`;
}

/** A proportion as "x/n (p%; lo%–hi%)"; "0/0 (—)" when there is no denominator. */
export function formatProportion(p: ProportionLike, lang: Lang): string {
  if (p.n === 0) return `0/0 (${DASH})`;
  return `${p.x}/${p.n} (${formatPercent(p.estimate, lang)}; ${formatRange(formatPercent(p.lower, lang), formatPercent(p.upper, lang))})`;
}

/** "n (p%)" of a denominator; the count alone when there is none. */
export function countWithShare(n: number, of: number, lang: Lang, digits = 1): string {
  return of === 0 ? String(n) : `${n} (${formatPercent(n / of, lang, digits)})`;
}

/** A descriptive statistic: thousands grouped from 10,000 up only, so years and small values read as written (1963, not 1.963). */
export function formatStat(x: number | null | undefined, digits: number, lang: Lang): string {
  const text = formatNumber(x, digits, lang);
  if (x === null || x === undefined || Math.abs(x) >= 10_000) return text;
  return text.replace(lang === 'it' ? /\./g : /,/g, '');
}
