// The study report as one self-contained HTML file: inline CSS and SVG, no script, no external request of any kind.

import { renderSvg, reportCharts } from './charts';
import { esc, section, STYLE } from './html-kit';
import { adverseEventsHtml, costsHtml, sosHtml, survivalHtml } from './html-outcomes';
import { baselineHtml, completenessHtml, enrolmentHtml, headerHtml, qualityHtml, responseHtml, type Svgs } from './html-sections';
import { t, type LabelKey } from './i18n';
import { methodsNotes } from './methods';
import type { ReportData } from './types';

/** The sections in report order: anchor id and title key. */
export const SECTIONS: readonly [id: string, title: LabelKey][] = [
  ['sec-enrolment', 'sec_enrolment'],
  ['sec-completeness', 'sec_completeness'],
  ['sec-quality', 'sec_quality'],
  ['sec-baseline', 'sec_baseline'],
  ['sec-response', 'sec_response'],
  ['sec-survival', 'sec_survival'],
  ['sec-ae', 'sec_ae'],
  ['sec-sos', 'sec_sos'],
  ['sec-costs', 'sec_costs'],
  ['sec-methods', 'sec_methods'],
];

/** Blocks every fetch even if some markup ever referenced one: only the inline stylesheet is allowed (inline SVG needs nothing). */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

export function renderReportHtml(data: ReportData, svgs: Svgs): string {
  const { lang } = data;
  const toc = `<nav class="toc"><strong>${t(lang, 'contents')}</strong><ol>${SECTIONS.map(([id, key]) => `<li><a href="#${id}">${esc(t(lang, key))}</a></li>`).join('')}</ol></nav>`;
  const methods = section('sec-methods', t(lang, 'sec_methods'), `<div class="methods">${methodsNotes(lang).map(([title, text]) => `<p><strong>${esc(title)}.</strong> ${esc(text)}</p>`).join('\n')}</div>`);
  const body = [
    headerHtml(data),
    toc,
    '<main>',
    enrolmentHtml(data, svgs),
    completenessHtml(data),
    qualityHtml(data),
    baselineHtml(data),
    responseHtml(data),
    survivalHtml(data, svgs),
    adverseEventsHtml(data, svgs),
    sosHtml(data, svgs),
    costsHtml(data, svgs),
    methods,
    '</main>',
    `<footer>${esc(data.header.study_id)} · ${esc(t(lang, 'digest'))}: <span class="digest">${esc(data.header.digest)}</span></footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(t(lang, 'title'))} — ${esc(data.header.study_id)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Renders every chart of the report to SVG, by chart id. */
export async function renderCharts(data: ReportData): Promise<Map<string, string>> {
  const svgs = new Map<string, string>();
  for (const chart of reportCharts(data)) svgs.set(chart.id, await renderSvg(chart.spec));
  return svgs;
}

export async function reportHtml(data: ReportData): Promise<string> {
  return renderReportHtml(data, await renderCharts(data));
}
