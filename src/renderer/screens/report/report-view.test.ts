// The Report screen's chart images: an SVG becomes a base64 data URL, non-ASCII text included.

import { svgDataUrl } from './report-view';

describe('svgDataUrl', () => {
  it('turns an SVG into a base64 data URL, non-ASCII text included', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>Sopravvivenza ≥ 3 – è</text></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1]!, 'base64').toString('utf8')).toBe(svg);
  });
});
