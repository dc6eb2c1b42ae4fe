// A report of a store with no subjects yet: every section present and empty, charts drawn, nothing divided by zero.

import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { genericReportData, writeReport } from '../../src/core/report';
import { studyModules } from '../../src/studies';
import { inoReportData } from '../../src/studies/ino-all-it/report';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createNetwork } from '../helpers/network';
import { tempDir } from '../helpers/temp';

it('reports an empty central store', async () => {
  const tmp = tempDir();
  try {
    const net = await createNetwork(tmp.dir, loadBuiltInStudy('ino-all-it'));
    const central = await net.central();
    try {
      const r = await writeReport(central, { out: join(tmp.dir, 'report.html'), lang: 'it', modules: studyModules });
      const data = { ...genericReportData(r.data), ...inoReportData(r.data) };
      expect(r.data.header).toMatchObject({ subjects: 0, analysis_population: 0, sites: [] });
      expect(data.enrolment.months).toEqual([]);
      expect(data.response.groups[0]!.crcri).toEqual({ x: 0, n: 0, estimate: null, lower: null, upper: null });
      expect(data.survival.curves.map((c) => [c.id, c.n, c.steps.length, c.median.median])).toEqual([
        ['os_overall', 0, 0, null],
        ['os_ph_pos', 0, 0, null],
        ['os_ph_neg', 0, 0, null],
        ['efs_overall', 0, 0, null],
        ['efs_ph_pos', 0, 0, null],
        ['efs_ph_neg', 0, 0, null],
      ]);
      expect(data.sos_vod.cif_at_horizon.cif).toBeNull();
      expect(data.costs.total).toMatchObject({ n: 0, mean: null, total: 0 });
      const html = readFileSync(r.html, 'utf8');
      expect(html).toContain('<h2>Costi</h2>');
      expect(html).not.toMatch(/NaN|undefined|Infinity/);
    } finally {
      await central.close();
    }
  } finally {
    tmp.cleanup();
  }
});
