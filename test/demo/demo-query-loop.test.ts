// `edc demo` shows the query loop: queries raised after the first merge, returned to the sites, some answered
// there (by text and by correcting the value), second bundles merged, answers closed at the centre — the
// states listed in queries.csv, back at the sites, and counted by the report.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { openSession } from '../../src/core/auth/open-session';
import { openCentralSession } from '../../src/core/central/open-central';
import { readStoredSubjects } from '../../src/core/dataset/dataset';
import { listQueryViews } from '../../src/core/queries/list-queries';
import type { Session } from '../../src/core/store/session';
import type { QueryOut } from '../../src/shared/contract/queries';
import { DEMO_PASSPHRASE } from '../../src/tools/demo/run-demo';
import { seededUsers } from '../../src/tools/synthetic';
import { edc, type CliResult } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

type Csv = Record<string, string>[];

describe('edc demo: the query loop', () => {
  const tmp = tempDir();
  const out = join(tmp.dir, 'demo');
  let run: CliResult;
  let central: QueryOut[];

  const withCentral = async <T>(work: (c: Session) => Promise<T>): Promise<T> => {
    const c = await openCentralSession({ dir: join(out, 'coordinator'), passphrase: DEMO_PASSPHRASE });
    return work(c).finally(() => c.close());
  };
  const withSite = async <T>(siteId: string, work: (s: Session) => Promise<T>): Promise<T> => {
    const user = seededUsers(siteId).find((u) => u.role === 'data_entry')!;
    const s = await openSession({ dbFile: join(out, 'sites', siteId, 'site.db'), username: user.username, password: user.password });
    return work(s).finally(() => s.close());
  };

  beforeAll(async () => {
    run = await edc(['demo', '--out', out, '--sites', '2', '--patients', '6']);
    central = await withCentral((c) => listQueryViews(c, {}));
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('runs to the end and prints a line for each step of the loop', () => {
    expect([run.code, run.err]).toEqual([0, expect.not.stringContaining('error')]);
    for (const line of [
      /^merge 1: 2 bundles merged$/m,
      /^queries: \d+ raised by the checks, [1-9]\d* raised by hand/m,
      /^site IT01: return bundle 1 imported \(queries: [1-9]\d*, receipts: 1\)$/m,
      /^site IT02: queries answered by text: [1-9]\d*, by correcting the value: [1-9]\d*, left open: \d+; second bundle exported$/m,
      /^merge 2: 2 bundles merged$/m,
      /^centre: queries closed: [1-9]\d*, re-opened with a comment: 1, answers left to review: 1$/m,
      /^site IT02: return bundle 2 imported \(queries: [1-9]\d*, receipts: 2\)$/m,
    ]) {
      expect(run.err).toMatch(line);
    }
    expect(run.out).toMatch(/^Queries: [1-9]\d* raised/m);
  });

  it('leaves queries open, answered, re-opened and closed at the centre, each listed with its state in queries.csv', () => {
    expect(new Set(central.map((q) => q.status))).toEqual(new Set(['open', 'answered', 'reopened', 'closed']));
    const csv = parse(readFileSync(join(out, 'exports', 'csv', 'queries.csv'), 'utf8'), { columns: true, skip_empty_lines: true, bom: true }) as Csv;
    expect(csv.map((r) => [r.query_id, r.status]).sort()).toEqual(central.map((q) => [q.id, q.status]).sort());
    // Every site answered some of its own queries.
    for (const site of ['IT01', 'IT02']) expect(central.some((q) => q.siteId === site && q.events.some((e) => e.kind === 'answer' && e.origin === 'site'))).toBe(true);
  });

  it('answers a query by correcting the value: the central data holds the value the reason gives, the reason naming the query', async () => {
    const corrections = central.flatMap((q) => q.events.filter((e) => e.kind === 'answer').map((e) => ({ q, match: /to (-?[\d.]+) \(answers (Q-[0-9A-F]{12})\)/.exec(e.text) })));
    const named = corrections.filter((c) => c.match !== null);
    expect(named.length).toBeGreaterThanOrEqual(2);
    const values = await withCentral(async (c) => {
      const found: unknown[] = [];
      for await (const { instances } of readStoredSubjects(c.store.db, {})) {
        for (const { q } of named) {
          const instance = instances.find((i) => i.subjectId === q.subjectId && i.form === q.form && i.instanceNo === q.instanceNo);
          if (instance) found.push([q.id, instance.data[q.field!]]);
        }
      }
      return found;
    });
    expect(values.sort()).toEqual(named.map(({ q, match }) => [q.id, Number(match![1])]).sort());
    for (const { q, match } of named) {
      expect(match![2]).toBe(q.id);
      // The query asked about the value as first entered: the correction changed it.
      expect(Number(/= (-?[\d.]+): please confirm in source$/.exec(q.text)![1])).not.toBe(Number(match![1]));
    }
  });

  it('returns the closing states to each site', async () => {
    for (const site of ['IT01', 'IT02']) {
      const atSite = await withSite(site, (s) => listQueryViews(s, {}));
      expect(atSite.map((q) => [q.id, q.status]).sort()).toEqual(central.filter((q) => q.siteId === site).map((q) => [q.id, q.status]).sort());
    }
  });

  it("counts the queries by state in the report's Data queries section", () => {
    const report = JSON.parse(readFileSync(join(out, 'report', 'report.json'), 'utf8')) as { sections: { id: string; data: unknown }[] };
    const section = report.sections.find((s) => s.id === 'queries')!;
    const count = (status: string, site?: string): number => central.filter((q) => q.status === status && (site === undefined || q.siteId === site)).length;
    expect(section.data).toMatchObject({
      total: { open: count('open'), answered: count('answered'), reopened: count('reopened'), closed: count('closed'), total: central.length },
      by_site: ['IT01', 'IT02'].map((site) => ({ site_id: site, open: count('open', site), answered: count('answered', site), reopened: count('reopened', site), closed: count('closed', site) })),
    });
  });
});
