// A merge into PostgreSQL stores what the site sent as SQLite does, value for value, including text with the
// characters PostgreSQL's literal formats reserve (quotes, backslashes, braces, commas, newlines, tabs, NULL).

import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { centralDigest } from '../../src/core/central/central-digest';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { moveCentralToPostgres } from '../../src/core/central/move-to-postgres';
import { openCentralSession } from '../../src/core/central/open-central';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { kyselyOf } from '../../src/db/handle';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { enrolSubjects } from '../helpers/bundle-data';
import { createNetwork, PASSPHRASE, type TestNetwork } from '../helpers/network';
import { freshPostgresDatabase } from '../helpers/postgres';
import { tempDir } from '../helpers/temp';

const AWKWARD = 'a "quoted" back\\slash \\N {brace, comma} NULL\nnew line\r\ttab ünï';

async function rowsOf(session: Session): Promise<{ instances: unknown[]; audit: unknown[] }> {
  const k = kyselyOf(session.store.db);
  const instances = await k.selectFrom('form_instances').selectAll().orderBy('subject_id').orderBy('form_key').orderBy('instance_no').execute();
  return {
    // Without the store's own row ids: each database numbers its rows.
    instances: instances.map(({ id: _id, ...row }) => row),
    audit: await k.selectFrom('site_audit').selectAll().orderBy('site_id').orderBy('id').execute(),
  };
}

describe('a merge into PostgreSQL', () => {
  const tmp = tempDir();
  let net: TestNetwork;
  let bundle: string;
  let fingerprint: string;
  const pgDir = join(tmp.dir, 'coordinator-pg');

  beforeAll(async () => {
    net = await createNetwork(tmp.dir);
    const site = await net.addSite('IT01');
    fingerprint = site.fingerprint;
    const s = await site.login('data_entry');
    try {
      await enrolSubjects(s, 2, { seed: 3 });
      const { id } = await createSubject(s, {});
      const data = { sex: '2', birth_year: 1970, height_cm: 158.5, weight_kg: { missing: 'NK' }, dx_date: '2019-04', comorb_any: '1', comorbidities: ['1', '99'], comorb_other: AWKWARD };
      await saveForm(s, SaveFormInput.parse({ subjectId: id, form: 'dm', data, complete: true }));
      bundle = (await exportBundle(s, join(tmp.dir, 'usb'))).file;
    } finally {
      await s.close();
    }
    cpSync(net.coordinatorDir, pgDir, { recursive: true });
    await moveCentralToPostgres({ dir: pgDir, passphrase: PASSPHRASE, target: (await freshPostgresDatabase()).owner, clock: net.clock });
  }, 120_000);
  afterAll(() => tmp.cleanup());

  it('stores the same form instances and site audit rows as SQLite, awkward text included, with the same digest', async () => {
    const stored: Record<string, { digest: string; rows: { instances: unknown[]; audit: unknown[] } }> = {};
    for (const [name, dir] of [['sqlite', net.coordinatorDir], ['postgres', pgDir]] as const) {
      const central = await openCentralSession({ dir, passphrase: PASSPHRASE, clock: net.clock });
      try {
        expect((await mergeBundle(central, bundle, { registerSites: new Map([['IT01', fingerprint]]) })).status).toBe('merged');
        stored[name] = { digest: await centralDigest(central.store.db), rows: await rowsOf(central) };
      } finally {
        await central.close();
      }
    }
    expect(stored.postgres!.rows.instances).toHaveLength(stored.sqlite!.rows.instances.length);
    expect(JSON.stringify(stored.postgres!.rows.instances)).toContain(JSON.stringify(JSON.stringify(AWKWARD)).slice(1, -1));
    expect(stored.postgres!.rows).toEqual(stored.sqlite!.rows);
    expect(stored.postgres!.digest).toBe(stored.sqlite!.digest);
  });
});
