// CSV exports read back equal the store, in both dialects; repeats with zero instances and subjects
// with no forms export correctly; identified exports only for admins; every export audited.

import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { fieldHistory } from '../../src/core/audit/audit-queries';
import { exportCsv } from '../../src/core/exports/csv/export-csv';
import { DIALECTS, parseDate, type DialectName } from '../../src/core/exports/csv/dialect';
import { saveForm } from '../../src/core/forms/save-form';
import type { Session } from '../../src/core/store/session';
import { createSubject } from '../../src/core/subjects/create-subject';
import { auditPage } from '../../src/db/repositories/audit.repository';
import { listAllInstances } from '../../src/db/repositories/form-instances.repository';
import { withRawConnection } from '../helpers/raw-connection';
import { SaveFormInput } from '../../src/shared/contract/forms';
import type { Field } from '../../src/shared/study/definition.schema';
import type { FormData, StoredEntry } from '../../src/shared/study/entries';
import { createTestSite, type TestSite } from '../helpers/site';
import { tempDir } from '../helpers/temp';
import { studyModules } from '../../src/studies';
import { loadBuiltInStudy } from '../../src/core/study/built-in';

function readCsv(file: string, dialect: DialectName): Record<string, string>[] {
  let text = readFileSync(file, 'utf8');
  if (DIALECTS[dialect].bom) {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    text = text.slice(1);
  }
  expect(text).toContain('\r\n');
  return parse(text, { columns: true, delimiter: DIALECTS[dialect].delimiter, skip_empty_lines: true }) as Record<string, string>[];
}

/** The stored entry a cell stands for, reversing the dialect's formatting. */
function entryOf(field: Field, cell: string, dialect: DialectName): StoredEntry | undefined {
  if (cell === '') return undefined;
  if (cell === 'ND' || cell === 'NK' || cell === 'NA') return { missing: cell };
  const d = DIALECTS[dialect];
  switch (field.type) {
    case 'integer':
    case 'decimal':
      return Number(d.decimalComma ? cell.replace(',', '.') : cell);
    case 'date':
    case 'partialDate':
      return parseDate(cell, d);
    case 'text':
      return d.guardFormulas && /^'[=+\-@]/.test(cell) ? cell.slice(1) : cell;
    default:
      return cell;
  }
}

describe('CSV export', () => {
  const tmp = tempDir();
  let site: TestSite;
  let admin: Session;
  let withNothing = '';

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    admin = await site.login('admin');
    const a = (await createSubject(admin, { identity: { sil_surname: 'Csvinski', sil_codice_fiscale: 'RSSMRA85T10A562S' } })).id;
    await saveForm(admin, SaveFormInput.parse({ subjectId: a, form: 'dm', data: { sex: '2', birth_year: 1970, height_cm: 158.5, weight_kg: { missing: 'NK' }, dx_date: '2019-04', comorb_any: '1', comorbidities: ['1', '99'], comorb_other: '=SUM(A1); "quoted", semi;colon\nnewline' } }));
    await saveForm(admin, SaveFormInput.parse({ subjectId: a, form: 'cyc', data: { cyc_no: 1, cyc_start: '2020-01-10', d1_dose_mg: 1.25 } }));
    await saveForm(admin, SaveFormInput.parse({ subjectId: a, form: 'cyc', data: { cyc_no: 2, cyc_start: '2020-02-07', d1_dose_mg: 0.8 } }));
    const b = (await createSubject(admin, {})).id;
    await saveForm(admin, SaveFormInput.parse({ subjectId: b, form: 'dm', data: { sex: '1', birth_year: 1955, height_cm: 180, weight_kg: 80, dx_date: '2018-06', comorb_any: '0' }, complete: true }));
    withNothing = (await createSubject(admin, {})).id;
  });
  afterAll(async () => {
    await admin.close();
    tmp.cleanup();
  });

  for (const dialect of ['rfc4180', 'excel-it'] as const) {
    it(`reads back equal to the store for every form (${dialect})`, async () => {
      const out = join(tmp.dir, `csv-${dialect}`);
      const result = await exportCsv(admin, out, { modules: studyModules, dialect });
      const rows = await listAllInstances(admin.store.db);
      for (const form of admin.study.definition.forms) {
        const read = readCsv(join(out, `${form.key}.csv`), dialect);
        const stored = rows.filter((r) => r.form === form.key);
        expect(read).toHaveLength(stored.length);
        for (const row of stored) {
          const line = read.find((r) => r.subject_id === row.subjectId && (!form.repeating || Number(r.instance) === row.instanceNo))!;
          expect(line.site_id).toBe('IT01');
          const data = row.data;
          const back: FormData = {};
          for (const field of form.fields) {
            if (field.type === 'calc') continue;
            if (field.type === 'multi') {
              const ticked = Object.keys(line).filter((k) => k.startsWith(`${field.name}___`) && line[k] === '1').map((k) => k.split('___')[1]!);
              if (ticked.length > 0) back[field.name] = ticked;
              continue;
            }
            const entry = entryOf(field, line[field.name] ?? '', dialect);
            if (entry !== undefined) back[field.name] = entry;
          }
          expect(back).toEqual(data);
          expect(line[`${form.key}_complete`]).toBe(row.status === 'draft' ? '0' : row.status === 'complete' ? '1' : '2');
        }
      }
      const wide = readCsv(join(out, 'subjects_wide.csv'), dialect);
      expect(wide.map((r) => r.subject_id).sort()).toEqual(result.files.length > 0 ? ['IT01-0001', 'IT01-0002', 'IT01-0003'] : []);
      const empty = wide.find((r) => r.subject_id === withNothing)!;
      expect(empty.dm_complete).toBe('');
      expect(empty.sex).toBe('');
      const cycles = readCsv(join(out, 'cyc.csv'), dialect);
      expect(cycles.filter((r) => r.subject_id === 'IT01-0002')).toHaveLength(0);
      expect(result.files.every((f) => /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true);
    });
  }

  it('writes decimal commas and a formula guard only in the Excel dialect, ISO dates in both', () => {
    const excel = readFileSync(join(tmp.dir, 'csv-excel-it', 'cyc.csv'), 'utf8');
    expect(excel).toContain('2020-01-10');
    expect(excel).not.toContain('10/01/2020');
    expect(excel).toContain('1,25');
    const plain = readFileSync(join(tmp.dir, 'csv-rfc4180', 'cyc.csv'), 'utf8');
    expect(plain).toContain('2020-01-10');
    expect(plain).toContain('1.25');
    expect(readFileSync(join(tmp.dir, 'csv-excel-it', 'dm.csv'), 'utf8')).toContain("'=SUM(A1)");
  });

  it('keeps a line break typed in a text field inside one quoted cell, as R, Stata and Excel expect', () => {
    for (const [dir, delimiter] of [['csv-rfc4180', ','], ['csv-excel-it', ';']] as const) {
      const text = readFileSync(join(tmp.dir, dir, 'dm.csv'), 'utf8');
      expect(text).toContain(`${delimiter}"${dir === 'csv-excel-it' ? "'" : ''}=SUM(A1); ""quoted"", semi;colon\nnewline"`);
      // Every record ends in CRLF; the only bare LF is the one inside the quoted cell.
      expect(text.replaceAll('\r\n', '').split('\n')).toHaveLength(2);
    }
  });

  it('never writes identification-log values unless an admin asks for an identified export', async () => {
    for (const f of ['dm.csv', 'cyc.csv', 'ae.csv', 'subjects_wide.csv']) {
      expect(readFileSync(join(tmp.dir, 'csv-rfc4180', f), 'utf8')).not.toMatch(/Csvinski|RSSMRA85T10A562S/);
    }
    const entry = await site.login('data_entry');
    try {
      await expect(exportCsv(entry, join(tmp.dir, 'x'), { modules: studyModules, dialect: 'rfc4180', identified: true })).rejects.toMatchObject({ code: 'role.forbidden' });
    } finally {
      await entry.close();
    }
    const result = await exportCsv(admin, join(tmp.dir, 'identified'), { modules: studyModules, dialect: 'rfc4180', identified: true });
    const file = result.files.find((f) => f.name.includes('IDENTIFIED'))!;
    expect(file.name).toBe('IT01_IDENTIFIED_identification_log.csv');
    expect(readFileSync(join(tmp.dir, 'identified', file.name), 'utf8')).toContain('Csvinski');
  });

  it('writes every export to the audit trail with scope and file hashes', async () => {
    const entries = (await auditPage(admin.store.db, 0, 10_000)).filter((e) => e.action === 'export.csv');
    expect(entries.length).toBeGreaterThanOrEqual(3);
    const details = JSON.parse(entries.at(-1)!.details!) as { identified: boolean; files: { name: string; sha256: string }[] };
    expect(details.identified).toBe(true);
    expect(details.files.length).toBeGreaterThan(3);
    expect(await fieldHistory(admin, { subjectId: 'IT01-0001', field: 'sil_surname' })).toEqual([]);
  });

  it('refuses to export into a folder that already holds an export, leaving its files and the audit trail as they were', async () => {
    const out = join(tmp.dir, 'csv-rfc4180');
    const before = readFileSync(join(out, 'dm.csv'));
    const audited = (await auditPage(admin.store.db, 0, 10_000)).length;
    await expect(exportCsv(admin, out, { modules: studyModules, dialect: 'rfc4180' })).rejects.toMatchObject({ code: 'export.filesExist', details: { folder: out } });
    expect(readFileSync(join(out, 'dm.csv')).equals(before)).toBe(true);
    expect((await auditPage(admin.store.db, 0, 10_000)).length).toBe(audited);
  });

  it('reports a file that cannot be opened with its code instead of failing the process, and audits nothing', async () => {
    const out = join(tmp.dir, 'blocked');
    mkdirSync(out);
    // A dangling link passes the up-front check (nothing is there to overwrite) but refuses the exclusive open.
    symlinkSync(join(out, 'nowhere'), join(out, 'codebook.csv'));
    const audited = (await auditPage(admin.store.db, 0, 10_000)).length;
    await expect(exportCsv(admin, out, { modules: studyModules, dialect: 'rfc4180' })).rejects.toMatchObject({ code: 'export.writeFailed', details: { file: join(out, 'codebook.csv') } });
    expect((await auditPage(admin.store.db, 0, 10_000)).length).toBe(audited);
  });
});

describe('codebook', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('documents every column of every exported file, analysis.csv included', async () => {
    // ino-all-it: its module's analysis.csv (a study without a module gets the generic dataset, test/studies).
    const site = await createTestSite(tmp.dir, { study: loadBuiltInStudy('ino-all-it') });
    const admin = await site.login('admin');
    try {
      const id = (await createSubject(admin, {})).id;
      await saveForm(admin, SaveFormInput.parse({ subjectId: id, form: 'dm', data: { sex: '1' } }));
      const result = await exportCsv(admin, join(tmp.dir, 'out'), { modules: studyModules, dialect: 'rfc4180' });
      const codebook = readCsv(join(tmp.dir, 'out', 'codebook.csv'), 'rfc4180');
      const documented = new Set(codebook.map((r) => `${r.file}|${r.variable}`));
      for (const file of result.files.filter((f) => f.name.endsWith('.csv') && f.name !== 'codebook.csv')) {
        const header = Object.keys(readCsv(join(tmp.dir, 'out', file.name), 'rfc4180')[0] ?? {});
        const head = readFileSync(join(tmp.dir, 'out', file.name), 'utf8').split('\r\n')[0]!.split(',');
        for (const column of header.length > 0 ? header : head) expect({ file: file.name, column, documented: documented.has(`${file.name}|${column}`) }).toEqual({ file: file.name, column, documented: true });
      }
      expect(codebook.find((r) => r.variable === 'os_days')?.derivation).toMatch(/censor/i);
    } finally {
      await admin.close();
    }
  });
});

describe('CSV export of a store that changes meanwhile', () => {
  const tmp = tempDir();
  let site: TestSite;
  let admin: Session;
  const ids: string[] = [];

  beforeAll(async () => {
    site = await createTestSite(tmp.dir);
    admin = await site.login('admin');
    // More subjects than the export reads at a time, so that it is half-way when the store changes.
    for (let i = 0; i < 25; i += 1) {
      const id = (await createSubject(admin, {})).id;
      await saveForm(admin, SaveFormInput.parse({ subjectId: id, form: 'dm', data: { sex: '1', birth_year: 1950 + i, weight_kg: 70 } }));
      ids.push(id);
    }
  });
  afterAll(async () => {
    await admin.close();
    tmp.cleanup();
  });

  it('writes one snapshot: a change committed half-way through is in none of its files, and progress reaches the total', async () => {
    const other = await site.login('data_entry');
    const progress: [number, number][] = [];
    const last = ids.at(-1)!;
    try {
      await exportCsv(admin, join(tmp.dir, 'during'), {
        modules: studyModules,
        dialect: 'rfc4180',
        onProgress: (done, total) => {
          progress.push([done, total]);
          // Another connection commits a change to a subject the export has not reached yet.
          if (progress.length === 1) withRawConnection(other, (sqlite) => sqlite.prepare(`UPDATE form_instances SET data = json_set(data, '$.weight_kg', 99) WHERE subject_id = ? AND form_key = 'dm'`).run(last));
        },
      });
    } finally {
      await other.close();
    }
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([25, 25]);
    expect(progress.map(([done]) => done)).toEqual([...progress.map(([done]) => done)].sort((a, b) => a - b));
    const weightOf = (dir: string): string => readCsv(join(tmp.dir, dir, 'dm.csv'), 'rfc4180').find((r) => r.subject_id === last)!.weight_kg!;
    expect(weightOf('during')).toBe('70');
    // The change did commit: the next export has it.
    await exportCsv(admin, join(tmp.dir, 'after'), { modules: studyModules, dialect: 'rfc4180' });
    expect(weightOf('after')).toBe('99');
  });
});
