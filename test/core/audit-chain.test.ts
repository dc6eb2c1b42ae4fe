// The audit trail: intact chains verify; any entry changed, deleted or reordered behind the app's back is found.

import { canonicalAuditJson, verifyAuditChain } from '../../src/core/store/audit-chain';
import { saveForm } from '../../src/core/forms/save-form';
import { createSubject } from '../../src/core/subjects/create-subject';
import { openSqlite, type Sqlite } from '../../src/db/open-store';
import { canonicalJson } from '../../src/shared/canonical-json';
import type { AuditRecord } from '../../src/shared/contract/bundle-records';
import { rechainAudit } from '../helpers/audit-forge';
import type { Session } from '../../src/core/store/session';
import { withRawConnection } from '../helpers/raw-connection';
import { createTestSite, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';

async function withRawStore(site: TestSite, tamper: (raw: Sqlite) => void): Promise<void> {
  const session = await site.login('admin');
  const key = Buffer.from(session.dbKey);
  await session.close();
  const sqlite = openSqlite(site.dbFile, key, false);
  try {
    // Behind the app's back: drop the append-only triggers first, as an attacker with the key could.
    sqlite.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    tamper(sqlite);
  } finally {
    sqlite.close();
  }
}

async function verify(site: TestSite): Promise<Awaited<ReturnType<typeof verifyAuditChain>>> {
  const session = await site.login('monitor');
  try {
    return await verifyAuditChain(session.store.db);
  } finally {
    await session.close();
  }
}

describe('hash-chained audit trail', () => {
  let tmp: ReturnType<typeof tempDir>;
  let site: TestSite;

  beforeEach(async () => {
    tmp = tempDir();
    site = await createTestSite(tmp.dir);
    const session: Session = await site.login('data_entry');
    try {
      const { id } = await createSubject(session, {});
      await saveForm(session, { subjectId: id, form: 'dm', data: { sex: '1', birth_year: 1970, height_cm: 170 }, complete: false });
      await saveForm(session, { subjectId: id, form: 'dm', data: { weight_kg: 70 }, complete: false });
    } finally {
      await session.close();
    }
  });
  afterEach(() => tmp.cleanup());

  it('verifies an untouched trail', async () => {
    const result = await verify(site);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThan(8);
  });

  it('refuses UPDATE and DELETE on the audit table through the database itself', async () => {
    const session = await site.login('admin');
    try {
      withRawConnection(session, (sqlite) => {
        expect(() => sqlite.exec("UPDATE audit SET user = 'x' WHERE id = 1")).toThrow(/append-only/);
        expect(() => sqlite.exec('DELETE FROM audit WHERE id = 1')).toThrow(/append-only/);
      });
    } finally {
      await session.close();
    }
  });

  it('detects a changed entry', async () => {
    await withRawStore(site, (raw) => raw.exec("UPDATE audit SET new_value = '180' WHERE field = 'height_cm'"));
    expect(await verify(site)).toMatchObject({ ok: false, reason: 'hash' });
  });

  it('detects a deleted entry in the middle', async () => {
    await withRawStore(site, (raw) => raw.exec('DELETE FROM audit WHERE id = 3'));
    expect(await verify(site)).toMatchObject({ ok: false, brokenAt: 3, reason: 'gap' });
  });

  it('detects entries cut off the end', async () => {
    await withRawStore(site, (raw) => raw.exec('DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)'));
    expect(await verify(site)).toMatchObject({ ok: false, reason: 'head' });
  });

  it('detects two entries swapped', async () => {
    await withRawStore(site, (raw) =>
      raw.exec(`UPDATE audit SET id = -1 WHERE id = 4; UPDATE audit SET id = 4 WHERE id = 5; UPDATE audit SET id = 5 WHERE id = -1;`),
    );
    const result = await verify(site);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ brokenAt: 4 });
  });

  it('detects an entry that does not link to its predecessor', async () => {
    await withRawStore(site, (raw) => raw.exec('UPDATE audit SET prev_hash = hash WHERE id = 6'));
    expect(await verify(site)).toMatchObject({ ok: false, brokenAt: 6, reason: 'link' });
  });

  it('detects a changed entry re-hashed with every entry after it, by the head recorded at the last genuine write', async () => {
    let total = 0;
    await withRawStore(site, (raw) => {
      const trail = raw.prepare('SELECT * FROM audit ORDER BY id').all() as AuditRecord[];
      total = trail.length;
      expect(trail.filter((r) => r.field === 'height_cm')).toHaveLength(1);
      const forged = rechainAudit(trail.map((r) => (r.field === 'height_cm' ? { ...r, new_value: '180' } : r)));
      const rewrite = raw.prepare('UPDATE audit SET new_value = ?, prev_hash = ?, hash = ? WHERE id = ?');
      for (const r of forged) rewrite.run(r.new_value, r.prev_hash, r.hash, r.id);
    });
    // Every id, link and hash holds again (all entries are walked); only the recorded head no longer matches.
    // A forger who rewrote that head too is caught by the centre, where merged heads are anchored
    // (hostile-bundles.test.ts, merge.historyRewritten).
    expect(await verify(site)).toEqual({ ok: false, entries: total, brokenAt: total + 1, reason: 'head' });
  });
});

describe('canonical JSON of audit entries', () => {
  it('is exactly the generic canonical JSON, for every kind of value', () => {
    const entries = [
      { id: 1, at: '2026-01-01T00:00:00.000Z', user: 'anna', action: 'field.change', subject_id: 'IT01-0001', form_key: 'dm', instance_no: 1, field: 'x', old_value: null, new_value: '"quoted" \\ \u2028 è', reason: null, details: null },
      { id: 2, at: 'a', user: 'b', action: 'c', subject_id: null, form_key: null, instance_no: null, field: null, old_value: 'o', new_value: null, reason: 'r\nn', details: '{"a":1}' },
    ];
    for (const e of entries) expect(canonicalAuditJson(e)).toBe(canonicalJson(e));
  });
});
