// Opening a form for the UI: one call gives the instance (or null for one not filled in) and the subject's data.

import { openForm } from '../../src/core/forms/open-form';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createTestSite, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

describe('opening a form', () => {
  const tmp = tempDir();
  let site: TestSite;
  let entry: Session;
  let monitor: Session;
  let subjectId: string;

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    entry = await site.login('data_entry');
    monitor = await site.login('monitor');
    subjectId = (await createSubject(entry, {})).id;
    await saveForm(entry, SaveFormInput.parse({ subjectId, form: 'dm', data: { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60 } }));
  });
  afterAll(async () => {
    await entry.close();
    await monitor.close();
    tmp.cleanup();
  });

  it('returns the saved instance with the subject data, for a read-only role too', async () => {
    const opened = await openForm(monitor, { subjectId, form: 'dm', instanceNo: 1 });
    expect(opened.instance).toMatchObject({ subjectId, form: 'dm', instanceNo: 1, status: 'draft', version: 1 });
    expect(opened.instance!.data).toMatchObject({ sex: '2', height_cm: 165 });
    expect(opened.evaluation.instances).toEqual([expect.objectContaining({ form: 'dm', instanceNo: 1, data: expect.objectContaining({ weight_kg: 60 }) })]);
  });

  it('gives null for an instance not filled in and for a new one', async () => {
    expect((await openForm(entry, { subjectId, form: 'cyc', instanceNo: 3 })).instance).toBeNull();
    const fresh = await openForm(entry, { subjectId, form: 'cyc' });
    expect(fresh.instance).toBeNull();
    expect(fresh.evaluation.instances.map((i) => i.form)).toEqual(['dm']);
  });

  it('refuses an unknown form or subject with their codes', async () => {
    await expect(openForm(entry, { subjectId, form: 'nope' })).rejects.toMatchObject({ code: 'form.unknown' });
    await expect(openForm(entry, { subjectId: 'IT01-9999', form: 'dm', instanceNo: 1 })).rejects.toMatchObject({ code: 'subject.notFound' });
  });
});
