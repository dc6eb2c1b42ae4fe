// Numbers of the report as people read them: percentages with one decimal, confidence intervals, medians in
// days; decimal comma in Italian; a dash where there is nothing to estimate.

import type { Lang } from '../../../shared/study/localized';

const DASH = '–';

export function fixed(n: number | null | undefined, digits: number, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  const text = n.toFixed(digits);
  return lang === 'it' ? text.replace('.', ',') : text;
}

export function percent(share: number | null | undefined, lang: Lang): string {
  return share === null || share === undefined ? DASH : `${fixed(share * 100, 1, lang)}%`;
}

/** "12/30 (40.0%; 95% CI 22.7–59.4%)" */
export function proportion(p: { x: number; n: number; estimate: number | null; lower: number | null; upper: number | null }, lang: Lang, ci: string): string {
  if (p.n === 0 || p.estimate === null) return `${p.x}/${p.n}`;
  return `${p.x}/${p.n} (${percent(p.estimate, lang)}; ${ci} ${fixed((p.lower ?? 0) * 100, 1, lang)}–${fixed((p.upper ?? 0) * 100, 1, lang)}%)`;
}

/** "245 (180–NR)": a median and its CI, with "NR" where not reached. */
export function median(m: { median: number | null; lower: number | null; upper: number | null }, lang: Lang, notReached: string): string {
  const part = (v: number | null): string => (v === null ? notReached : fixed(v, 0, lang));
  return `${part(m.median)} (${part(m.lower)}–${part(m.upper)})`;
}

export function money(n: number | null | undefined, lang: Lang): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return DASH;
  return new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
}
