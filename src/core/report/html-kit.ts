// Small HTML pieces of the report (escaping, figures, folded details) and its inline stylesheet, print rules included.

export function esc(text: string | number): string {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export function figure(svg: string, caption: string): string {
  return `<figure class="chart">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

export function details(summary: string, body: string): string {
  return `<details><summary>${esc(summary)}</summary>${body}</details>`;
}

export const STYLE = `
:root { --ink: #1b1f24; --muted: #5b6470; --rule: #d5dae0; --band: #f3f5f7; --accent: #1f5f8b; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1040px; padding: 24px; line-height: 1.4; font-size: 14px; }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 16px; }
header.report h1 { font-size: 22px; margin: 0 0 4px; }
header.report .study { font-size: 15px; margin: 0 0 10px; color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
code, .digest { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
nav.toc ol { columns: 2; margin: 4px 0 16px; }
h2 { font-size: 18px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin-top: 28px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table { border-collapse: collapse; margin: 8px 0 14px; font-size: 13px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--rule); padding: 3px 8px; text-align: left; vertical-align: top; }
thead th { background: var(--band); border-bottom: 2px solid var(--rule); }
tbody th { font-weight: normal; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tr.group th, tr.group td { background: var(--band); font-weight: 600; }
tr.total th, tr.total td { font-weight: 600; border-top: 2px solid var(--rule); }
caption .muted, td .muted, th .muted { font-weight: normal; }
.indent { padding-left: 16px; display: inline-block; }
p.note, .muted { color: var(--muted); font-size: 12.5px; }
figure.chart { margin: 10px 0 16px; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 12.5px; }
details { margin: 6px 0 12px; }
summary { cursor: pointer; color: var(--accent); }
#sec-methods p { margin: 6px 0; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--rule); padding-top: 8px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  nav.toc { display: none; }
  section { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, .keep { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  details > *:not(summary) { display: none; }
  summary { color: var(--muted); }
  a { color: inherit; text-decoration: none; }
}
`;
