// An amendment end to end: made at the centre (1.1.0 adds a field, recodes a choice, renames a field), carried
// by the return bundle, applied at the site by `edc return import` — every old value present under its new
// name or code, each change audited with the reason "Amendment 1.1.0", the checks that newly fail listed —
// and the site's next bundle, entered under 1.1.0, merged at the centre.

import { join } from 'node:path';
import { exportBundle } from '../../src/core/bundles/export-bundle';
import { exportReturn } from '../../src/core/central/export-return';
import { mergeBundle } from '../../src/core/central/merge-bundle';
import { saveForm } from '../../src/core/forms/save-form';
import type { EvaluatedFormInstance } from '../../src/db/domain';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { listAllInstances } from '../../src/db/repositories/form-instances.repository';
import { SaveFormInput } from '../../src/shared/contract/forms';
import { edc } from '../helpers/cli';
import { PASSPHRASE } from '../helpers/network';
import { PASSWORDS, USERS } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { amendedNetwork, EC06_FROM, type AmendedNetwork } from './amendment-fixture';

const SEX = { '1': 'M', '2': 'F' } as const;

describe('an amendment carried by the return bundle and applied at the site', () => {
  const tmp = tempDir();
  let amended: AmendedNetwork;
  let before: EvaluatedFormInstance[];
  let printed = '';

  beforeAll(async () => {
    amended = await amendedNetwork(tmp.dir, 6);
    const site = await amended.login();
    try {
      before = await listAllInstances(site.store.db);
    } finally {
      await site.close();
    }
    const result = await edc(['return', 'import', '--db', amended.dbFile, '--user', USERS.admin, amended.returnFile], { EDC_PASSWORD: PASSWORDS.admin });
    expect(result).toMatchObject({ code: 0, err: '' });
    printed = result.out;
  }, 180_000);
  afterAll(() => tmp.cleanup());

  const dmOf = (instances: readonly EvaluatedFormInstance[], subject: string): EvaluatedFormInstance => instances.find((i) => i.subjectId === subject && i.form === 'dm')!;

  it('keeps every old value of dm under its new name and code, and every other value as it was', async () => {
    const site = await amended.login();
    try {
      const after = await listAllInstances(site.store.db);
      for (const subject of amended.subjects) {
        const old = dmOf(before, subject).data;
        const { dx_date: diagnosis, sex, ...rest } = old;
        expect(dmOf(after, subject).data).toEqual({ ...rest, diagnosis_date: diagnosis, sex: SEX[sex as '1' | '2'] });
      }
      const untouched = (list: readonly EvaluatedFormInstance[]): unknown[] => list.filter((i) => i.form !== 'dm').map((i) => [i.subjectId, i.form, i.instanceNo, i.data]);
      expect(untouched(after)).toEqual(untouched(before));
    } finally {
      await site.close();
    }
  });

  it('audits every migrated value with the reason "Amendment 1.1.0", old and new value', async () => {
    const site = await amended.login();
    try {
      const entries = (await auditPage(site.store.db, 0, 100_000)).filter((e) => e.reason === 'Amendment 1.1.0' && e.field !== null);
      const expected = amended.subjects.flatMap((subject) => {
        const old = dmOf(before, subject).data;
        return [
          [subject, 'dm', 'dx_date', String(old.dx_date), null],
          [subject, 'dm', 'diagnosis_date', null, String(old.dx_date)],
          [subject, 'dm', 'sex', String(old.sex), SEX[old.sex as '1' | '2']],
        ];
      });
      expect(entries.map((e) => [e.subject_id, e.form_key, e.field, e.old_value, e.new_value])).toEqual(expect.arrayContaining(expected));
      expect(entries).toHaveLength(expected.length);
    } finally {
      await site.close();
    }
  });

  it('makes 1.1.0 the site\'s definition; forms the amendment did not change keep the version they were entered under', async () => {
    const site = await amended.login();
    try {
      expect(site.study.definition.version).toBe('1.1.0');
      const after = await listAllInstances(site.store.db);
      expect(new Set(after.filter((i) => i.form === 'dm').map((i) => i.defVersion))).toEqual(new Set(['1.1.0']));
      expect(new Set(after.filter((i) => i.form !== 'dm').map((i) => i.defVersion))).toEqual(new Set(['0.1.0']));
    } finally {
      await site.close();
    }
  });

  it('prints the amendment and, as warnings, the subjects born before 1960 that the new check EC06 now flags', () => {
    expect(printed).toContain('Amendment 0.1.0 → 1.1.0 applied');
    const flagged = amended.subjects.filter((s) => Number(dmOf(before, s).data.birth_year) < EC06_FROM);
    expect(flagged.length).toBeGreaterThan(0);
    expect(printed).toContain(`${flagged.length} check(s) of version 1.1.0 now fail on existing data (nothing is blocked)`);
    for (const subject of flagged) expect(printed).toContain(`${subject} dm #1: EC06 (soft)`);
    for (const subject of amended.subjects.filter((s) => !flagged.includes(s))) expect(printed).not.toContain(`${subject} dm #1: EC06`);
  });

  it('merges at the centre the site\'s next bundle, with a form saved under 1.1.0, nothing quarantined', async () => {
    const site = await amended.login();
    let file: string;
    try {
      await saveForm(site, SaveFormInput.parse({ subjectId: amended.subjects[0], form: 'dm', data: { ecog: 1 }, reason: 'ECOG collected' }));
      file = (await exportBundle(site, join(tmp.dir, 'usb2'))).file;
    } finally {
      await site.close();
    }
    const central = await amended.net.central();
    try {
      const merged = await mergeBundle(central, file);
      expect(merged).toMatchObject({ status: 'merged', counts: { quarantined: 0 } });
      const next = await exportReturn(central, { siteId: 'IT01', outDir: join(tmp.dir, 'back2') });
      // The site is at 1.1.0 now: the next return bundle carries no amendment.
      expect(next.counts.amendments).toBe(0);
    } finally {
      await central.close();
    }
  });

  it('imports the same return bundle again without changing anything', async () => {
    const again = await edc(['return', 'import', '--db', amended.dbFile, '--user', USERS.admin, amended.returnFile], { EDC_PASSWORD: PASSWORDS.admin, EDC_PASSPHRASE: PASSPHRASE });
    expect(again.code).toBe(0);
    expect(again.out).toContain('already imported: nothing changed');
  });
});
