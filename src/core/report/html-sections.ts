// HTML of the report's header and first sections: enrolment, completeness, quarantine and checks, baseline, response.

import { DASH, formatDate, formatDateTime, formatMonth, formatNumber, formatPercent, formatProportion, formatRange } from './format';
import { details, esc, figure, section, table } from './html-kit';
import { groupLabel, t } from './i18n';
import type { BaselineRow, GroupId, ReportData, ReportLang } from './types';

export type Svgs = ReadonlyMap<string, string>;

const count = (n: number, of: number, lang: ReportLang): string => (of === 0 ? String(n) : `${n} (${formatPercent(n / of, lang)})`);

export function headerHtml(data: ReportData): string {
  const { header: h, lang } = data;
  const sites = h.sites.map((s) => `${esc(s.site_id)} — ${esc(s.site_name)} (${s.subjects})`).join('; ');
  const meta: [string, string][] = [
    [t(lang, 'study'), `${esc(h.study_id)} · ${t(lang, 'version')} ${esc(h.study_version)}`],
    [t(lang, 'scope'), h.scope === 'central' ? t(lang, 'scope_central') : `${t(lang, 'scope_site')} ${esc(h.site_id ?? '')}`],
    [t(lang, 'cutoff'), h.data_cutoff ? formatDate(h.data_cutoff, lang) : t(lang, 'no_cutoff')],
    [t(lang, 'generated'), formatDateTime(h.generated_at, lang)],
    [t(lang, 'sites'), sites || DASH],
    [t(lang, 'subjects'), String(h.subjects)],
    [t(lang, 'population'), String(h.analysis_population)],
    [t(lang, 'digest'), `<span class="digest">${esc(h.digest)}</span>`],
  ];
  return `<header class="report"><h1>${t(lang, 'title')}</h1><p class="study">${esc(h.study_title)}</p><dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl></header>`;
}

export function enrolmentHtml(data: ReportData, svgs: Svgs): string {
  const { enrolment: e, lang } = data;
  const names = new Map(data.header.sites.map((s) => [s.site_id, s.site_name]));
  const rows = e.by_site.map((s) => [esc(s.site_id), esc(names.get(s.site_id) ?? ''), String(s.subjects), String(s.analysis_population), formatMonth(s.first_month, lang), formatMonth(s.last_month, lang)]);
  rows.push([`<th>${t(lang, 'total')}</th>`, '', String(data.header.subjects), String(data.header.analysis_population), '', '']);
  const sites = e.by_site.map((s) => s.site_id);
  const monthRows = e.months.map((m) => [formatMonth(m, lang), ...sites.map((s) => String(e.by_month.find((r) => r.month === m && r.site_id === s)?.subjects ?? 0)), ...sites.map((s) => String(e.by_month.find((r) => r.month === m && r.site_id === s)?.cumulative ?? 0))]);
  const body = [
    table([t(lang, 'site'), '', t(lang, 'subjects'), t(lang, 'in_population'), t(lang, 'first_month'), t(lang, 'last_month')], rows, { numericFrom: 2 }),
    figure(svgs.get('enrolment_by_month') ?? '', t(lang, 'enrolment_chart')),
    details(`${t(lang, 'month')} × ${t(lang, 'site')}`, table([t(lang, 'month'), ...sites.map((s) => `${esc(s)} ${t(lang, 'registered').toLowerCase()}`), ...sites.map((s) => `${esc(s)} ${t(lang, 'cumulative').toLowerCase()}`)], monthRows, { numericFrom: 1 })),
    `<p class="note">${esc(t(lang, 'enrolment_source', { a: e.date_source.registration_date, b: e.date_source.created_at }))}</p>`,
  ];
  return section('sec-enrolment', t(lang, 'sec_enrolment'), body.join('\n'));
}

export function completenessHtml(data: ReportData): string {
  const { completeness: c, lang } = data;
  const sites = [...new Set(c.cells.map((x) => x.site_id))];
  const cell = (x: { denominator: number; complete: number; share: number | null } | undefined): string =>
    !x || x.share === null ? DASH : `${formatPercent(x.share, lang, 0)} <span class="muted">(${x.complete}/${x.denominator})</span>`;
  const rows = c.forms.map((f) => [
    `${esc(f.spec_id)} ${esc(f.title)}${f.repeating ? ` <span class="muted">(${t(lang, 'repeating')})</span>` : ''}`,
    ...sites.map((s) => cell(c.cells.find((x) => x.site_id === s && x.form === f.form))),
    cell(c.overall.find((x) => x.form === f.form)),
  ]);
  const body = [table([t(lang, 'form'), ...sites.map(esc), t(lang, 'total')], rows, { numericFrom: 1 }), `<p class="note">${esc(t(lang, 'completeness_note'))}</p>`];
  return section('sec-completeness', t(lang, 'sec_completeness'), body.join('\n'));
}

export function qualityHtml(data: ReportData): string {
  const { quality: q, lang } = data;
  const parts: string[] = [`<h3>${t(lang, 'quarantine')}</h3>`];
  if (q.quarantine === null) parts.push(`<p class="note">${esc(t(lang, 'quarantine_site_na'))}</p>`);
  else parts.push(table([t(lang, 'site'), t(lang, 'records'), t(lang, 'kind')], q.quarantine.map((s) => [esc(s.site_id), String(s.records), s.by_kind.map((k) => `${esc(k.kind)}: ${k.records}`).join('; ') || DASH]), { numericFrom: 1 }));
  parts.push(`<h3>${t(lang, 'open_checks')}</h3>`);
  const bySite = q.open_checks_by_site.map((s) => [esc(s.site_id), String(s.hard), String(s.soft), String(s.subjects)]);
  bySite.push([`<th>${t(lang, 'total')}</th>`, String(q.open_checks_total.hard), String(q.open_checks_total.soft), '']);
  parts.push(table([t(lang, 'site'), t(lang, 'hard'), t(lang, 'soft'), t(lang, 'subjects_affected')], bySite, { numericFrom: 1 }));
  parts.push(`<h3>${t(lang, 'top_checks')}</h3>`);
  parts.push(
    q.open_checks_top.length === 0
      ? `<p>${t(lang, 'none')}</p>`
      : table([t(lang, 'check'), t(lang, 'severity'), t(lang, 'failures'), t(lang, 'subjects_affected'), t(lang, 'message')], q.open_checks_top.map((c) => [`<code>${esc(c.check_id)}</code>`, t(lang, c.severity === 'hard' ? 'hard' : 'soft'), String(c.failures), String(c.subjects), esc(c.message)]), { numericFrom: 2, numericTo: 4 }),
  );
  return section('sec-quality', t(lang, 'sec_quality'), parts.join('\n'));
}

function baselineRows(row: BaselineRow, groups: readonly GroupId[], lang: ReportLang): string[][] {
  if (row.kind === 'continuous') {
    const cell = (g: GroupId): (typeof row.cells)[number] | undefined => row.cells.find((c) => c.group === g);
    const d = row.key === 'age_first_dose' ? 0 : 1;
    const out = [
      [`<th>${esc(row.label)}</th>`, ...groups.map(() => '')],
      [`${t(lang, 'median_iqr')}`, ...groups.map((g) => { const c = cell(g); return c && c.n > 0 ? `${formatNumber(c.median, d, lang)} [${formatRange(formatNumber(c.q1, d, lang), formatNumber(c.q3, d, lang))}]` : DASH; })],
      [`${t(lang, 'range')}`, ...groups.map((g) => { const c = cell(g); return c && c.n > 0 ? formatRange(formatNumber(c.min, d, lang), formatNumber(c.max, d, lang)) : DASH; })],
    ];
    if (row.cells.some((c) => c.missing > 0)) out.push([t(lang, 'missing'), ...groups.map((g) => String(cell(g)?.missing ?? 0))]);
    return out.map((r, i) => (i === 0 ? r : [`<span class="indent">${r[0]}</span>`, ...r.slice(1)]));
  }
  const cell = (g: GroupId): (typeof row.cells)[number] | undefined => row.cells.find((c) => c.group === g);
  const out = [[`<th>${esc(row.label)}</th>`, ...groups.map(() => '')]];
  for (const level of row.levels) out.push([`<span class="indent">${esc(level.label)}</span>`, ...groups.map((g) => { const c = cell(g); return c ? count(c.counts.find((x) => x.code === level.code)?.n ?? 0, c.n, lang) : DASH; })]);
  if (row.cells.some((c) => c.missing > 0)) out.push([`<span class="indent">${t(lang, 'missing')}</span>`, ...groups.map((g) => { const c = cell(g); return c ? count(c.missing, c.n, lang) : DASH; })]);
  return out;
}

export function baselineHtml(data: ReportData): string {
  const { baseline: b, lang } = data;
  const groups = b.groups.map((g) => g.group);
  const headers = [t(lang, 'characteristic'), ...b.groups.map((g) => `${esc(g.label)} (n = ${g.n})`)];
  const rows = b.rows.flatMap((r) => baselineRows(r, groups, lang));
  return section('sec-baseline', t(lang, 'sec_baseline'), table(headers, rows, { numericFrom: 1, className: 'baseline' }));
}

export function responseHtml(data: ReportData): string {
  const { response: r, lang } = data;
  const headers = ['', ...r.groups.map((g) => `${esc(groupLabel(lang, g.group))} (n = ${g.n})`)];
  const rows = [
    [t(lang, 'r_crcri'), ...r.groups.map((g) => formatProportion(g.crcri, lang))],
    [t(lang, 'r_mrd'), ...r.groups.map((g) => formatProportion(g.mrd_neg_among_crcri, lang))],
    [t(lang, 'r_hsct'), ...r.groups.map((g) => formatProportion(g.hsct_after_ino, lang))],
  ];
  const codes = r.groups[0]?.best_response ?? [];
  const best = codes.map((c) => [esc(c.label), ...r.groups.map((g) => count(g.best_response.find((x) => x.code === c.code)?.n ?? 0, g.n, lang))]);
  const body = [
    table(headers, rows, { numericFrom: 1, caption: esc(t(lang, 'rate_ci')) }),
    `<h3>${t(lang, 'r_best')}</h3>`,
    table(headers, best, { numericFrom: 1 }),
  ];
  return section('sec-response', t(lang, 'sec_response'), body.join('\n'));
}
