// Site → centre by file: kits, export, merge with pinning, receipts, no-op re-merge, stale and conflicts.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { coordinatorSecrets } from '../../src/core/central/coordinator-init';
import { decryptWith } from '../../src/core/crypto/age';
import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { exportStatus, importReceipt } from '../../src/core/bundles/import-receipt';
import { centralSummary } from '../../src/core/central/central-summary';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import { listSubjects } from '../../src/core/subjects/list-subjects';
import { createSubject } from '../../src/core/subjects/create-subject';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { readDataset } from '../../src/core/dataset/dataset';
import { createNetwork, type TestNetwork } from '../helpers/network';
import { DIALECTS } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';

describe.each(DIALECTS)('bundle round trip (central store on %s)', (dialect) => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  const out = join(tmp.dir, 'usb');

  beforeAll(async () => {
    net = await createNetwork(tmp.dir, undefined, dialect);
    site = await net.addSite('IT01');
    const s = await site.login('data_entry');
    try {
      const { id } = await createSubject(s, { identity: { sil_surname: 'Quaglierini', sil_birth_date: '1961-02-03' } });
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'dm', data: { sex: '1', birth_year: 1961, height_cm: 172, weight_kg: 70, dx_date: '2019-02', comorb_any: '0' }, complete: true }));
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'cyc', data: { cyc_no: 1, cyc_start: '2020-01-10', d1_dose_mg: 1.4 } }));
    } finally {
      await s.close();
    }
  });
  afterAll(() => tmp.cleanup());

  it('exports, merges after pinning the site key, and acknowledges with a signed receipt', async () => {
    const s = await site.login('data_entry');
    const exported = await exportBundle(s, out);
    expect(exported.fileName).toMatch(/^mini_IT01_000001_\d{8}T\d{6}Z\.edcbundle$/);
    const central = await net.central();
    try {
      await expect(mergeBundle(central, exported.file)).rejects.toMatchObject({ code: 'merge.unknownSite' });
      await expect(mergeBundle(central, exported.file, { registerSites: new Map([['IT01', '00'.repeat(32)]]) })).rejects.toMatchObject({ code: 'merge.fingerprintMismatch' });
      const merged = await mergeBundle(central, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      expect(merged).toMatchObject({ status: 'merged', siteId: 'IT01', sequence: 1, counts: { subjects: 1, formInstances: 2, added: 2, quarantined: 0 } });
      const summary = await centralSummary(central);
      expect(summary.sites[0]).toMatchObject({ siteId: 'IT01', lastSequence: 1, subjects: 1, formInstances: 2 });
      // The centre's subject list shows each merged subject's progress.
      expect(await listSubjects(central, {})).toEqual([expect.objectContaining({ id: 'IT01-0001', instances: 2, complete: 1 })]);
      const again = await mergeBundle(central, exported.file);
      expect(again.status).toBe('unchanged');
      expect((await centralSummary(central)).digest).toBe(summary.digest);
      const body = await importReceipt(s, merged.receipt);
      expect(body.sequence).toBe(1);
      const status = await exportStatus(s);
      expect(status.lastReceipt?.sequence).toBe(1);
      expect(status.lastExport?.sequence).toBe(1);
    } finally {
      await central.close();
      await s.close();
    }
  });

  it('refuses an older bundle as stale and keeps the central data unchanged', async () => {
    const s = await site.login('data_entry');
    const second = await exportBundle(s, out);
    const third = await exportBundle(s, out);
    const central = await net.central();
    try {
      await mergeBundle(central, third.file);
      const digest = (await centralSummary(central)).digest;
      await expect(mergeBundle(central, second.file)).rejects.toMatchObject({ code: 'merge.stale' });
      expect((await centralSummary(central)).digest).toBe(digest);
    } finally {
      await central.close();
      await s.close();
    }
  });

  it('merges in small batches, subjects always before the forms that reference them', async () => {
    const s = await site.login('data_entry');
    const exported = await exportBundle(s, out);
    await s.close();
    const central = await net.central();
    try {
      // One subject, two forms: with batches of 2 the forms fill a batch before the subject does.
      const merged = await mergeBundle(central, exported.file, { batchSize: 2 });
      expect(merged).toMatchObject({ status: 'merged', counts: { subjects: 1, formInstances: 2, quarantined: 0 } });
    } finally {
      await central.close();
    }
  });

  it('carries a device age only when it came from an exact birth date, and the centre knows which ages are exact', async () => {
    const s = await site.login('data_entry');
    try {
      // A second subject with no birth date in the log: its age is the birth-year one, the centre's own.
      const { id } = await createSubject(s, { identity: { sil_surname: 'Senzadata' } });
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'dm', data: { sex: '2', birth_year: 1961, height_cm: 160, weight_kg: 60, dx_date: '2019-02', comorb_any: '0' }, complete: true }));
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'cyc', data: { cyc_no: 1, cyc_start: '2020-01-10', d1_dose_mg: 1.2 } }));
      const exported = await exportBundle(s, out);
      const central = await net.central();
      try {
        await mergeBundle(central, exported.file);
        const dm = new Map<string, { age: unknown; siteOnly: readonly string[] | undefined }>();
        for await (const subject of readDataset(central.store.db, central.study.compiled, { now: new Date() })) {
          const rec = subject.instances.find((i) => i.form === 'dm')!;
          dm.set(subject.id, { age: rec.calcs.age_first_dose, siteOnly: rec.siteOnlyCalcs });
        }
        // Born 1961-02-03: 58 at 2020-01-10 from the exact date; from 1 July 1961 also 58, yet only the first is exact.
        expect(dm.get('IT01-0001')).toEqual({ age: 58, siteOnly: ['age_first_dose'] });
        expect(dm.get(id)).toEqual({ age: 58, siteOnly: undefined });
      } finally {
        await central.close();
      }
    } finally {
      await s.close();
    }
  });

  it('never puts identification-log values in the bundle', async () => {
    const s = await site.login('data_entry');
    const exported = await exportBundle(s, out);
    const central = await net.central();
    try {
      const plain = await decryptWith([(await coordinatorSecrets(central.store.db)).ageIdentity], readFileSync(exported.file));
      const tarBytes = gunzipSync(plain);
      expect(tarBytes.includes(Buffer.from('Quaglierini'))).toBe(false);
      expect(tarBytes.includes(Buffer.from('1961-02-03'))).toBe(false);
      expect(tarBytes.includes(Buffer.from('"age_first_dose":58'))).toBe(true);
    } finally {
      await central.close();
      await s.close();
    }
  });
});
