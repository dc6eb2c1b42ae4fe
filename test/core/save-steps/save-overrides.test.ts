// Overrides of failing soft checks: who gave which reason when, kept across saves, dropped once the check passes.

import { decideOverrides, sameOverrides } from '../../../src/core/forms/save-overrides';
import type { CheckFailure } from '../../../src/shared/study/evaluate-subject';
import { miniStudyDefinition } from '../../helpers/site';

const study = miniStudyDefinition().compiled;
const by = { user: 'dora', at: '2026-11-25T10:00:00.000Z' };
const failure = (id: string, severity: 'hard' | 'soft'): CheckFailure => ({ id, severity, message: { en: `${id} failed`, it: `${id} non superato` }, fields: [], overriddenBy: null });
const BMI = failure('EC02', 'soft');
const HEIGHT = failure('RANGE_DM_HEIGHT_CM', 'soft');
const DX = failure('EC01', 'hard');

describe('deciding the overrides of a save', () => {
  it('records a new reason with who gave it and when, and marks the failure overridden', () => {
    const decision = decideOverrides(study, 'dm', [BMI, DX], { EC02: 'Chart confirms the weight' }, {}, by);
    expect(decision.overrides).toEqual({ EC02: { reason: 'Chart confirms the weight', by: 'dora', at: by.at } });
    expect(decision.newOverrides).toEqual(['EC02']);
    expect(decision.failures).toEqual([{ ...BMI, overriddenBy: decision.overrides.EC02 }, DX]);
  });

  it('keeps an earlier reason, its author and time when the check still fails and no new reason is given', () => {
    const before = { EC02: { reason: 'Chart confirms the weight', by: 'ivo', at: '2026-11-01T09:00:00.000Z' } };
    const decision = decideOverrides(study, 'dm', [BMI], undefined, before, by);
    expect(decision.overrides).toEqual(before);
    expect(decision.newOverrides).toEqual([]);
  });

  it('drops the reason of a check that now passes', () => {
    const before = { EC02: { reason: 'Chart confirms the weight', by: 'ivo', at: '2026-11-01T09:00:00.000Z' } };
    expect(decideOverrides(study, 'dm', [HEIGHT], { RANGE_DM_HEIGHT_CM: 'Measured twice' }, before, by).overrides).toEqual({ RANGE_DM_HEIGHT_CM: { reason: 'Measured twice', by: 'dora', at: by.at } });
  });

  it('refuses a reason for a check that is not a soft check of the form', () => {
    expect(() => decideOverrides(study, 'dm', [DX], { EC01: 'Hard checks cannot be overridden' }, {}, by)).toThrow(expect.objectContaining({ code: 'form.unknownOverride', details: { check: 'EC01' } }));
    expect(() => decideOverrides(study, 'dm', [], { EC04: 'A check of another form' }, {}, by)).toThrow(expect.objectContaining({ code: 'form.unknownOverride' }));
  });
});

describe('comparing overrides', () => {
  const a = { reason: 'r', by: 'dora', at: by.at };
  it('finds the same checks with the same reasons equal, and a different reason or author not', () => {
    expect(sameOverrides({ EC02: a }, { EC02: { ...a } })).toBe(true);
    expect(sameOverrides({ EC02: a }, { EC02: { ...a, reason: 's' } })).toBe(false);
    expect(sameOverrides({ EC02: a }, { EC02: { ...a, by: 'ivo' } })).toBe(false);
    expect(sameOverrides({ EC02: a }, {})).toBe(false);
  });
});
