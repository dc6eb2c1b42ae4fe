// ANALYSIS_COLUMNS against deriveSubject (names, order, types, codes, SOCs), streaming, and fixtures valid for ino-all-it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analysisRows } from '../../src/core/analysis';
import { ANALYSIS_COLUMNS, CTCAE_SOCS, deriveSubject } from '../../src/studies/ino-all-it/analysis';
import type { DatasetSubject } from '../../src/core/dataset/dataset';
import { resourcesDir } from '../../src/core/resources';
import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { validateValue } from '../../src/shared/study/validate-value';
import { ae, alive, assessment, contact, context, cost, dead, dm, makeSubject, patientM, therapy } from './fixtures';
import { patientA } from './patient-a';

const ctx = context();

describe('ANALYSIS_COLUMNS', () => {
  it('names exactly the keys of a derived row, in order', () => {
    for (const subject of [patientA(), makeSubject('IT03-0090', []), patientM('IT03-0091', [dead('2020-03-01')])]) {
      expect(Object.keys(deriveSubject(subject, ctx))).toEqual(ANALYSIS_COLUMNS.map((c) => c.name));
    }
  });

  it('has unique names loadable in R, Stata and SAS, and a complete entry for each column', () => {
    const names = ANALYSIS_COLUMNS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of ANALYSIS_COLUMNS) {
      expect(c.name).toMatch(/^[a-z][a-z0-9_]{0,31}$/);
      expect(c.label.en.length).toBeGreaterThan(0);
      expect(c.label.it.length).toBeGreaterThan(0);
      expect(c.derivation.length).toBeGreaterThan(20);
      if (c.type === 'code') expect(c.codes?.length).toBeGreaterThan(0);
    }
    for (const name of ['os_days', 'os_event', 'efs_days', 'efs_event', 'dor_days', 'dor_event']) expect(names).toContain(name);
  });

  it('emits code values among the documented codes, and values of the declared types', () => {
    const rows = [patientA(), patientM('IT03-0092', [assessment('2020-02-01', '4'), alive()])].map((s) => deriveSubject(s, ctx));
    for (const row of rows) {
      for (const c of ANALYSIS_COLUMNS) {
        const value = row[c.name];
        if (value === null) continue;
        if (c.type === 'code') expect(c.codes!.map((x) => x.code)).toContain(String(value));
        if (c.type === 'integer') expect(Number.isInteger(value)).toBe(true);
        if (c.type === 'decimal') expect(typeof value).toBe('number');
        if (c.type === 'date') expect(value).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        if (c.type === 'text') expect(typeof value).toBe('string');
      }
    }
  });

  it('has one SOC column per SOC of the shipped CTCAE v5.0 list', () => {
    const file = JSON.parse(readFileSync(join(resourcesDir(), 'reference', 'ctcae-v5.0.json'), 'utf8')) as { terms: { soc: string }[] };
    expect(CTCAE_SOCS.map((s) => s.name).sort()).toEqual([...new Set(file.terms.map((t) => t.soc))].sort());
    expect(new Set(CTCAE_SOCS.map((s) => s.slug)).size).toBe(CTCAE_SOCS.length);
  });
});

describe('analysisRows', () => {
  it('streams one row per subject, in order', async () => {
    async function* dataset(): AsyncGenerator<DatasetSubject> {
      yield patientA();
      yield makeSubject('IT03-0093', [dm()]);
    }
    const ids: unknown[] = [];
    for await (const row of analysisRows(dataset(), (s) => deriveSubject(s, ctx))) ids.push(row.subject_id);
    expect(ids).toEqual(['IT03-0001', 'IT03-0093']);
  });
});

describe('fixtures', () => {
  it('hold values the ino-all-it definition accepts', () => {
    const study = loadBuiltInStudy('ino-all-it').compiled;
    const today = Date.UTC(2024, 0, 10) / 86_400_000;
    const m = patientM('IT03-0094', [
      assessment('2020-02-07', '1', { resp_anc: 1.5, resp_plt: 120 }),
      therapy('7', '2020-03-01', { st_regimen: 'FLAG-Ida', st_best_resp: '4', st_end: '2020-04' }),
      ae(10028813, '2', '2020-01'),
      cost('OP_VISIT', '9', 2, 100, { ru_unit: '6' }),
      contact('2020-06-01', '1', '2'),
      alive({ relapse_post_ino: '1', relapse_date: '2020-05-20', relapse_site: ['1'], relapse_cd22: '8' }),
    ]);
    for (const instance of [...patientA().instances, ...m.instances]) {
      for (const [name, raw] of Object.entries(instance.data)) {
        const compiled = study.field(instance.form, name);
        expect(compiled).toBeDefined();
        const result = validateValue(compiled!.field, raw, study.choicesOf(compiled!.field), today);
        if (!result.ok) throw new Error(`${instance.form}.${name} = ${JSON.stringify(raw)}: ${result.issue.code}`);
      }
    }
  });
});
