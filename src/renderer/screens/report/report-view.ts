// The report as the Report screen receives it (`report:build`): the document, parsed on arrival with the shared
// schema instead of trusting a cast, and the charts' SVGs, shown as images from data: URLs.

import { ReportDocument } from '../../../shared/report/report-document';

export { ReportDocument };

export interface ReportChart {
  readonly id: string;
  readonly svg: string;
}

/** An SVG document as a data: URL for an <img> (never injected as markup into the page). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
