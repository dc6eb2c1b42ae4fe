// The merge's audit-consistency check holds each instance to its own fields when instances share field lists.

import { AuditConsistency } from '../../src/core/central/audit-consistency';
import type { AuditRecord, FormInstanceRecord, SubjectRecord } from '../../src/shared/contract/bundle-records';
import { AppError } from '../../src/shared/errors/app-error';

const HASH = '0'.repeat(64);
const subject = { id: 'S01-0001', site_id: 'S01', seq: 1, created_at: '2026-01-01T00:00:00Z', created_by: 'u' } satisfies SubjectRecord;

function instance(no: number, data: Record<string, unknown>): FormInstanceRecord {
  return {
    site_id: 'S01', subject_id: subject.id, form_key: 'vitals', instance_no: no, data, def_version: '1', status: 'draft', version: 1, completed_once: 0, overrides: {},
    created_at: 'x', created_by: 'u', updated_at: 'x', updated_by: 'u', signed_by: null, signed_at: null, sign_meaning: null, locked_by: null, locked_at: null, calcs: {},
  };
}

let id = 0;
function entry(action: string, fields: Partial<AuditRecord>): AuditRecord {
  id += 1;
  return { id, at: 'x', user: 'u', action, subject_id: subject.id, form_key: null, instance_no: null, field: null, old_value: null, new_value: null, reason: null, details: null, prev_hash: HASH, hash: HASH, ...fields };
}

function trail(values: Record<number, Record<string, string>>): AuditRecord[] {
  const out = [entry('subject.create', {})];
  for (const [no, fields] of Object.entries(values)) {
    out.push(entry('form.create', { form_key: 'vitals', instance_no: Number(no) }));
    for (const [field, value] of Object.entries(fields)) out.push(entry('form.save', { form_key: 'vitals', instance_no: Number(no), field, new_value: value }));
    out.push(entry('form.save', { form_key: 'vitals', instance_no: Number(no), new_value: 'draft' }));
  }
  return out;
}

function check(instances: FormInstanceRecord[], entries: AuditRecord[]): unknown {
  const consistency = new AuditConsistency('S01');
  consistency.subjects([subject]);
  consistency.instances(instances);
  consistency.audit(entries);
  try {
    consistency.finish();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.details : error;
  }
}

describe('audit consistency with instances of one form', () => {
  it('accepts instances with the same fields, each matching its own audited values', () => {
    expect(check([instance(1, { hr: '60', sbp: '120' }), instance(2, { hr: '70', sbp: '130' })], trail({ 1: { hr: '60', sbp: '120' }, 2: { hr: '70', sbp: '130' } }))).toBeNull();
  });

  it('names the field of the second instance whose stored value its trail does not give', () => {
    const found = check([instance(1, { hr: '60', sbp: '120' }), instance(2, { hr: '70', sbp: '999' })], trail({ 1: { hr: '60', sbp: '120' }, 2: { hr: '70', sbp: '130' } }));
    expect(found).toMatchObject({ count: 1, mismatches: [{ en: expect.stringContaining(`${subject.id} vitals #2 sbp:`) as unknown }] });
  });

  it('keeps apart field lists whose names joined with a separator would read the same', () => {
    // One instance has a single field named "a\nb", the other fields "a" and "b": neither takes the other's list.
    const found = check([instance(1, { 'a\nb': '1' }), instance(2, { a: '1', b: '2' })], trail({ 1: { 'a\nb': '1' }, 2: { a: '1', b: '2' } }));
    expect(found).toBeNull();
  });
});
