// The record status dashboard: one row per subject, a cell per entered form with the least advanced status
// of its instances and the worst open issue; forms never entered have no cell.

import { saveForm } from '../../src/core/forms/save-form';
import { statusMatrix } from '../../src/core/review/status-matrix';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createTestSite, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const DM = { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60, dx_date: '2019-03', comorb_any: '0' };
const save = (s: Session, input: Parameters<typeof SaveFormInput.parse>[0]) => saveForm(s, SaveFormInput.parse(input));

describe('record status matrix', () => {
  const tmp = tempDir();
  let site: TestSite;
  let entry: Session;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    entry = await site.login('data_entry');
  });
  afterAll(async () => {
    await entry.close();
    tmp.cleanup();
  });

  it('lists every subject with the forms in the study order and no cell for a form never entered', async () => {
    const empty = (await createSubject(entry, {})).id;
    const matrix = await statusMatrix(entry, {});
    expect(matrix.forms).toEqual(['dm', 'cyc', 'ae']);
    expect(matrix.sites).toEqual(['IT01']);
    expect(matrix.rows.find((r) => r.subjectId === empty)).toEqual({ subjectId: empty, siteId: 'IT01', cells: [] });
  });

  it('shows a completed form as complete and a draft with missing items as a draft with missing items', async () => {
    const subjectId = (await createSubject(entry, {})).id;
    await save(entry, { subjectId, form: 'dm', data: DM, complete: true });
    await save(entry, { subjectId, form: 'cyc', data: { cyc_no: 1 } });
    const row = (await statusMatrix(entry, {})).rows.find((r) => r.subjectId === subjectId)!;
    expect(row.cells).toEqual([
      { form: 'dm', status: 'complete', instances: 1, issue: 'none' },
      { form: 'cyc', status: 'draft', instances: 1, issue: 'missing' },
    ]);
  });

  it('gives a repeating form the status of its least advanced instance and the worst issue of any', async () => {
    const subjectId = (await createSubject(entry, {})).id;
    await save(entry, { subjectId, form: 'ae', data: { ae_term: '10002272', ae_grade: '1', ae_onset: '2020-04' }, complete: true });
    // SOS/VOD has no grade 1: a failing hard check (EC04) on the second instance.
    await save(entry, { subjectId, form: 'ae', data: { ae_term: '10063675', ae_grade: '1', ae_onset: '2020-02' } });
    const cell = (await statusMatrix(entry, {})).rows.find((r) => r.subjectId === subjectId)!.cells.find((c) => c.form === 'ae');
    expect(cell).toEqual({ form: 'ae', status: 'draft', instances: 2, issue: 'hard' });
  });

  it('keeps to one site when asked', async () => {
    expect((await statusMatrix(entry, { site: 'XX99' })).rows).toEqual([]);
    expect((await statusMatrix(entry, { site: 'IT01' })).rows.length).toBeGreaterThan(0);
  });
});
