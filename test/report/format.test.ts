// Report number and date formatting: Italian decimal comma and dd/mm/yyyy, English ISO dates; intervals and proportions.

import { formatProportion, formatStat } from '../../src/core/report/cells';
import { DASH, formatDate, formatMonth, formatNumber, formatPercent, formatTimestampUtc } from '../../src/shared/format';

describe('report formatting', () => {
  it('groups thousands and places the decimal mark by language', () => {
    expect(formatNumber(27057.142857, 0, 'it')).toBe('27.057');
    expect(formatNumber(27057.142857, 2, 'en')).toBe('27,057.14');
    expect(formatNumber(-0.0004, 2, 'it')).toBe('0,00');
    expect(formatNumber(-1234.5, 1, 'it')).toBe('-1.234,5');
    expect(formatNumber(null, 1, 'en')).toBe(DASH);
    expect(formatNumber(Number.NaN, 1, 'en')).toBe(DASH);
  });

  it('formats proportions with their exact interval, including 0/0', () => {
    expect(formatPercent(0.75, 'it')).toBe('75,0%');
    expect(formatProportion({ x: 6, n: 8, estimate: 0.75, lower: 0.349144, upper: 0.968146 }, 'en')).toBe('6/8 (75.0%; 34.9%–96.8%)');
    expect(formatProportion({ x: 0, n: 0, estimate: null, lower: null, upper: null }, 'it')).toBe(`0/0 (${DASH})`);
  });

  it('writes dates dd/mm/yyyy in Italian and ISO in English', () => {
    expect(formatDate('2026-11-25', 'it')).toBe('25/11/2026');
    expect(formatDate('2026-11-25', 'en')).toBe('2026-11-25');
    expect(formatTimestampUtc('2026-11-25T10:00:00.000Z', 'it')).toBe('25/11/2026 10:00 UTC');
    expect(formatMonth('2025-03', 'it')).toBe('03/2025');
    expect(formatMonth(null, 'en')).toBe(DASH);
  });

  it('writes descriptive statistics without grouping below 10,000, so years read as written', () => {
    expect(formatStat(1963.14, 1, 'it')).toBe('1963,1');
    expect(formatStat(1963, 0, 'en')).toBe('1963');
    expect(formatStat(27057.1, 0, 'it')).toBe('27.057');
    expect(formatStat(-1234.5, 1, 'en')).toBe('-1234.5');
    expect(formatStat(null, 1, 'en')).toBe(DASH);
  });
});
