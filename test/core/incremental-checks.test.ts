// Incremental re-checking on save gives exactly what a full evaluation of the subject gives, through
// a realistic casebook entered form by form (failures, overrides and missing items of every instance).

import { saveForm } from '../../src/core/forms/save-form';
import { getCasebook } from '../../src/core/subjects/casebook';
import { createSubject } from '../../src/core/subjects/create-subject';
import { listInstancesOfSubject } from '../../src/db/repositories/form-instances.repository';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { createRng } from '../../src/core/stats/random';
import { buildCatalog, generatePatient } from '../../src/studies/ino-all-it/synthetic';
import { setSiteParam } from '../../src/core/store/site-settings';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createTestSite, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

describe('incremental re-checking on save', () => {
  const tmp = tempDir();
  let site: TestSite;
  afterAll(() => tmp.cleanup());

  it('keeps stored check results equal to a full evaluation after every save', async () => {
    const study = loadBuiltInStudy('ino-all-it');
    site = await createTestSite(tmp.dir, { study, now: '2026-11-25T10:00:00.000Z' });
    const admin = await site.login('admin');
    await setSiteParam(admin, 'site_ec_approval_date', '2014-01-01');
    await admin.close();
    const session = await site.login('data_entry');
    const catalog = buildCatalog(study.definition);
    let saves = 0;
    try {
      for (let p = 0; p < 4; p += 1) {
        const plan = generatePatient(createRng(`incremental/${p}`), { catalog, dataCutoff: '2026-06-30', ecApprovalDate: '2014-01-01' });
        const subjectId = (await createSubject(session, {})).id;
        for (const [i, item] of plan.saves.entries()) {
          // Each planned save of a repeating form is a new instance; single forms are patched. A draft save of
          // planned (valid) data must succeed: a refusal fails the test rather than being counted.
          const saved = await saveForm(session, SaveFormInput.parse({ subjectId, form: item.form, data: { ...item.data } }));
          expect({ at: `${subjectId} save ${i}`, form: saved.instance.form, status: saved.instance.status }).toEqual({ at: `${subjectId} save ${i}`, form: item.form, status: 'draft' });
          saves += 1;
          // The stored per-instance results must equal a fresh full evaluation of the subject.
          const book = await getCasebook(session, { subjectId });
          const rows = await listInstancesOfSubject(session.store.db, subjectId);
          for (const overview of book.instances) {
            const row = rows.find((r) => r.form === overview.form && r.instanceNo === overview.instanceNo)!;
            expect({ at: `${subjectId} save ${i} ${overview.form}#${overview.instanceNo}`, failed: [...(row.results?.failedChecks ?? [])].sort(), missing: [...(row.results?.missingFields ?? [])].sort() }).toEqual({
              at: `${subjectId} save ${i} ${overview.form}#${overview.instanceNo}`,
              failed: overview.failures.map((f) => f.id).sort(),
              missing: [...overview.missing].sort(),
            });
          }
        }
      }
    } finally {
      await session.close();
    }
    expect(saves).toBeGreaterThan(60);
  });

  it('flags an earlier line of therapy when a new line saved after it overlaps it', async () => {
    mkdirSync(join(tmp.dir, 'overlap'));
    const own = await createTestSite(join(tmp.dir, 'overlap'), { study: loadBuiltInStudy('ino-all-it'), now: '2026-11-25T10:00:00.000Z' });
    const session = await own.login('data_entry');
    try {
      const subjectId = (await createSubject(session, {})).id;
      const line = (start: string, end: string) => SaveFormInput.parse({ subjectId, form: 'pt', data: { pt_start: start, pt_end: end } });
      await saveForm(session, line('2020-01-01', '2020-06-30'));
      const failedOf = async (instanceNo: number): Promise<readonly string[]> =>
        (await listInstancesOfSubject(session.store.db, subjectId)).find((r) => r.form === 'pt' && r.instanceNo === instanceNo)?.results?.failedChecks ?? [];
      expect(await failedOf(1)).not.toContain('EC18');
      await saveForm(session, line('2020-03-01', '2020-09-30'));
      expect(await failedOf(1)).toContain('EC18');
      expect(await failedOf(2)).toContain('EC18');
    } finally {
      await session.close();
    }
  });
});
