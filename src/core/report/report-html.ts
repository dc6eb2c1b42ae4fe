// The one HTML writer of the study report: any study's report document as one self-contained file — inline CSS
// and SVG, no script, no external request of any kind — with a table of contents and print rules.

import { formatDate, formatTimestampUtc } from '../../shared/format';
import type { ReportBlock, ReportCell, ReportDocument, ReportRow, ReportSection, TableBlock } from '../../shared/report/report-document';
import { renderCharts } from './charts';
import { details, esc, figure, STYLE } from './html-kit';
import { reportText } from './labels';

export type Svgs = ReadonlyMap<string, string>;

/** Blocks every fetch even if some markup ever referenced one: only the inline stylesheet is allowed (inline SVG needs nothing). */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

function cellHtml(cell: ReportCell): string {
  if (typeof cell === 'string') return esc(cell);
  let html = cell.code ? `<code>${esc(cell.text)}</code>` : esc(cell.text);
  if (cell.sub) html += ` <span class="muted">${esc(cell.sub)}</span>`;
  if (cell.indent) html = `<span class="indent">${html}</span>`;
  if (cell.title) html = `<span title="${esc(cell.title)}">${html}</span>`;
  return html;
}

function rowHtml(row: ReportRow, table: TableBlock): string {
  const cls = (i: number): string => (table.columns[i]?.numeric ? ' class="num"' : '');
  const cells = row.cells.map((cell, i) => {
    const header = i === 0 || row.kind === 'group';
    const tag = header ? 'th' : 'td';
    return `<${tag}${cls(i)}${i === 0 ? ' scope="row"' : ''}>${cellHtml(cell)}</${tag}>`;
  });
  return `<tr${row.kind ? ` class="${row.kind}"` : ''}>${cells.join('')}</tr>`;
}

function tableHtml(table: TableBlock): string {
  const head = table.columns.length === 0 ? '' : `<thead><tr>${table.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('')}</tr></thead>`;
  const caption = table.caption ? `<caption>${esc(table.caption)}</caption>` : '';
  const html = `<table>${caption}${head}<tbody>\n${table.rows.map((r) => rowHtml(r, table)).join('\n')}\n</tbody></table>`;
  return table.folded ? details(table.folded, html) : html;
}

function blockHtml(block: ReportBlock, svgs: Svgs): string {
  switch (block.kind) {
    case 'heading':
      return `<h3>${esc(block.text)}</h3>`;
    case 'table':
      return tableHtml(block);
    case 'chart':
      return figure(svgs.get(block.id) ?? '', block.title);
    case 'note':
      return `<p class="note">${esc(block.text)}</p>`;
    case 'text':
      return `<p>${block.title ? `<strong>${esc(block.title)}.</strong> ` : ''}${esc(block.text)}</p>`;
  }
}

function sectionHtml(s: ReportSection, svgs: Svgs): string {
  return `<section id="sec-${s.id}">\n<h2>${esc(s.title)}</h2>\n${s.blocks.map((b) => blockHtml(b, svgs)).join('\n')}\n</section>`;
}

function headerHtml(document: ReportDocument): string {
  const { header: h, lang } = document;
  const t = (key: string): string => reportText(lang, key);
  const sites = h.sites.map((s) => `${esc(s.site_id)} — ${esc(s.site_name)} (${s.subjects})`).join('; ');
  const meta: [string, string][] = [
    [t('study'), `${esc(h.study_id)} · ${t('version')} ${esc(h.study_version)}`],
    [t('scope'), h.scope === 'central' ? t('scope_central') : `${t('scope_site')} ${esc(h.site_id ?? '')}`],
    [t('cutoff'), h.data_cutoff ? formatDate(h.data_cutoff, lang) : t('no_cutoff')],
    [t('generated'), formatTimestampUtc(h.generated_at, lang)],
    [t('sites'), sites || '—'],
    [t('subjects'), String(h.subjects)],
    ...(h.analysis_population === null ? [] : [[h.population_label ?? t('population'), String(h.analysis_population)] as [string, string]]),
    [t('digest'), `<span class="digest">${esc(h.digest)}</span>`],
  ];
  return `<header class="report"><h1>${esc(t('title'))}</h1><p class="study">${esc(h.study_title)}</p><dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl></header>`;
}

export function renderReportHtml(document: ReportDocument, svgs: Svgs): string {
  const { lang } = document;
  const toc = `<nav class="toc"><strong>${esc(reportText(lang, 'contents'))}</strong><ol>${document.sections.map((s) => `<li><a href="#sec-${s.id}">${esc(s.title)}</a></li>`).join('')}</ol></nav>`;
  const body = [
    headerHtml(document),
    toc,
    '<main>',
    ...document.sections.map((s) => sectionHtml(s, svgs)),
    '</main>',
    `<footer>${esc(document.header.study_id)} · ${esc(reportText(lang, 'digest'))}: <span class="digest">${esc(document.header.digest)}</span></footer>`,
  ];
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(reportText(lang, 'title'))} — ${esc(document.header.study_id)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export async function reportHtml(document: ReportDocument): Promise<string> {
  return renderReportHtml(document, await renderCharts(document));
}
