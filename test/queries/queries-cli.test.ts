// `edc queries …`: generate over merged data (no second open query for the same check and instance),
// raise by hand, close and re-open at the centre, answer at the site, list on both sides; bad input gets
// its code and exit status.

import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import { applyTransferredQueries, collectQueriesForSite } from '../../src/core/queries/query-transfer';
import { createSubject } from '../../src/core/subjects/create-subject';
import { inWriteTransaction } from '../../src/db/transaction';
import { SaveFormInput } from '../../src/shared/contract/forms';
import type { QueryOut } from '../../src/shared/contract/queries';
import { edc } from '../helpers/cli';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { PASSWORDS } from '../helpers/site';
import { tempDir } from '../helpers/temp';

const CENTRE = { EDC_PASSPHRASE: PASSPHRASE };
const DORA = { EDC_PASSWORD: PASSWORDS.data_entry };

describe('edc queries', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let site: Awaited<ReturnType<TestNetwork['addSite']>>;
  let dir: string;

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    dir = net.coordinatorDir;
    site = await net.addSite('IT01');
    const s = await site.login('data_entry');
    try {
      const { id } = await createSubject(s, { identity: { sil_surname: 'Rossi' } });
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'dm', data: { sex: '1', birth_year: 1961, height_cm: 172, weight_kg: 70, dx_date: '2019-02', comorb_any: '0' }, complete: true }));
      // A first dose before the diagnosis: the completed dm form now fails its hard check EC01.
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'cyc', data: { cyc_no: 1, cyc_start: '2018-01-10', d1_dose_mg: 1.4 } }));
      const exported = await exportBundle(s, join(tmp.dir, 'usb'));
      const central = await net.central();
      try {
        await mergeBundle(central, exported.file, { registerSites: new Map([['IT01', site.fingerprint]]) });
      } finally {
        await central.close();
      }
    } finally {
      await s.close();
    }
  });
  afterAll(() => tmp.cleanup());

  const listCentre = async (...extra: string[]): Promise<QueryOut[]> => {
    const r = await edc(['queries', 'list', '--dir', dir, '--json', ...extra], CENTRE);
    expect(r.code).toBe(0);
    return JSON.parse(r.out) as QueryOut[];
  };

  it('generates one query per failed hard check and none again for a check already queried', async () => {
    const first = await edc(['queries', 'generate', '--dir', dir], CENTRE);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/raised Q-[0-9A-F]{12} on IT01-0001 dm#1 \S+ \(EC01\)/);
    const generated = (await listCentre()).filter((q) => q.checkId === 'EC01');
    expect(generated).toEqual([expect.objectContaining({ subjectId: 'IT01-0001', form: 'dm', instanceNo: 1, status: 'open', category: 'inconsistent' })]);
    expect(generated[0]!.text).toContain('Diagnosis must precede the first dose');
    const again = await edc(['queries', 'generate', '--dir', dir, '--json'], CENTRE);
    expect(JSON.parse(again.out)).toMatchObject({ raised: [], subjects: 1 });
    expect((await listCentre()).filter((q) => q.checkId === 'EC01')).toHaveLength(1);
  });

  it('raises by hand, closes and re-opens at the centre, and answers at the site', async () => {
    const raised = await edc(['queries', 'raise', '--dir', dir, '--subject', 'IT01-0001', '--form', 'dm', '--field', 'weight_kg', '--text', 'Weight: please confirm', '--category', 'out_of_range'], CENTRE);
    expect(raised.code).toBe(0);
    const id = /Q-[0-9A-F]{12}/.exec(raised.out)![0];
    expect(raised.out).toContain(`${id} (IT01-0001 dm#1 weight_kg): open`);

    // Carried to the site as the return bundle's `queries` section will carry it.
    const central = await net.central();
    const records = await collectQueriesForSite(central.store.db, 'IT01').finally(() => central.close());
    const s = await site.login('data_entry');
    await inWriteTransaction(s.store.db, (tx) => applyTransferredQueries(s, tx, records)).finally(() => s.close());

    const siteList = await edc(['queries', 'list', '--db', site.dbFile, '--user', 'dora', '--status', 'open'], DORA);
    expect(siteList.code).toBe(0);
    expect(siteList.out).toContain(id);
    const answered = await edc(['queries', 'answer', '--db', site.dbFile, '--user', 'dora', '--query', id, '--text', 'Confirmed in source'], DORA);
    expect(answered.code).toBe(0);
    expect(answered.out).toContain(`${id} (IT01-0001 dm#1 weight_kg): answered`);

    const closed = await edc(['queries', 'close', '--dir', dir, '--query', id, '--text', 'Thank you'], CENTRE);
    expect(closed.out).toContain(': closed');
    const reopened = await edc(['queries', 'reopen', '--dir', dir, '--query', id, '--text', 'Chart says 75 kg'], CENTRE);
    expect(reopened.out).toContain(': re-opened');
    expect((await listCentre('--status', 'reopened')).map((q) => q.id)).toEqual([id]);
  });

  it('answers bad input with its code and exit status, writing nothing', async () => {
    const before = await listCentre();
    const unknown = await edc(['queries', 'close', '--dir', dir, '--query', 'Q-000000000000', '--text', 'done'], CENTRE);
    expect(unknown.code).toBe(16);
    expect(unknown.err).toMatch(/^error \[query\.notFound\]/);
    const badId = await edc(['queries', 'close', '--dir', dir, '--query', 'nope', '--text', 'done'], CENTRE);
    expect(badId.err).toMatch(/^error \[input\.invalid\]/);
    const badCategory = await edc(['queries', 'raise', '--dir', dir, '--subject', 'IT01-0001', '--text', 'What?', '--category', 'gossip'], CENTRE);
    expect(badCategory.err).toMatch(/^error \[input\.invalid\]/);
    const atSite = await edc(['queries', 'answer', '--db', site.dbFile, '--user', 'mario', '--query', before[0]!.id, '--text', 'monitor answers'], { EDC_PASSWORD: PASSWORDS.monitor });
    expect(atSite.err).toMatch(/^error \[role\.forbidden\]/);
    expect(await listCentre()).toEqual(before);
  });
});
