// Report numbers as shown: percentages and exact CIs with a decimal comma in Italian, medians with "not reached".

import { median, money, percent, proportion } from './report-format';
import { svgDataUrl } from './report-view';

describe('report formatting', () => {
  it('writes a proportion with its exact 95% CI', () => {
    expect(proportion({ x: 12, n: 30, estimate: 0.4, lower: 0.2266, upper: 0.594 }, 'it', 'IC 95%')).toBe('12/30 (40,0%; IC 95% 22,7–59,4%)');
    expect(proportion({ x: 12, n: 30, estimate: 0.4, lower: 0.2266, upper: 0.594 }, 'en', '95% CI')).toBe('12/30 (40.0%; 95% CI 22.7–59.4%)');
    expect(proportion({ x: 0, n: 0, estimate: null, lower: null, upper: null }, 'it', 'IC 95%')).toBe('0/0');
    expect(percent(null, 'it')).toBe('–');
  });

  it('writes a median in days with NR where not reached', () => {
    expect(median({ median: 245.4, lower: 180, upper: null }, 'it', 'NR')).toBe('245 (180–NR)');
    expect(median({ median: null, lower: null, upper: null }, 'en', 'NR')).toBe('NR (NR–NR)');
  });

  it('writes costs in euro without cents', () => {
    expect(money(1234.5, 'en')).toBe('€1,235');
    expect(money(null, 'it')).toBe('–');
  });

  it('turns an SVG into a base64 data URL, non-ASCII text included', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Sopravvivenza ≥ 3 – è</text></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1]!, 'base64').toString('utf8')).toBe(svg);
  });
});
