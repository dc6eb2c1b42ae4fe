// How the screens group queries: only those awaiting an answer (open, re-opened) are counted per subject, per
// form instance and per field; a save changing a queried field offers that field's queries; age in whole days.

import { describe, expect, it } from '@jest/globals';
import { ageInDays, instanceKey, openByInstance, openBySubject, openOnRecord, queriedAmong } from './query-groups';
import { aQuery } from './test-queries';

const queries = [
  aQuery({ id: 'Q-00000000000A', field: 'weight_kg' }),
  aQuery({ id: 'Q-00000000000B', field: 'weight_kg', status: 'reopened' }),
  aQuery({ id: 'Q-00000000000C', field: 'height_cm', status: 'answered' }),
  aQuery({ id: 'Q-00000000000D', field: null }),
  aQuery({ id: 'Q-00000000000E', form: 'ae', instanceNo: 2, field: 'ae_grade' }),
  aQuery({ id: 'Q-00000000000F', form: null, instanceNo: null, field: null, subjectId: 'IT01-0001' }),
  aQuery({ id: 'Q-000000000010', subjectId: 'IT01-0002', status: 'closed' }),
  aQuery({ id: 'Q-000000000011', subjectId: 'IT01-0003' }),
];

const DM1 = { subjectId: 'IT01-0001', form: 'dm', instanceNo: 1 };

describe('query groups', () => {
  it('counts per subject only the queries awaiting an answer', () => {
    expect(Object.fromEntries(openBySubject(queries))).toEqual({ 'IT01-0001': 5, 'IT01-0003': 1 });
  });

  it('counts per form instance the field and form queries, not the subject-level ones', () => {
    const counts = openByInstance(queries);
    expect(counts.get(instanceKey('dm', 1))).toBe(4);
    expect(counts.get(instanceKey('ae', 2))).toBe(1);
    expect(counts.get(instanceKey('ae', 1))).toBeUndefined();
  });

  it('puts a record’s open queries (not another subject’s) on their fields, and those on no field at the form level', () => {
    const record = openOnRecord(queries, DM1);
    expect(record.byField.get('weight_kg')?.map((q) => q.id)).toEqual(['Q-00000000000A', 'Q-00000000000B']);
    expect(record.byField.has('height_cm')).toBe(false);
    expect(record.formLevel.map((q) => q.id)).toEqual(['Q-00000000000D']);
    expect(openOnRecord(queries, { ...DM1, form: 'ae' }).byField.size).toBe(0);
  });

  it('offers the queries on the fields a save changes, and none when no queried field changes', () => {
    const record = openOnRecord(queries, DM1);
    expect(queriedAmong(record, ['sex', 'weight_kg'])).toEqual(['Q-00000000000A', 'Q-00000000000B']);
    expect(queriedAmong(record, ['sex', 'height_cm'])).toEqual([]);
  });

  it('gives the age in whole days since the query was raised', () => {
    const q = aQuery({ raisedAt: '2026-11-20T09:30:00.000Z' });
    expect(ageInDays(q, new Date('2026-11-20T18:00:00.000Z'))).toBe(0);
    expect(ageInDays(q, new Date('2026-11-23T09:30:00.000Z'))).toBe(3);
  });
});
