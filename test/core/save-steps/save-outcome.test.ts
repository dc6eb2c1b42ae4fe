// What a save writes: the instance and its audit entries.

import type { EvaluatedFormInstance } from '../../../src/db/domain';
import { CLEARED_REASON, saveAuditEntries, savedInstance, type SaveOutcomeInput } from '../../../src/core/forms/save-outcome';

const AT = '2026-11-25T10:00:00.000Z';
const results = { missing: 0, hard: 0, soft: 0, failedChecks: [], missingFields: [] };

const signed: EvaluatedFormInstance = {
  id: 7,
  siteId: 'IT01',
  subjectId: 'IT01-0001',
  form: 'dm',
  instanceNo: 1,
  data: { sex: '1', weight_kg: 70 },
  defVersion: '0.1.0',
  status: 'signed',
  version: 3,
  completedOnce: true,
  overrides: {},
  createdAt: '2026-11-01T09:00:00.000Z',
  createdBy: 'dora',
  updatedAt: '2026-11-02T09:00:00.000Z',
  updatedBy: 'dora',
  signedBy: 'ivo',
  signedAt: '2026-11-03T09:00:00.000Z',
  signMeaning: 'I confirm / Confermo',
  lockedBy: null,
  lockedAt: null,
  deviceCalcs: null,
  results,
};

const input = (over: Partial<SaveOutcomeInput>): SaveOutcomeInput => ({
  existing: undefined,
  target: { siteId: 'IT01', subjectId: 'IT01-0001', form: 'dm', instanceNo: 1 },
  defVersion: '0.2.0',
  oldData: {},
  data: { sex: '1' },
  changed: ['sex'],
  cleared: [],
  reason: undefined,
  decision: { status: 'draft', voidsSignature: false },
  overrides: {},
  newOverrides: [],
  results,
  by: { user: 'mario', at: AT },
  ...over,
});

describe('the instance a save writes', () => {
  it('creates a first version by the saving user under the current definition', () => {
    expect(savedInstance(input({}))).toMatchObject({ version: 1, status: 'draft', completedOnce: false, createdBy: 'mario', createdAt: AT, updatedBy: 'mario', defVersion: '0.2.0', signedBy: null });
  });

  it('counts the version up, keeps who created it, and remembers it was completed once', () => {
    const saved = savedInstance(input({ existing: { ...signed, status: 'complete', signedBy: null, signedAt: null }, decision: { status: 'draft', voidsSignature: false } }));
    expect(saved).toMatchObject({ version: 4, createdBy: 'dora', createdAt: signed.createdAt, completedOnce: true, updatedBy: 'mario' });
  });

  it('drops the signature a change voids, and keeps one that still holds', () => {
    expect(savedInstance(input({ existing: signed, decision: { status: 'complete', voidsSignature: true } }))).toMatchObject({ signedBy: null, signedAt: null, signMeaning: null });
    expect(savedInstance(input({ existing: signed, changed: [], decision: { status: 'signed', voidsSignature: false } }))).toMatchObject({ signedBy: 'ivo', signedAt: signed.signedAt });
  });
});

describe('the audit entries of a save', () => {
  it('records a new instance: creation with its definition version, each field, and the status', () => {
    expect(saveAuditEntries(input({}))).toEqual([
      { action: 'form.create', subject_id: 'IT01-0001', form_key: 'dm', instance_no: 1, details: { defVersion: '0.2.0' } },
      { action: 'field.change', subject_id: 'IT01-0001', form_key: 'dm', instance_no: 1, field: 'sex', old_value: null, new_value: '1', reason: null },
      { action: 'form.status', subject_id: 'IT01-0001', form_key: 'dm', instance_no: 1, old_value: null, new_value: 'draft' },
    ]);
  });

  it('gives each change the user’s reason, a cleared field its own, an override and a voided signature their entries', () => {
    const entries = saveAuditEntries(
      input({
        existing: signed,
        oldData: signed.data,
        data: { sex: '2' },
        changed: ['sex', 'weight_kg'],
        cleared: ['weight_kg'],
        reason: 'Chart re-read',
        decision: { status: 'complete', voidsSignature: true },
        overrides: { EC02: { reason: 'Confirmed', by: 'mario', at: AT } },
        newOverrides: ['EC02'],
      }),
    );
    expect(entries.map((e) => [e.action, e.field ?? null, e.reason ?? null])).toEqual([
      ['field.change', 'sex', 'Chart re-read'],
      ['field.change', 'weight_kg', CLEARED_REASON],
      ['check.override', null, 'Confirmed'],
      ['form.signatureVoided', null, 'Chart re-read'],
      ['form.status', null, null],
    ]);
    expect(entries.at(-1)).toMatchObject({ old_value: 'signed', new_value: 'complete' });
    expect(entries.find((e) => e.action === 'form.signatureVoided')?.details).toEqual({ signedBy: 'ivo' });
  });

  it('writes no status entry when the status stays', () => {
    expect(saveAuditEntries(input({ existing: { ...signed, status: 'draft' }, decision: { status: 'draft', voidsSignature: false } })).map((e) => e.action)).toEqual(['field.change']);
  });
});
