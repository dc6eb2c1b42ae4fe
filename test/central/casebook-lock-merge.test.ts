// A casebook the site administrator locked while some of its forms were drafts or only complete reaches the
// centre as the site holds it: every form merged, none quarantined for lacking a signature.

import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { openCentralSession } from '../../src/core/central/open-central';
import { saveForm } from '../../src/core/forms/save-form';
import { createSubject } from '../../src/core/subjects/create-subject';
import { lockCasebook } from '../../src/core/subjects/casebook-lock';
import { kyselyOf } from '../../src/db/handle';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { createNetwork, PASSPHRASE } from '../helpers/network';
import { tempDir } from '../helpers/temp';

describe('a casebook locked at the site with unsigned forms', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('merges at the centre with every form locked, none quarantined, and the draft not counted complete or signed', async () => {
    const net = await createNetwork(tmp.dir);
    const site = await net.addSite('IT01');
    const entry = await site.login('data_entry');
    const admin = await site.login('admin');
    let bundle: string;
    try {
      const { id } = await createSubject(entry, {});
      await saveForm(entry, SaveFormInput.parse({ subjectId: id, form: 'dm', data: { sex: '2', birth_year: 1965, height_cm: 165, weight_kg: 60, dx_date: '2019-03', comorb_any: '0' }, complete: true }));
      await saveForm(entry, SaveFormInput.parse({ subjectId: id, form: 'ae', data: { ae_term: '10002272' } }));
      await lockCasebook(admin, { subjectId: id, reason: 'database lock' });
      bundle = (await exportBundle(admin, join(tmp.dir, 'usb'))).file;
    } finally {
      await entry.close();
      await admin.close();
    }
    const central = await openCentralSession({ dir: net.coordinatorDir, passphrase: PASSPHRASE, clock: net.clock });
    try {
      const outcome = await mergeBundle(central, bundle, { registerSites: new Map([['IT01', site.fingerprint]]) });
      expect(outcome).toMatchObject({ status: 'merged', counts: { formInstances: 2, quarantined: 0 } });
      const stored = await kyselyOf(central.store.db).selectFrom('form_instances').select(['form_key', 'status']).orderBy('form_key').execute();
      expect(stored).toEqual([
        { form_key: 'ae', status: 'locked' },
        { form_key: 'dm', status: 'locked' },
      ]);
      expect(await kyselyOf(central.store.db).selectFrom('subject_status').select(['instances', 'complete', 'signed', 'locked']).execute()).toEqual([{ instances: 2, complete: 1, signed: 0, locked: 2 }]);
    } finally {
      await central.close();
    }
  }, 120_000);
});
