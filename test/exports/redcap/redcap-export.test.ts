// `exportRedcap` of a site store: the four files pass REDCap's rules; the import file carries the entered
// data in REDCap's terms (missing-data codes, checkbox columns, repeating instances, form status) and no
// calculated field; the README says what to paste and upload; nothing is overwritten; the export is audited;
// and ino-all-it's export, from a site of synthetic patients, breaks none of REDCap's rules.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openSession } from '../../../src/core/auth/open-session';
import { exportRedcap } from '../../../src/core/exports/redcap/export-redcap';
import { saveForm } from '../../../src/core/forms/save-form';
import type { Session } from '../../../src/core/store/session';
import { createSubject } from '../../../src/core/subjects/create-subject';
import { auditPage } from '../../../src/db/repositories/audit.repository';
import { SaveFormInput } from '../../../src/shared/contract/forms';
import { seedSite } from '../../../src/tools/synthetic';
import { createTestSite } from '../../helpers/site';
import { tempDir } from '../../helpers/temp';
import { checkRedcapFolder, type ProjectCheck } from './redcap-rules';

const NOTE = 'Line one\nline "two", with a comma\r\nand three';

describe('REDCap export of a site store', () => {
  const tmp = tempDir();
  let admin: Session;
  let out: string;
  let project: ProjectCheck;
  const ids: string[] = [];

  beforeAll(async () => {
    const site = await createTestSite(tmp.dir);
    admin = await site.login('admin');
    const save = (subjectId: string, form: string, data: Record<string, unknown>, complete = false): Promise<unknown> => saveForm(admin, SaveFormInput.parse({ subjectId, form, data, complete }));
    ids.push((await createSubject(admin, {})).id);
    await save(ids[0]!, 'dm', { sex: '2', birth_year: 1970, height_cm: 158.5, weight_kg: { missing: 'NK' }, dx_date: '2019-04', comorb_any: '1', comorbidities: { missing: 'NK' } });
    await save(ids[0]!, 'cyc', { cyc_no: 1, cyc_start: '2020-01-10', d1_dose_mg: 1.25 });
    await save(ids[0]!, 'cyc', { cyc_no: 2, cyc_start: '2020-02-07', d1_dose_mg: 0.8 });
    ids.push((await createSubject(admin, {})).id);
    await save(ids[1]!, 'dm', { sex: '1', birth_year: 1955, height_cm: 180, weight_kg: 80, dx_date: '2018-06', comorb_any: '1', comorbidities: ['1', '99'], comorb_other: NOTE }, true);
    ids.push((await createSubject(admin, {})).id);
    out = join(tmp.dir, 'redcap');
    await exportRedcap(admin, out);
    project = checkRedcapFolder(out);
  });
  afterAll(async () => {
    await admin.close();
    tmp.cleanup();
  });

  const rowsOf = (id: string): Record<string, string>[] => project.rows.filter((r) => r.record_id === id);

  it('writes files with no violation of REDCap’s dictionary, repeating-instrument and import rules', () => {
    expect(project.violations).toEqual([]);
    expect(project.repeating).toEqual(['cyc', 'ae']);
    expect(project.missingCodes).toEqual(['ND', 'NK', 'NA']);
  });

  it('writes one row per subject and one per repeating instance, subjects without forms included', () => {
    expect(rowsOf(ids[0]!).map((r) => [r.redcap_repeat_instrument, r.redcap_repeat_instance])).toEqual([
      ['', ''],
      ['cyc', '1'],
      ['cyc', '2'],
    ]);
    expect(rowsOf(ids[1]!)).toHaveLength(1);
    expect(rowsOf(ids[2]!)).toHaveLength(1);
    expect(Object.entries(rowsOf(ids[2]!)[0]!).filter(([k, v]) => k !== 'record_id' && v !== '')).toEqual([]);
  });

  it('writes missing-data reasons as REDCap Missing Data Codes, a checkbox’s in its own field___nk column', () => {
    const [record] = rowsOf(ids[0]!);
    expect(record).toMatchObject({ weight_kg: 'NK', comorbidities___1: '', comorbidities___99: '', comorbidities___nk: '1', comorbidities___nd: '0', comorbidities___na: '0', height_cm: '158.5', dx_date: '2019-04' });
    expect(rowsOf(ids[1]!)[0]).toMatchObject({ comorbidities___1: '1', comorbidities___99: '1', comorbidities___nk: '0', comorb_other: NOTE });
  });

  it('writes the form status as <form>_complete on the row of its form', () => {
    const [record, cycle1] = rowsOf(ids[0]!);
    expect(record!.dm_complete).toBe('0');
    expect(record!.cyc_complete).toBe('');
    expect(cycle1).toMatchObject({ cyc_complete: '0', cyc_start: '2020-01-10', d1_dose_mg: '1.25', dm_complete: '' });
    expect(rowsOf(ids[1]!)[0]!.dm_complete).toBe('1');
  });

  it('leaves calculated fields out of the import file (REDCap computes its own)', () => {
    const header = Object.keys(project.rows[0]!);
    for (const calc of ['bsa_m2', 'age_first_dose', 'cyc_dose_mg_m2']) expect(header).not.toContain(calc);
    expect(project.dictionary.byName.get('bsa_m2')!.type).toBe('calc');
  });

  it('writes a README with the Missing Data Codes to paste, the three uploads and the calculations REDCap cannot do', () => {
    const readme = readFileSync(join(out, 'README.md'), 'utf8');
    expect(readme).toContain('```\nND, Not done\nNK, Not known (not in source)\nNA, Not applicable\n```');
    expect(readme.indexOf('redcap_dictionary.csv` and commit')).toBeLessThan(readme.indexOf('Upload instrument list: upload `redcap_repeating.csv`'));
    expect(readme.indexOf('Upload instrument list')).toBeLessThan(readme.indexOf('Data Import Tool: upload `redcap_import.csv`'));
    expect(readme).toContain("Calculations REDCap cannot compute (1): `age_first_dose`");
  });

  it('writes the export to the audit trail with the hash of every file as written', async () => {
    const entry = (await auditPage(admin.store.db, 0, 10_000)).filter((e) => e.action === 'export.redcap').at(-1)!;
    const details = JSON.parse(entry.details!) as { subjects: number; files: { name: string; sha256: string }[] };
    expect(details.subjects).toBe(3);
    for (const f of details.files) expect(f.sha256).toBe(createHash('sha256').update(readFileSync(join(out, f.name))).digest('hex'));
    expect(details.files.map((f) => f.name).sort()).toEqual(['README.md', 'redcap_dictionary.csv', 'redcap_import.csv', 'redcap_repeating.csv']);
  });

  it('refuses to write into a folder that holds an export, leaving it and the audit trail as they were', async () => {
    const before = readFileSync(join(out, 'redcap_import.csv'));
    const audited = (await auditPage(admin.store.db, 0, 10_000)).length;
    await expect(exportRedcap(admin, out)).rejects.toMatchObject({ code: 'export.filesExist' });
    expect(readFileSync(join(out, 'redcap_import.csv')).equals(before)).toBe(true);
    expect((await auditPage(admin.store.db, 0, 10_000)).length).toBe(audited);
  });
});

describe('REDCap export of a site store of ino-all-it filled with synthetic patients', () => {
  const tmp = tempDir();
  let project: ProjectCheck;

  beforeAll(async () => {
    const clock = (): Date => new Date('2026-11-25T10:00:00.000Z');
    const seeded = await seedSite({ dir: tmp.dir, siteId: 'IT02', patients: 20, seed: 'redcap-export', clock, signShare: 0.5, lockShare: 0.2 });
    const admin = seeded.users.find((u) => u.role === 'admin')!;
    const session = await openSession({ dbFile: seeded.dbFile, username: admin.username, password: admin.password, clock });
    try {
      await exportRedcap(session, join(tmp.dir, 'redcap'), { lang: 'it' });
    } finally {
      await session.close();
    }
    project = checkRedcapFolder(join(tmp.dir, 'redcap'));
  }, 600_000);
  afterAll(() => tmp.cleanup());

  it('breaks none of REDCap’s rules, with every form status and repeating form of the study', () => {
    expect(project.violations).toEqual([]);
    expect(new Set(project.rows.map((r) => r.redcap_repeat_instrument))).toEqual(new Set(['', 'pt', 'ino', 'resp', 'ae', 'vod', 'st', 'fu_contact', 'ru']));
    expect(new Set(project.rows.map((r) => r.dm_complete).filter((c) => c !== ''))).toEqual(new Set(['1', '2']));
    expect(project.rows.filter((r) => r.redcap_repeat_instrument === '')).toHaveLength(20);
  });
});
