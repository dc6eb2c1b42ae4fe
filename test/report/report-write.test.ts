// writeReport: a self-contained offline HTML (IT and EN) and report.json beside it, hashed in a `report.write` audit entry.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyAuditChain } from '../../src/core/store/audit-chain';
import { chartsOf, renderChart, sectionOf, writeReport, type ReportDocument, type WriteReportResult } from '../../src/core/report';
import { studyModules } from '../../src/studies';
import { inoReportData } from '../../src/studies/ino-all-it/report';
import type { Session } from '../../src/core/store/session';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { tempDir } from '../helpers/temp';
import { createReportNetwork } from './report-network';

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The HTML with the SVG namespace declarations taken out: nothing else may name a URL. */
const withoutNamespaces = (html: string): string => html.replace(/xmlns(:\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '');

describe('writeReport', () => {
  const tmp = tempDir();
  let central: Session;
  const written: Partial<Record<'it' | 'en', WriteReportResult>> = {};

  beforeAll(async () => {
    const network = await createReportNetwork(tmp.dir);
    central = await network.net.central();
    for (const lang of ['it', 'en'] as const) written[lang] = await writeReport(central, { out: join(tmp.dir, 'out', lang, 'report.html'), lang, modules: studyModules });
  }, 120_000);
  afterAll(async () => {
    await central?.close();
    tmp.cleanup();
  });

  it('writes report.html and report.json beside it, the JSON being the report data', () => {
    const r = written.en!;
    expect(r.html).toBe(join(tmp.dir, 'out', 'en', 'report.html'));
    expect(r.json).toBe(join(tmp.dir, 'out', 'en', 'report.json'));
    const json = JSON.parse(readFileSync(r.json, 'utf8')) as typeof r.data;
    expect(json).toEqual(JSON.parse(JSON.stringify(r.data)));
    expect(inoReportData(json).survival.curves.find((c) => c.id === 'os_overall')!.steps.length).toBeGreaterThan(0);
    expect(r.files.map((f) => f.sha256)).toEqual([sha256(r.html), sha256(r.json)]);
  });

  it('records each report in the audit trail with the files’ hashes, keeping the chain intact', async () => {
    const rows = (await auditPage(central.store.db, 0, Number.MAX_SAFE_INTEGER)).filter((r) => r.action === 'report.write');
    expect(rows).toHaveLength(2);
    const details = JSON.parse(rows[1]!.details!) as { lang: string; subjects: number; files: { name: string; sha256: string }[] };
    expect(details).toMatchObject({ lang: 'en', subjects: 8 });
    expect(details.files).toEqual([
      expect.objectContaining({ name: 'report.html', sha256: sha256(written.en!.html) }),
      expect.objectContaining({ name: 'report.json', sha256: sha256(written.en!.json) }),
    ]);
    expect((await verifyAuditChain(central.store.db)).ok).toBe(true);
  });

  it.each(['it', 'en'] as const)('makes no external request of any kind (%s)', (lang) => {
    const html = readFileSync(written[lang]!.html, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain(`<html lang="${lang}">`);
    expect(withoutNamespaces(html)).not.toMatch(/https?:\/\//i);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/@import|url\(|<iframe|<img|<object|<embed/i);
    expect(html).toContain('@media print');
    expect(html).toMatch(/break-before: page/);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(7);
  });

  it.each(['it', 'en'] as const)('has every section, translated, in order (%s)', (lang) => {
    const html = readFileSync(written[lang]!.html, 'utf8');
    const other = lang === 'it' ? 'en' : 'it';
    const title = (document: ReportDocument, id: string): string => sectionOf(document, id).title.replace(/&/g, '&amp;');
    const ids = ['enrolment', 'completeness', 'quality', 'baseline', 'response', 'survival', 'ae', 'sos', 'costs', 'methods'];
    const positions = ids.map((id) => {
      const heading = `<section id="sec-${id}">\n<h2>${title(written[lang]!.data, id)}</h2>`;
      expect(html).toContain(heading);
      return html.indexOf(heading);
    });
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Titles that differ between the languages appear only in their own.
    for (const id of ['enrolment', 'baseline', 'ae', 'costs', 'methods']) expect(html).not.toContain(`<h2>${title(written[other]!.data, id)}</h2>`);
  });

  it('writes dates as dd/mm/yyyy in Italian and ISO in English', () => {
    expect(readFileSync(written.it!.html, 'utf8')).toContain('25/11/2026 10:00 UTC');
    expect(readFileSync(written.en!.html, 'utf8')).toContain('2026-11-25 10:00 UTC');
    expect(readFileSync(written.it!.html, 'utf8')).toContain('0,58 (0,31–1,00)');
  });

  it('builds one Vega-Lite spec per chart with inline data only and generic fonts, rendered to SVG', async () => {
    const all = chartsOf(written.it!.data);
    // The enrolment chart of the generic sections and the module's charts (the descriptive plots of every field come between).
    const charts = all.filter((c) => !c.id.startsWith('fields_') && c.id !== 'missing_by_form');
    // In report order (the adverse-event section comes before SOS/VOD).
    expect(charts.map((c) => c.id).sort()).toEqual(['enrolment_by_month', 'km_os_overall', 'km_os_ph', 'km_efs_overall', 'km_efs_ph', 'sos_vod_cif', 'ae_grade3_by_soc', 'costs_by_category'].sort());
    for (const chart of all) {
      const text = JSON.stringify(chart.spec);
      expect(text).not.toMatch(/"url"|https?:|"\$schema"/);
      expect(text).toContain('"values"');
      expect([...text.matchAll(/"font":"([^"]*)"/g)].map((m) => m[1])).toEqual(['sans-serif']);
    }
    const svg = await renderChart(charts[1]!);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Giorni dalla prima dose di inotuzumab');
  });
});
