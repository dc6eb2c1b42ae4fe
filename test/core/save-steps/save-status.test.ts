// The status a save gives an instance, and the rules a save must meet.

import { decideStatus, refuseBlockedEntry, refuseInvalidSave } from '../../../src/core/forms/save-status';
import { loadBuiltInStudy } from '../../../src/core/study/built-in';
import { AppError } from '../../../src/shared/errors/app-error';
import type { CheckFailure, InstanceEvaluation } from '../../../src/shared/study/evaluate-subject';

const failure = (id: string, severity: 'hard' | 'soft', overridden = false): CheckFailure => ({
  id,
  severity,
  message: { en: `${id} in English`, it: `${id} in italiano` },
  fields: [],
  overriddenBy: overridden ? { reason: 'r', by: 'dora', at: '2026-11-25T10:00:00.000Z' } : null,
});

function refusal(run: () => void): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('not refused');
}

describe('the status a save decides', () => {
  it.each([
    ['a new instance saved as draft', { complete: false, previous: undefined, changed: true }, 'draft', false],
    ['a new instance marked complete', { complete: true, previous: undefined, changed: true }, 'complete', false],
    ['a complete instance changed without completing it', { complete: false, previous: 'complete', changed: true }, 'draft', false],
    ['a complete instance saved unchanged', { complete: false, previous: 'complete', changed: false }, 'complete', false],
    ['a signed instance marked complete again, unchanged', { complete: true, previous: 'signed', changed: false }, 'signed', false],
    ['a signed instance changed and marked complete', { complete: true, previous: 'signed', changed: true }, 'complete', true],
    ['a signed instance changed as draft', { complete: false, previous: 'signed', changed: true }, 'draft', true],
  ] as const)('%s', (_name, input, status, voidsSignature) => {
    expect(decideStatus(input)).toEqual({ status, voidsSignature });
  });
});

describe('the rules of a save', () => {
  const valid = { completedBefore: false, userChanged: ['sex'], reason: undefined, complete: true, missing: [], failures: [] };

  it('asks for a reason when a form completed before is changed', () => {
    expect(refusal(() => refuseInvalidSave({ ...valid, completedBefore: true })).code).toBe('form.reasonRequired');
    expect(() => refuseInvalidSave({ ...valid, completedBefore: true, reason: 'Typo in the chart' })).not.toThrow();
  });

  it('refuses to mark complete with missing items, naming them', () => {
    expect(refusal(() => refuseInvalidSave({ ...valid, missing: ['weight_kg'] }))).toMatchObject({ code: 'form.incomplete', details: { fields: ['weight_kg'] } });
  });

  it('refuses to mark complete while a hard check fails, describing it in both languages', () => {
    const error = refusal(() => refuseInvalidSave({ ...valid, failures: [failure('EC01', 'hard'), failure('EC02', 'soft', true)] }));
    expect(error).toMatchObject({ code: 'form.hardCheckFailed', details: { ids: ['EC01'] } });
    expect(error.messageIn('en')).toContain('EC01: EC01 in English');
    expect(error.messageIn('it')).toContain('EC01: EC01 in italiano');
  });

  it('refuses to mark complete while a soft check fails without a reason, and accepts it overridden', () => {
    const error = refusal(() => refuseInvalidSave({ ...valid, failures: [failure('EC02', 'soft')] }));
    expect(error).toMatchObject({ code: 'form.softCheckNeedsReason', details: { ids: ['EC02'] } });
    expect(error.messageIn('it')).toContain('EC02: EC02 in italiano');
    expect(() => refuseInvalidSave({ ...valid, failures: [failure('EC02', 'soft', true)] })).not.toThrow();
  });

  it('lets a draft be saved with missing items and failing checks', () => {
    expect(() => refuseInvalidSave({ ...valid, complete: false, missing: ['weight_kg'], failures: [failure('EC01', 'hard')] })).not.toThrow();
  });
});

describe('a form blocked for entry', () => {
  // ino-all-it EC02: no data in F02–F11 once consent was refused or withdrawn.
  const study = loadBuiltInStudy('ino-all-it').compiled;
  const own = (failures: CheckFailure[]): InstanceEvaluation => ({ form: 'dm', instanceNo: 1, calcs: {}, hidden: [], missing: [], failures });
  const blocking: CheckFailure = { ...failure('EC02', 'hard'), message: study.checks.find((c) => c.check.id === 'EC02')!.check.message };

  it('is refused with the blocking check’s message in the reader’s language', () => {
    const error = refusal(() => refuseBlockedEntry(study, own([blocking])));
    expect(error.code).toBe('form.entryBlocked');
    expect(error.messageIn('en')).toContain(blocking.message.en);
    expect(error.messageIn('it')).toContain(blocking.message.it);
  });

  it('is not refused for a failing check that does not block entry', () => {
    expect(() => refuseBlockedEntry(study, own([failure('EC03', 'hard')]))).not.toThrow();
  });
});
