// The return import's preview: what importing a bundle that carries an amendment would do — the diff, the
// migration, the values it migrates and the checks that newly fail — known before anything is written; only
// an admin may then apply it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../src/core/auth/open-session';
import { importReturn, readReturnFile } from '../../src/core/bundles/import-return';
import { previewReturn } from '../../src/core/bundles/preview-return';
import type { Session } from '../../src/core/store/session';
import { getMeta } from '../../src/db/repositories/meta.repository';
import { withRawConnection } from '../helpers/raw-connection';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { amendedNetwork, MIGRATION_110, type AmendedNetwork } from './amendment-fixture';

/** The store file's bytes with every committed change checkpointed into it (the WAL emptied). */
function storeBytes(session: Session): Buffer {
  withRawConnection(session, (sqlite) => sqlite.pragma('wal_checkpoint(TRUNCATE)'));
  return readFileSync(session.store.file);
}

describe('the preview of a return bundle carrying an amendment', () => {
  const tmp = tempDir();
  let amended: AmendedNetwork;

  beforeAll(async () => {
    amended = await amendedNetwork(tmp.dir, 6);
  }, 180_000);
  afterAll(() => tmp.cleanup());

  it('leaves the site store unchanged byte for byte and announces what the import then does', async () => {
    const site = await amended.login();
    try {
      const before = storeBytes(site);
      const preview = await previewReturn(site, readReturnFile(amended.returnFile));
      expect(storeBytes(site).equals(before)).toBe(true);
      expect(await getMeta(site.store.db, 'def_version')).toBe('0.1.0');

      expect(preview.appliesAmendment).toBe(true);
      expect(preview.amendments.map((a) => [a.baseVersion, a.version])).toEqual([['0.1.0', '1.1.0']]);
      expect(preview.amendments[0]!.changes).toEqual(expect.arrayContaining([{ kind: 'field.added', form: 'dm', field: 'ecog' }, { kind: 'check.added', check: 'EC06' }]));
      expect(preview.amendments[0]!.migration).toEqual({ ...MIGRATION_110, moves: [], set: [] });

      const imported = await importReturn(site, readReturnFile(amended.returnFile));
      expect(preview.result).toEqual(imported);
      // The same comparison sees the import's writes.
      expect(storeBytes(site).equals(before)).toBe(false);
      expect(imported.amendments![0]!.migratedInstances).toBe(amended.subjects.length);
    } finally {
      await site.close();
    }
  });

  it('shows a data-entry user the amendment, and refuses that user the import with nothing changed', async () => {
    const fresh = await amendedNetwork(join(tmp.dir, 'second'), 2);
    const site = await openSession({ dbFile: fresh.dbFile, username: USERS.data_entry, password: PASSWORDS.data_entry, clock: fresh.net.clock });
    try {
      const before = storeBytes(site);
      const preview = await previewReturn(site, readReturnFile(fresh.returnFile));
      expect(preview.appliesAmendment).toBe(true);
      expect(preview.amendments.map((a) => a.version)).toEqual(['1.1.0']);
      await expect(importReturn(site, readReturnFile(fresh.returnFile))).rejects.toMatchObject({ code: 'role.forbidden' });
      expect(storeBytes(site).equals(before)).toBe(true);
    } finally {
      await site.close();
    }
  }, 180_000);
});
