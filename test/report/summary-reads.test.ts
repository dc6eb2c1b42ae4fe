// The report evaluates a subject once only when no calculated value reads a subject summary: a calc that reads
// "forms complete" or "open queries", directly or through another calc, must make it evaluate twice.

import { loadBuiltInStudy } from '../../src/core/study/built-in';
import { calcsReadSummary } from '../../src/core/report/summary-reads';
import { CompiledStudy } from '../../src/shared/study/compile';
import type { Field, StudyDefinition } from '../../src/shared/study/definition.schema';

const base = loadBuiltInStudy('ino-all-it').definition;

/** ino-all-it with extra calculated fields on its end-of-study form. */
function withCalcs(...calcs: { name: string; calc: string }[]): CompiledStudy {
  const extra = calcs.map((c) => ({ name: c.name, type: 'calc', valueType: 'number', label: { en: c.name, it: c.name }, calc: c.calc }) as unknown as Field);
  const definition: StudyDefinition = { ...base, forms: base.forms.map((f) => (f.key === 'eos' ? { ...f, fields: [...f.fields, ...extra] } : f)) };
  const study = new CompiledStudy(definition);
  // Each extra calc must compile, or the walk would find nothing to read and prove nothing.
  expect(study.problems).toEqual([]);
  for (const c of calcs) expect(study.field('eos', c.name)?.calc).toBeDefined();
  return study;
}

describe('whether a calculated value reads a subject summary', () => {
  it('is false for ino-all-it, whose age reads only the identity birth date', () => {
    expect(calcsReadSummary(new CompiledStudy(base))).toBe(false);
  });

  it('is true for a calc that reads system("open_queries")', () => {
    expect(calcsReadSummary(withCalcs({ name: 'has_queries', calc: 'if(system("open_queries") > 0, 1, 0)' }))).toBe(true);
  });

  it('is true for a calc that reads the forms-complete summary field', () => {
    expect(calcsReadSummary(withCalcs({ name: 'closable', calc: 'if([forms_complete] = "1", 1, 0)' }))).toBe(true);
  });

  it('is true for a calc that reads a summary only through another calc', () => {
    expect(calcsReadSummary(withCalcs({ name: 'has_queries', calc: 'if(system("open_queries") > 0, 1, 0)' }, { name: 'flag', calc: '[has_queries] * 2' }))).toBe(true);
  });

  it('is false for a calc that reads a non-summary system value', () => {
    expect(calcsReadSummary(withCalcs({ name: 'signed_blank', calc: 'if(isblank(system("signature_date")), 1, 0)' }))).toBe(false);
  });
});
