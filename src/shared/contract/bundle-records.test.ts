// The fast audit-record check agrees with the zod schema on valid and invalid records alike.

import fc from 'fast-check';
import { AuditRecord, isAuditRecord } from './bundle-records';

const valid = {
  id: 3,
  at: '2026-01-01T00:00:00.000Z',
  user: 'anna',
  action: 'field.change',
  subject_id: 'IT01-0001',
  form_key: 'dm',
  instance_no: 1,
  field: 'sex',
  old_value: null,
  new_value: '1',
  reason: null,
  details: null,
  prev_hash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

describe('isAuditRecord', () => {
  it('accepts exactly what the AuditRecord schema accepts', () => {
    expect(isAuditRecord(valid)).toBe(true);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record({ key: fc.constantFrom(...Object.keys(valid)), value: fc.oneof(fc.anything(), fc.constant(null), fc.string(), fc.integer(), fc.double()) }).map(({ key, value }) => ({ ...valid, [key]: value })),
          fc.constantFrom(...Object.keys(valid)).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
          fc.string().map((extra) => ({ ...valid, [`x${extra}`]: 1 })),
        ),
        (value) => isAuditRecord(value) === AuditRecord.safeParse(value).success,
      ),
      { numRuns: 5000 },
    );
  });
});
