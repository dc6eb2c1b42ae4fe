// Every translation key the renderer uses exists in Italian and in English (that both languages have the same
// keys and placeholders is src/shared/i18n/catalogue.test.ts's check).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE, messageKeys } from '../../shared/i18n/catalogue';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const itKeys = new Set(messageKeys(CATALOGUE.it.ui));
const enKeys = new Set(messageKeys(CATALOGUE.en.ui));
/** A key as used in code exists when it, or its plural forms, are in the file. */
const has = (keys: Set<string>, key: string): boolean => keys.has(key) || keys.has(`${key}_one`) || keys.has(`${key}_other`);

describe('renderer translations', () => {
  it('has every literal key used with t() in both languages', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(150);
    expect([...used].filter((k) => !has(itKeys, k) || !has(enKeys, k))).toEqual([]);
  });

  it('has the keys built at run time: statuses, roles, filters, missing reasons, value issues, job phases, outcomes, highlights, query states and categories', () => {
    const dynamic = [
      ...['draft', 'complete', 'signed', 'locked', 'empty'].map((s) => `status.${s}`),
      ...['admin', 'investigator', 'data_entry', 'monitor'].map((r) => `roles.${r}`),
      ...['all', 'in_progress', 'complete', 'signed', 'with_failed_checks', 'with_missing'].map((f) => `subjects.filters.${f}`),
      ...['ND', 'NK', 'NA'].map((r) => `missing.${r}`),
      ...['year', 'month', 'day'].map((p) => `date.precisions.${p}`),
      ...['siteId', 'siteName', 'studyId', 'username', 'displayName', 'password', 'confirm'].map((f) => `firstRun.invalid.${f}`),
      ...['type', 'outOfRange', 'tooPrecise', 'notAChoice', 'duplicateChoice', 'tooLong', 'pattern', 'invalidDate', 'datePrecision', 'future', 'missingReasonNotAllowed', 'codiceFiscale', 'exclusiveChoice'].map(
        (c) => `issues.value.${c}`,
      ),
      ...['starting', 'reading', 'packing', 'encrypting', 'writing', 'merging', 'uploading', 'done'].map((p) => `job.phases.${p}`),
      ...['merged', 'unchanged', 'refused'].map((s) => `merge.status.${s}`),
      ...['merged', 'unchanged', 'refused', 'failed'].map((s) => `exchange.uploadStatus.${s}`),
      ...['hard', 'soft', 'overridden', 'missing'].map((f) => `review.flag.${f}`),
      ...['rfc', 'excel'].map((d) => `csv.dialects.${d}`),
      ...['awaiting', 'all', 'open', 'reopened', 'answered', 'closed'].map((f) => `queries.filters.${f}`),
      ...['open', 'answered', 'closed', 'reopened'].map((s) => `queries.status.${s}`),
      ...['missing', 'inconsistent', 'out_of_range', 'protocol', 'other'].map((c) => `queries.category.${c}`),
      ...['subject', 'form', 'field', 'category', 'status', 'age', 'text', 'actions'].map((c) => `queries.columns.${c}`),
    ];
    expect(dynamic.filter((k) => !itKeys.has(k) || !enKeys.has(k))).toEqual([]);
  });
});
